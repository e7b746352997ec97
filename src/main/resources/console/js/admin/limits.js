// Limits: what a role's agents may give without approval (largest grant, daily total), agents' own
// limits that beat their role's, and the cap on what one customer receives in a rolling window.
import {field, h, loading, show} from '../dom.js';
import {money} from '../format.js';
import {problemBox} from '../problems.js';
import {agentLimits} from './agent-limits.js';
import {confirmation} from './confirm.js';
import {moneyField, saving} from './fields.js';

const ROLE_NAMES = {agent: 'Agents', supervisor: 'Supervisors'};

export function mount(container, {api}) {
  const body = h('div', {}, loading('Loading the limits…'));
  show(container, h('h1', {}, 'Limits'), body);
  // Each change answers the whole policy: the page is drawn again from it, saying what changed.
  const draw = (policy, done) => {
    show(body, done ? h('p', {class: 'success limits-saved', role: 'status', tabindex: -1}, done) : null,
      h('p', {class: 'hint'}, `Amounts are in ${policy.currency}. A grant over a limit waits for a supervisor's approval.`),
      h('div', {class: 'columns'},
        h('section', {class: 'panel role-limits'}, h('h2', {}, 'By role'),
          Object.keys(ROLE_NAMES).map(role => roleForm(api, policy, role, draw))),
        h('div', {},
          h('section', {class: 'panel customer-cap'}, h('h2', {}, 'Per customer'), capForm(api, policy, draw)),
          h('section', {class: 'panel agent-limits'}, h('h2', {}, 'Agents\' own limits'), agentLimits(api, policy, draw)))));
    // The form that had the focus is gone; the focus goes to what happened.
    body.querySelector('.limits-saved')?.focus();
  };
  api.get('/v1/policies').then(draw, problem => show(body, problemBox(problem)));
}

function roleForm(api, policy, role, draw) {
  const limits = policy.roles?.[role] ?? {};
  const max = moneyField('Largest single grant', policy.currency, limits.max_grant, {optional: true});
  const daily = moneyField('Daily total per person', policy.currency, limits.daily_total, {optional: true});
  const submit = h('button', {type: 'submit'}, `Save ${ROLE_NAMES[role].toLowerCase()}' limits`);
  const result = h('div', {'aria-live': 'polite'});
  const form = h('form', {class: 'limits-form', 'data-role': role, novalidate: true},
    h('h3', {}, ROLE_NAMES[role]), h('div', {class: 'row'}, max.element, daily.element),
    h('div', {class: 'actions'}, submit), result);
  saving(form, submit, result, wrong => ({max_grant: max.read(wrong), daily_total: daily.read(wrong)}),
    body => api.put(`/v1/policies/roles/${role}`, body), policy => draw(policy, `Saved the ${role} limits.`));
  return form;
}

function capForm(api, policy, draw) {
  const cap = policy.customer_cap;
  const amount = moneyField('At most', policy.currency, cap?.amount);
  const days = h('input', {type: 'number', min: 1, max: 3660, step: 1, value: cap?.window_days ?? 90});
  const submit = h('button', {type: 'submit'}, 'Save the cap');
  const drop = h('button', {type: 'button', class: 'secondary', hidden: !cap}, 'Drop the cap…');
  const result = h('div', {'aria-live': 'polite'});
  const ask = confirmation({question: 'Drop the per-customer cap? Customers can then receive any amount of goodwill '
      + 'that agents\' limits allow.', confirm: 'Drop the cap', busy: 'Dropping…',
    act: async () => draw(await api.delete('/v1/policies/customer-cap'), 'Dropped the per-customer cap.')});
  drop.addEventListener('click', ask.ask);
  const form = h('form', {class: 'cap-form', novalidate: true},
    h('p', {}, cap ? `Now: ${money(cap.amount)} in any ${cap.window_days} days.` : 'No cap is set.'),
    h('div', {class: 'row'}, amount.element, field('In any (days)', days)),
    h('div', {class: 'actions'}, submit, drop), ask.element, result);
  saving(form, submit, result, wrong => {
    const windowDays = Number(days.value);
    if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 3660) wrong(days, 'Give whole days from 1 to 3660.');
    return {amount: amount.read(wrong), window_days: windowDays};
  }, body => api.put('/v1/policies/customer-cap', body), policy => draw(policy, 'Saved the per-customer cap.'));
  return form;
}
