// A new campaign: name, incident, reason code, the reward each customer gets (the reason's suggestion
// unless changed), an optional cost cap and an optional message template for whoever tells them.
import {during, field, h, show} from '../dom.js';
import {majorText, minorUnits, reward as rewardText} from '../format.js';
import {problemBox} from '../problems.js';

export function campaignForm({api, reasons, agentId, onCreated}) {
  const name = h('input', {name: 'name', required: true, maxlength: 200, autocomplete: 'off'});
  const incident = h('input', {name: 'incident_ref', required: true, maxlength: 100, autocomplete: 'off'});
  const reason = h('select', {name: 'reason_code', required: true}, h('option', {value: ''}, 'Choose a reason…'),
    [...reasons.values()].filter(r => r.active).map(r => h('option', {value: r.code}, r.name)));
  const kind = h('select', {name: 'reward_kind'},
    h('option', {value: 'points'}, 'Points'), h('option', {value: 'amount'}, 'Voucher: an amount'));
  const pointsInput = h('input', {name: 'points', type: 'number', min: 1, step: 1, inputmode: 'numeric'});
  const amount = h('input', {name: 'amount', inputmode: 'decimal', autocomplete: 'off'});
  const currency = h('input', {name: 'currency', maxlength: 3, value: 'EUR', autocomplete: 'off', class: 'code'});
  const cap = h('input', {name: 'cost_cap', inputmode: 'decimal', autocomplete: 'off'});
  const capCurrency = h('input', {name: 'cost_cap_currency', maxlength: 3, value: 'EUR', autocomplete: 'off', class: 'code'});
  const subject = h('input', {name: 'subject', maxlength: 200, autocomplete: 'off'});
  const body = h('textarea', {name: 'body', maxlength: 4000, rows: 3});
  const create = h('button', {type: 'submit'}, 'Create campaign');
  const result = h('div', {'aria-live': 'polite'});
  const pointsGroup = field('Points each', pointsInput);
  const amountGroup = h('div', {class: 'row'}, field('Voucher amount each', amount), h('div', {class: 'narrow'}, field('Currency', currency)));

  const form = h('form', {class: 'campaign-form', method: 'post', novalidate: true},
    h('div', {class: 'row'}, field('Campaign name', name), field('Incident', incident)),
    field('Reason', reason),
    h('div', {class: 'row'}, field('Reward', kind), pointsGroup, amountGroup),
    h('div', {class: 'row'}, field('Cost cap (optional)', cap, 'Crediting stops before the campaign would cost more.'),
      h('div', {class: 'narrow'}, field('Cap currency', capCurrency, 'The accounting currency.'))),
    h('fieldset', {}, h('legend', {}, 'Message for the customers (optional)'),
      field('Subject', subject), field('Text', body, 'Placeholders: {{customer_id}}, {{points}}, {{voucher_code}}, '
        + '{{expires_at}}, {{campaign_name}}.')),
    h('div', {class: 'actions'}, create), result);

  const showKind = () => {
    pointsGroup.hidden = kind.value !== 'points';
    amountGroup.hidden = kind.value !== 'amount';
  };
  kind.addEventListener('change', showKind);
  reason.addEventListener('change', () => {
    const suggested = reasons.get(reason.value)?.suggested_reward;
    if (suggested?.points != null) {
      kind.value = 'points';
      pointsInput.value = suggested.points;
    } else if (suggested?.voucher?.type === 'amount') {
      kind.value = 'amount';
      amount.value = majorText(suggested.voucher.value.amount, suggested.voucher.value.currency);
      currency.value = suggested.voucher.value.currency;
    }
    showKind();
  });
  showKind();

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const request = read();
    if (!request) return;
    result.replaceChildren();
    try {
      const campaign = await during(create, 'Creating…', () => api.post('/v1/campaigns', request));
      show(result, h('p', {class: 'success', role: 'status'}, `Campaign “${campaign.name}” created: `,
        `${rewardText(campaign.reward)} for each recipient. Add its recipients in the campaign above.`));
      form.reset();
      showKind();
      onCreated(campaign);
    } catch (problem) {
      show(result, problemBox(problem));
    }
  });

  /** The request, or null after marking what is missing or wrong. */
  const read = () => {
    form.querySelectorAll('.field-error').forEach(error => error.remove());
    const errors = [];
    const wrong = (control, message) => errors.push([control, message]);
    const code = currency.value.trim().toUpperCase();
    const request = {name: name.value.trim(), incident_ref: incident.value.trim(), reason_code: reason.value,
      agent_id: agentId()};
    if (!request.name) wrong(name, 'Name the campaign.');
    if (!request.incident_ref) wrong(incident, 'Name the incident it makes amends for.');
    if (!request.reason_code) wrong(reason, 'Choose a reason.');
    if (!request.agent_id) wrong(create, 'Give your agent id above: the campaign runs in your name.');
    if (kind.value === 'points') {
      const count = Number(pointsInput.value);
      if (!Number.isInteger(count) || count < 1) wrong(pointsInput, 'Give a whole number of points, 1 or more.');
      request.reward = {points: count};
    } else {
      const minor = /^[A-Z]{3}$/.test(code) ? minorUnits(amount.value, code) : null;
      if (!minor) wrong(amount, 'Give an amount and a currency, such as 10.00 EUR.');
      request.reward = {voucher: {type: 'amount', value: {amount: minor, currency: code}}};
    }
    if (cap.value.trim()) {
      const capCode = capCurrency.value.trim().toUpperCase();
      const minor = /^[A-Z]{3}$/.test(capCode) ? minorUnits(cap.value, capCode) : null;
      if (!minor) wrong(cap, 'Give an amount such as 5000.00 and its currency, or leave it empty.');
      request.cost_cap = {amount: minor, currency: capCode};
    }
    if (subject.value.trim() || body.value.trim()) {
      request.message = {subject: subject.value.trim() || undefined, body: body.value.trim() || undefined};
    }
    for (const [control, message] of errors) control.after(h('p', {class: 'field-error'}, message));
    errors[0]?.[0].focus();
    return errors.length ? null : request;
  };

  return form;
}
