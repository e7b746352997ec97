// The goodwill history panel: the customer's grants, newest first, ten at a time.
import {during, h, loading, show} from '../dom.js';
import {channel, money, reward, state, time} from '../format.js';
import {problemBox} from '../problems.js';
import {ruleSentence} from '../rules.js';

export async function showHistory(panel, api, customerId, reasons) {
  const list = h('ul', {class: 'cards grants'}, h('li', {}, loading('Loading the history…')));
  const more = h('button', {type: 'button', class: 'secondary', hidden: true}, 'Show older');
  show(panel, h('h2', {}, 'Goodwill history'), list, more);
  let cursor;
  let first = true;
  const load = async () => {
    const [page, names] = await Promise.all([
      api.get('/v1/grants', {customer_id: customerId, limit: 10, cursor}),
      reasons.catch(() => new Map()),
    ]);
    if (first) list.replaceChildren();
    first = false;
    list.append(...page.data.map(grant => grantCard(grant, names)));
    if (!list.children.length) list.append(h('li', {class: 'hint'}, 'No goodwill given yet.'));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => during(more, 'Loading…', load).catch(problem => more.after(problemBox(problem))));
  try {
    await load();
  } catch (problem) {
    show(list, h('li', {}, problemBox(problem)));
  }
}

function grantCard(grant, reasons) {
  const approval = grant.approval;
  return h('li', {'data-grant': grant.id},
    h('div', {class: 'card-head'}, h('strong', {}, reasons.get(grant.reason_code)?.name ?? grant.reason_code), state(grant.status)),
    h('div', {}, reward(grant.reward), grant.value ? ` (worth ${money(grant.value)})` : '',
      grant.voucher ? [' · ', h('span', {class: 'code'}, grant.voucher.code)] : null),
    h('div', {class: 'meta'}, time(grant.created_at),
      ` · Agent ${grant.agent_id} · Case ${grant.case_ref} · ${channel(grant.channel)}`),
    grant.status === 'pending_approval' && approval?.reasons?.length
      ? h('ul', {class: 'meta'}, approval.reasons.map(violation => h('li', {}, ruleSentence(violation))))
      : null,
    approval?.decided_by
      ? h('div', {class: 'meta'}, `${grant.status === 'rejected' ? 'Rejected' : 'Approved'} by ${approval.decided_by}`,
        approval.note ? `: ${approval.note}` : '')
      : null,
    grant.revocation ? h('div', {class: 'meta'}, `Revoked: ${grant.revocation.reason}`) : null,
    grant.note ? h('div', {class: 'meta'}, `Note: ${grant.note}`) : null);
}
