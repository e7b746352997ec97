// The admin's part of the budgets page: set a monthly budget overall or for a reason category (soft:
// over it grants need approval; hard: refused), change one, or drop it after asking.
import {field, h} from '../dom.js';
import {majorText} from '../format.js';
import {confirmation} from './confirm.js';
import {moneyField, saving} from './fields.js';

/** A promise of {element, edit(budget)}: the form needs the policy currency and the categories in use. */
export async function budgetForm({api, onSaved}) {
  const [policy, reasons] = await Promise.all([api.get('/v1/policies'), api.all('/v1/reason-codes')]);
  const categories = [...new Set(reasons.map(reason => reason.category))].sort();
  const scope = h('select', {name: 'scope'}, h('option', {value: 'overall'}, 'Overall'),
    categories.map(category => h('option', {value: category}, `Category “${category}”`)));
  const amount = moneyField('Per month', policy.currency, null);
  const mode = h('select', {name: 'mode'}, h('option', {value: 'soft'}, 'Soft: over it, grants need approval'),
    h('option', {value: 'hard'}, 'Hard: over it, grants are refused'));
  const submit = h('button', {type: 'submit'}, 'Save budget');
  const result = h('div', {'aria-live': 'polite'});
  const element = h('form', {class: 'budget-form', novalidate: true},
    field('Budget for', scope, 'Overall, or the reason category it counts grants of.'),
    h('div', {class: 'row'}, amount.element, field('Kind', mode)),
    h('div', {class: 'actions'}, submit), result);
  saving(element, submit, result, wrong => ({scope: scope.value, body: {amount: amount.read(wrong), mode: mode.value}}),
    ({scope: name, body}) => api.put(`/v1/budgets/${encodeURIComponent(name)}`, body), saved => {
      result.replaceChildren(h('p', {class: 'success', role: 'status'},
        `Saved the ${saved.scope === 'overall' ? 'overall' : `“${saved.scope}”`} budget.`));
      onSaved(saved);
    });
  const edit = budget => {
    if (![...scope.options].some(option => option.value === budget.scope)) scope.append(h('option', {value: budget.scope}, budget.scope));
    scope.value = budget.scope;
    amount.input.value = majorText(budget.budget.amount, budget.budget.currency);
    mode.value = budget.mode;
    amount.input.focus();
  };
  return {element, edit};
}

/** Change and drop buttons for one budget's card. */
export function budgetActions({api, budget, onEdit, onChange}) {
  const name = budget.scope === 'overall' ? 'the overall budget' : `the “${budget.scope}” budget`;
  const ask = confirmation({question: `Drop ${name}? Grants are then no longer counted against it.`,
    confirm: 'Drop budget', busy: 'Dropping…',
    act: async () => {
      await api.delete(`/v1/budgets/${encodeURIComponent(budget.scope)}`);
      onChange();
    }});
  return h('div', {},
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary small', 'aria-label': `Change ${name}`, onclick: () => onEdit(budget)}, 'Change'),
      h('button', {type: 'button', class: 'secondary small', 'aria-label': `Drop ${name}`, onclick: ask.ask}, 'Drop…')),
    ask.element);
}
