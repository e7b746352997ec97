// The grant form for one customer: reason, case, channel, note, and points or a voucher, with
// "what may I offer" above the reward and the answer below the button.
import {during, field, h, loading, show} from '../dom.js';
import {CHANNEL_NAMES, fractionDigits, majorText, minorUnits} from '../format.js';
import {problemBox} from '../problems.js';
import {offerView} from './offer.js';
import {resultView} from './grant-result.js';

let forms = 0;

/**
 * The form sends one Idempotency-Key per grant the agent means to make. The key is made when the
 * form opens or is reset after a grant, and goes again with the same body however often that body
 * is sent (a double click, a retry after a lost answer), so the server grants it once. A body
 * changed after a refusal is another request and gets a new key: the server refuses a key reused
 * with a different body.
 */
export function grantForm({api, customerId, agentId, caseRef, channel, reasons, onGranted}) {
  const name = `grant-${++forms}`;
  const reason = h('select', {name: 'reason_code', required: true}, h('option', {value: ''}, 'Choose a reason…'),
    [...reasons.values()].filter(r => r.active).map(r => h('option', {value: r.code}, r.name)));
  const caseInput = h('input', {name: 'case_ref', required: true, maxlength: 100, autocomplete: 'off', value: caseRef ?? ''});
  const channelSelect = h('select', {name: 'channel'},
    Object.entries(CHANNEL_NAMES).map(([value, text]) => h('option', {value}, text)));
  channelSelect.value = CHANNEL_NAMES[channel] ? channel : 'email';
  const kinds = {points: 'Points', amount: 'Voucher: an amount', percent: 'Voucher: % off'};
  const kindInputs = Object.keys(kinds).map(value => h('input', {type: 'radio', name: `${name}-kind`, value}));
  const pointsInput = h('input', {name: 'points', type: 'number', min: 1, step: 1, inputmode: 'numeric'});
  const amountInput = h('input', {name: 'amount', inputmode: 'decimal', autocomplete: 'off'});
  const percentInput = h('input', {name: 'percent_off', type: 'number', min: 1, max: 100, step: 1});
  const capInput = h('input', {name: 'max_discount', inputmode: 'decimal', autocomplete: 'off'});
  const currency = h('input', {name: 'currency', maxlength: 3, autocomplete: 'off', value: 'EUR', class: 'code'});
  const note = h('textarea', {name: 'note', maxlength: 2000, rows: 2});
  const topUp = h('input', {type: 'checkbox', name: 'top_up'});
  const topUpRow = h('div', {hidden: true}, h('label', {}, topUp, ' Top-up: a second grant for this case (needs approval)'));
  const submit = h('button', {type: 'submit'}, 'Give goodwill');
  const offer = h('div', {'aria-live': 'polite'});
  const result = h('div', {'aria-live': 'polite', class: 'result'});

  const groups = {
    points: h('div', {}, field('Number of points', pointsInput)),
    amount: h('div', {class: 'row'}, field('Amount', amountInput), h('div', {class: 'narrow'}, field('Currency', currency))),
    percent: h('div', {class: 'row'}, field('Percent off', percentInput), field('At most (optional)', capInput)),
  };
  const form = h('form', {class: 'grant-form', method: 'post', novalidate: true},
    h('h2', {}, 'Give goodwill'),
    field('Reason', reason),
    h('div', {class: 'row'}, field('Case', caseInput), field('Channel', channelSelect)),
    offer,
    h('fieldset', {}, h('legend', {}, 'Reward'),
      h('div', {class: 'choice'}, kindInputs.map(input => h('label', {}, input, kinds[input.value]))),
      Object.values(groups)),
    topUpRow,
    field('Note (optional)', note),
    h('div', {class: 'actions'}, submit),
    result);

  let idempotencyKey = crypto.randomUUID();
  let sentBody = null;
  let sending = false;

  const kind = () => kindInputs.find(input => input.checked)?.value ?? 'points';
  const showKind = value => {
    for (const input of kindInputs) input.checked = input.value === value;
    for (const [key, group] of Object.entries(groups)) group.hidden = key !== value;
    // One currency field serves both voucher kinds; it moves to the group shown.
    if (value === 'percent') groups.percent.append(currency.closest('.narrow'));
    if (value === 'amount') groups.amount.append(currency.closest('.narrow'));
  };
  kindInputs.forEach(input => input.addEventListener('change', () => showKind(input.value)));
  showKind('points');

  // The reason's suggested reward fills the reward fields; the agent may change them.
  const prefill = suggestion => {
    if (!suggestion) return;
    if (suggestion.points != null) {
      showKind('points');
      pointsInput.value = suggestion.points;
      return;
    }
    const voucher = suggestion.voucher;
    showKind(voucher.type);
    const money = voucher.type === 'amount' ? voucher.value : voucher.max_discount;
    if (money) currency.value = money.currency;
    if (voucher.type === 'amount') amountInput.value = majorText(voucher.value.amount, voucher.value.currency);
    else {
      percentInput.value = voucher.percent_off;
      capInput.value = voucher.max_discount ? majorText(voucher.max_discount.amount, voucher.max_discount.currency) : '';
    }
  };

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
  reason.addEventListener('change', () => {
    prefill(reasons.get(reason.value)?.suggested_reward);
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

  /** The request body, or null after marking what is missing or wrong. */
  const read = () => {
    form.querySelectorAll('.field-error').forEach(error => error.remove());
    form.querySelectorAll('[aria-invalid]').forEach(control => control.removeAttribute('aria-invalid'));
    const errors = [];
    const wrong = (control, message) => errors.push([control, message]);
    const body = {customer_id: customerId, agent_id: agentId, reason_code: reason.value,
      case_ref: caseInput.value.trim(), channel: channelSelect.value};
    if (!body.reason_code) wrong(reason, 'Choose a reason.');
    if (!body.case_ref) wrong(caseInput, 'Name the case this makes amends for.');
    if (note.value.trim()) body.note = note.value.trim();
    if (topUp.checked && !topUpRow.hidden) body.top_up = true;
    const code = currency.value.trim().toUpperCase();
    const money = (input, optional) => {
      if (optional && !input.value.trim()) return undefined;
      if (!knownCurrency(code)) return wrong(currency, 'Give a currency code such as EUR.');
      const amount = minorUnits(input.value, code);
      if (!amount) return wrong(input, `Give an amount such as ${majorText(1050, code)}.`);
      return {amount, currency: code};
    };
    if (kind() === 'points') {
      const count = Number(pointsInput.value);
      if (!Number.isInteger(count) || count < 1) wrong(pointsInput, 'Give a whole number of points, 1 or more.');
      body.points = count;
    } else if (kind() === 'amount') {
      body.voucher = {type: 'amount', value: money(amountInput)};
    } else {
      const percent = Number(percentInput.value);
      if (!Number.isInteger(percent) || percent < 1 || percent > 100) wrong(percentInput, 'Give a whole percent from 1 to 100.');
      body.voucher = {type: 'percent', percent_off: percent, max_discount: money(capInput, true)};
    }
    for (const [control, message] of errors) {
      control.setAttribute('aria-invalid', 'true');
      control.after(h('p', {class: 'field-error'}, message));
    }
    errors[0]?.[0].focus();
    return errors.length ? null : body;
  };

  return form;
}

function knownCurrency(code) {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    fractionDigits(code);
    return true;
  } catch {
    return false;
  }
}
