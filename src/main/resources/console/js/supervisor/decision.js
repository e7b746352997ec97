// Approve or reject one waiting grant, with a note. Four eyes: the supervisor who asked for a grant
// (the API knows them by agent id) sees its buttons disabled with the reason, before the API
// would refuse them. One Idempotency-Key per decision, sent again with the same body on a retry.
import {during, field, h, show} from '../dom.js';
import {reward} from '../format.js';
import {problemBox} from '../problems.js';

let forms = 0;

export function decisionForm({api, grant, decider}) {
  const id = `decision-${++forms}`;
  const note = h('textarea', {name: 'note', maxlength: 500, rows: 2});
  const approve = h('button', {type: 'button'}, 'Approve');
  const reject = h('button', {type: 'button', class: 'secondary'}, 'Reject');
  const why = h('p', {class: 'notice own', id: `${id}-why`, hidden: true});
  const result = h('div', {'aria-live': 'polite'});
  const element = h('div', {class: 'decision'},
    field('Note (required to reject)', note), why, h('div', {class: 'actions'}, approve, reject), result);

  let agentId = decider;
  let idempotencyKey = crypto.randomUUID();
  let sentBody = null;

  const setDecider = value => {
    agentId = value;
    const own = Boolean(value) && value === grant.agent_id;
    why.hidden = !own;
    why.textContent = own ? `You asked for this grant as agent ${value}: another supervisor must decide it.` : '';
    for (const button of [approve, reject]) {
      button.disabled = own;
      if (own) button.setAttribute('aria-describedby', why.id);
      else button.removeAttribute('aria-describedby');
    }
  };
  setDecider(decider);

  const decide = async (button, verb, label) => {
    result.replaceChildren();
    element.querySelectorAll('.field-error').forEach(error => error.remove());
    if (!agentId) {
      result.append(h('p', {class: 'field-error'}, 'Give your agent id above: the decision is made in your name.'));
      return;
    }
    if (verb === 'reject' && !note.value.trim()) {
      note.after(h('p', {class: 'field-error'}, 'Say why it is rejected.'));
      note.focus();
      return;
    }
    const body = {agent_id: agentId, ...(note.value.trim() ? {note: note.value.trim()} : {})};
    const text = JSON.stringify([verb, body]);
    if (sentBody !== null && text !== sentBody) idempotencyKey = crypto.randomUUID();
    sentBody = text;
    try {
      const decided = await during(button, label, () => api.post(`/v1/grants/${grant.id}/${verb}`, body, idempotencyKey));
      show(element, decidedView(decided));
    } catch (problem) {
      show(result, problemBox(problem, problem.unanswered
        ? 'The decision may or may not have been made. Press the button again: the server makes it at most once.' : null));
      setDecider(agentId);
    }
  };
  approve.addEventListener('click', () => decide(approve, 'approve', 'Approving…'));
  reject.addEventListener('click', () => decide(reject, 'reject', 'Rejecting…'));

  return {element, decider: setDecider};
}

function decidedView(grant) {
  const by = grant.approval?.decided_by;
  if (grant.status === 'rejected') {
    return h('p', {class: 'notice decided', role: 'status'}, `Rejected by ${by}: the customer gets nothing.`);
  }
  return h('p', {class: 'success decided', role: 'status'}, `Approved by ${by}: ${reward(grant.reward)} issued`,
    grant.voucher ? [' as voucher ', h('span', {class: 'code'}, grant.voucher.code)] : '', '.');
}
