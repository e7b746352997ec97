// The approval queue: grants waiting for a supervisor, oldest first (the API's order), each with who
// asked, for whom, what, the rules it broke in words and how long it has waited. A supervisor
// decides; finance reads the same queue without the buttons.
import {during, h, loading, show} from '../dom.js';
import {ago, channel, money, reward} from '../format.js';
import {problemBox} from '../problems.js';
import {can} from '../roles.js';
import {ruleSentence} from '../rules.js';
import {reasonCodes} from '../agent/reasons.js';
import {agentIdField} from './agent-id.js';
import {decisionForm} from './decision.js';

export function mount(container, {api, me}) {
  const mayDecide = can(me.role, 'decideGrants');
  const decisions = [];
  const agent = mayDecide ? agentIdField(id => decisions.forEach(form => form.decider(id)),
    'The agent id you decide as. A grant you asked for yourself is for another supervisor to decide.') : null;
  const list = h('ul', {class: 'cards queue'}, h('li', {}, loading('Loading the grants awaiting approval…')));
  const more = h('button', {type: 'button', class: 'secondary', hidden: true}, 'Show more');
  const count = h('p', {class: 'meta', 'aria-live': 'polite'});
  show(container, h('section', {class: 'panel approvals'},
    h('h1', {}, 'Awaiting approval'),
    mayDecide ? h('div', {class: 'row'}, agent.element) : null,
    count, list, more));

  const reasons = reasonCodes(api).catch(() => new Map());
  let cursor;
  let shown = 0;
  const load = async () => {
    const [page, names] = await Promise.all([api.get('/v1/grants', {status: 'pending_approval', limit: 20, cursor}), reasons]);
    if (!shown) list.replaceChildren();
    for (const grant of page.data) {
      const card = grantCard(grant, names);
      if (mayDecide) {
        const form = decisionForm({api, grant, decider: agent.value()});
        decisions.push(form);
        card.append(form.element);
      }
      list.append(card);
    }
    shown += page.data.length;
    cursor = page.next_cursor;
    more.hidden = !cursor;
    count.textContent = shown ? `${shown}${cursor ? '+' : ''} ${shown === 1 ? 'grant waits' : 'grants wait'}, oldest first.` : '';
    if (!shown) list.append(h('li', {class: 'hint'}, 'Nothing waits for approval.'));
  };
  more.addEventListener('click', () => during(more, 'Loading…', load).catch(problem => more.after(problemBox(problem))));
  load().catch(problem => show(list, h('li', {}, problemBox(problem))));
}

function grantCard(grant, reasons) {
  const rules = grant.approval?.reasons ?? [];
  return h('li', {'data-grant': grant.id},
    h('div', {class: 'card-head'},
      h('strong', {}, reward(grant.reward), grant.value ? ` (worth ${money(grant.value)})` : ''),
      h('span', {class: 'meta'}, 'Asked ', ago(grant.created_at))),
    h('dl', {class: 'figures'},
      h('dt', {}, 'Asked by'), h('dd', {}, `Agent ${grant.agent_id}`),
      h('dt', {}, 'For'), h('dd', {}, h('span', {class: 'code'}, grant.customer_id)),
      h('dt', {}, 'Reason'), h('dd', {}, reasons.get(grant.reason_code)?.name ?? grant.reason_code),
      h('dt', {}, 'Case'), h('dd', {}, `${grant.case_ref} · ${channel(grant.channel)}`)),
    grant.top_up ? h('p', {class: 'meta'}, 'A top-up: the case was compensated before.') : null,
    grant.note ? h('p', {class: 'meta'}, `Note: ${grant.note}`) : null,
    h('p', {}, 'It needs approval because:'),
    h('ul', {class: 'rules'}, rules.map(violation => h('li', {}, ruleSentence(violation)))));
}
