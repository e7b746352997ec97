// The grant form for one customer: reason, case, channel, the reward, a note, with "what may I
// offer" above the reward and the answer below the button.
import {during, field, h, loading, show} from '../dom.js';
import {CHANNEL_NAMES} from '../format.js';
import {problemBox} from '../problems.js';
import {resultView} from './grant-result.js';
import {offerView} from './offer.js';
import {rewardFields} from './reward-fields.js';

/**
 * The form sends one Idempotency-Key per grant the agent means to make. The key is made when the
 * form opens or is reset after a grant, and goes again with the same body however often that body
 * is sent (a double click, a retry after a lost answer), so the server grants it once. A body
 * changed after a refusal is another request and gets a new key: the server refuses a key reused
 * with a different body.
 */
export function grantForm({api, customerId, agentId, caseRef, channel, reasons, onGranted}) {
  const reason = h('select', {name: 'reason_code', required: true}, h('option', {value: ''}, 'Choose a reason…'),
    [...reasons.values()].filter(r => r.active).map(r => h('option', {value: r.code}, r.name)));
  const caseInput = h('input', {name: 'case_ref', required: true, maxlength: 100, autocomplete: 'off', value: caseRef ?? ''});
  const channelSelect = h('select', {name: 'channel'},
    Object.entries(CHANNEL_NAMES).map(([value, text]) => h('option', {value}, text)));
  channelSelect.value = CHANNEL_NAMES[channel] ? channel : 'email';
  const reward = rewardFields();
  const note = h('textarea', {name: 'note', maxlength: 2000, rows: 2});
  const topUp = h('input', {type: 'checkbox', name: 'top_up'});
  const topUpRow = h('div', {hidden: true}, h('label', {}, topUp, ' Top-up: a second grant for this case (needs approval)'));
  const submit = h('button', {type: 'submit'}, 'Give goodwill');
  const offer = h('div', {class: 'offer-box', 'aria-live': 'polite'});
  const result = h('div', {class: 'result', 'aria-live': 'polite'});
  const form = h('form', {class: 'grant-form', method: 'post', novalidate: true},
    h('h2', {}, 'Give goodwill'),
    field('Reason', reason),
    h('div', {class: 'row'}, field('Case', caseInput), field('Channel', channelSelect)),
    offer,
    reward.element,
    topUpRow,
    field('Note (optional)', note),
    h('div', {class: 'actions'}, submit),
    result);

  let idempotencyKey = crypto.randomUUID();
  let sentBody = null;
  let sending = false;

  const refreshOffer = async () => {
    const code = reason.value;
    if (!code) {
      offer.replaceChildren();
      return;
    }
    // What was shown stays until the new answer replaces it: a box that shrank under the pointer
    // would move the button away from a click already on its way.
    if (!offer.hasChildNodes()) show(offer, loading('Checking what you may offer…'));
    offer.setAttribute('aria-busy', 'true');
    try {
      const allowance = await api.get('/v1/grants/allowance',
        {customer_id: customerId, agent_id: agentId, reason_code: code, case_ref: caseInput.value.trim()});
      if (reason.value !== code) return; // a later choice is being checked
      show(offer, offerView(allowance));
      topUpRow.hidden = !allowance.compensated_by;
      if (topUpRow.hidden) topUp.checked = false;
    } catch (problem) {
      show(offer, problemBox(problem));
    } finally {
      offer.removeAttribute('aria-busy');
    }
  };
  // The reason's suggested reward fills the reward fields; the agent may change them.
  reason.addEventListener('change', () => {
    reward.prefill(reasons.get(reason.value)?.suggested_reward);
    refreshOffer();
  });
  caseInput.addEventListener('change', refreshOffer);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (sending) return;
    const body = read();
    if (!body) return;
    const text = JSON.stringify(body);
    if (sentBody !== null && text !== sentBody) idempotencyKey = crypto.randomUUID();
    sentBody = text;
    sending = true;
    result.replaceChildren();
    try {
      const grant = await during(submit, 'Giving…', () => send(body));
      show(result, resultView(grant));
      idempotencyKey = crypto.randomUUID();
      sentBody = null;
      note.value = '';
      topUp.checked = false;
      onGranted(grant);
    } catch (problem) {
      show(result, problemBox(problem, problem.unanswered
        ? 'The grant may or may not have been made. Press “Give goodwill” again: the same request is sent again, '
          + 'and the server makes it at most once.'
        : null));
    } finally {
      sending = false;
    }
  });

  // While the first request with this key is still running, the server answers idempotency_key_in_use: wait for it.
  const send = async body => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await api.post('/v1/grants', body, idempotencyKey);
      } catch (problem) {
        if (problem.code !== 'idempotency_key_in_use' || attempt >= 5) throw problem;
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
    }
  };

  /** The request body, or null after marking what is missing or wrong beside its field. */
  const read = () => {
    form.querySelectorAll('.field-error').forEach(error => error.remove());
    form.querySelectorAll('[aria-invalid]').forEach(control => control.removeAttribute('aria-invalid'));
    const errors = [];
    const wrong = (control, message) => {
      errors.push([control, message]);
    };
    const body = {customer_id: customerId, agent_id: agentId, reason_code: reason.value,
      case_ref: caseInput.value.trim(), channel: channelSelect.value};
    if (!body.reason_code) wrong(reason, 'Choose a reason.');
    if (!body.case_ref) wrong(caseInput, 'Name the case this makes amends for.');
    Object.assign(body, reward.read(wrong));
    if (topUp.checked && !topUpRow.hidden) body.top_up = true;
    if (note.value.trim()) body.note = note.value.trim();
    for (const [control, message] of errors) {
      control.setAttribute('aria-invalid', 'true');
      control.after(h('p', {class: 'field-error'}, message));
    }
    errors[0]?.[0].focus();
    return errors.length ? null : body;
  };

  return form;
}
