// Campaigns: the list (newest first), a new campaign, and the one opened, with its recipients and
// live progress. Finance reads them; a supervisor runs them.
import {during, h, loading, show} from '../dom.js';
import {reward, state, time} from '../format.js';
import {problemBox} from '../problems.js';
import {can} from '../roles.js';
import {reasonCodes} from '../agent/reasons.js';
import {agentIdField} from './agent-id.js';
import {campaignDetail} from './campaign-detail.js';
import {campaignForm} from './campaign-form.js';
import {countsOf} from './progress.js';

const number = value => new Intl.NumberFormat().format(value);

export function mount(container, {api, me}) {
  const mayRun = can(me.role, 'runCampaigns');
  const detail = h('div', {class: 'opened'});
  const list = h('ul', {class: 'cards campaigns'}, h('li', {}, loading('Loading the campaigns…')));
  const more = h('button', {type: 'button', class: 'secondary', hidden: true}, 'Show older');
  const create = mayRun ? h('section', {class: 'panel'}, loading('Loading the reason codes…')) : null;
  const agent = mayRun ? agentIdField(() => {}, 'The supervisor a new campaign runs in the name of.') : null;
  show(container,
    h('h1', {}, 'Campaigns'),
    detail,
    h('div', {class: 'columns'}, h('section', {class: 'panel campaign-list'}, h('h2', {}, 'All campaigns'), list, more),
      create));

  const rows = new Map();
  const open = campaign => {
    show(detail, campaignDetail({api, campaign, mayRun, onChange: current => rows.get(current.id)?.update(current)}));
    detail.querySelector('h2')?.setAttribute('tabindex', '-1');
    detail.querySelector('h2')?.focus();
  };

  if (mayRun) {
    reasonCodes(api).then(reasons => show(create, h('h2', {}, 'New campaign'), h('div', {class: 'row'}, agent.element),
      campaignForm({api, reasons, agentId: agent.value, onCreated: campaign => {
        list.querySelector('.hint')?.remove();
        list.prepend(row(campaign));
        open(campaign);
      }})), problem => show(create, problemBox(problem)));
  }

  const row = campaign => {
    const summary = h('div', {});
    const update = current => show(summary,
      h('div', {class: 'card-head'}, h('strong', {}, current.name), state(current.status)),
      h('div', {}, `${reward(current.reward)} each · ${number(countsOf(current).credited)} credited of `,
        `${number(countsOf(current).received)}`),
      h('div', {class: 'meta'}, `Incident ${current.incident_ref} · created `, time(current.created_at)));
    update(campaign);
    rows.set(campaign.id, {update});
    const button = h('button', {type: 'button', class: 'secondary small', 'aria-label': `Open ${campaign.name}`}, 'Open');
    // Opened as it is now, not as the list last read it.
    button.addEventListener('click', () => during(button, 'Opening…', () => api.get(`/v1/campaigns/${campaign.id}`))
      .then(open, problem => show(detail, problemBox(problem))));
    return h('li', {'data-campaign': campaign.id}, summary, button);
  };

  let cursor;
  let first = true;
  const load = async () => {
    const page = await api.get('/v1/campaigns', {limit: 20, cursor});
    if (first) list.replaceChildren();
    first = false;
    list.append(...page.data.map(row));
    if (!list.children.length) list.append(h('li', {class: 'hint'}, 'No campaign yet.'));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => during(more, 'Loading…', load).catch(problem => more.after(problemBox(problem))));
  load().catch(problem => show(list, h('li', {}, problemBox(problem))));
}
