// The monthly budgets (overall and per reason category) with what this month's grants have
// committed, issued and pending, against each. Supervisors and finance read them; an admin also
// sets, changes and drops them here, beside the use they would change.
import {h, loading, show} from '../dom.js';
import {money} from '../format.js';
import {problemBox} from '../problems.js';
import {can} from '../roles.js';
import {budgetActions, budgetForm} from '../admin/budget-form.js';

const MODES = {soft: 'Soft: over it, grants need approval', hard: 'Hard: over it, grants are refused'};

export async function mount(container, {api, me}) {
  const mayAdminister = can(me.role, 'administer');
  const panel = h('section', {class: 'panel budgets'}, h('h1', {}, 'Budgets this month'), loading('Loading the budgets…'));
  const admin = mayAdminister ? h('section', {class: 'panel budget-admin'}, loading('Loading the policy currency…')) : null;
  show(container, mayAdminister ? h('div', {class: 'columns'}, panel, admin) : panel);
  let form;
  const load = async () => {
    try {
      const budgets = await api.get('/v1/budgets');
      show(panel, h('h1', {}, `Budgets for ${budgets[0]?.month ?? 'this month'}`),
        budgets.length
          ? h('ul', {class: 'cards'}, budgets.map(budget => budgetCard(budget,
            mayAdminister ? budgetActions({api, budget, onEdit: b => form?.edit(b), onChange: load}) : null)))
          : h('p', {class: 'hint'}, 'No budget is set: goodwill is limited only by the agents\' limits and customer caps.'));
    } catch (problem) {
      show(panel, h('h1', {}, 'Budgets this month'), problemBox(problem));
    }
  };
  if (mayAdminister) {
    budgetForm({api, onSaved: load}).then(made => {
      form = made;
      show(admin, h('h2', {}, 'Set a budget'), made.element);
    }, problem => show(admin, problemBox(problem)));
  }
  await load();
}

function budgetCard(budget, actions) {
  const used = budget.budget.amount > 0 ? budget.committed.amount / budget.budget.amount : 1;
  const percent = Math.round(used * 100);
  const over = budget.remaining.amount < 0;
  return h('li', {'data-scope': budget.scope},
    h('div', {class: 'card-head'}, h('strong', {}, budget.scope === 'overall' ? 'Overall' : `Category “${budget.scope}”`),
      h('span', {class: 'meta'}, MODES[budget.mode] ?? budget.mode)),
    h('meter', {min: 0, max: 1, low: 0.8, high: 0.95, optimum: 0, value: Math.min(used, 1),
      'aria-label': `${budget.scope} budget used`, title: `${percent}% used`}),
    h('p', {}, `${money(budget.committed)} of ${money(budget.budget)} used (${percent}%): `,
      over ? h('strong', {class: 'over'}, `${money({...budget.remaining, amount: -budget.remaining.amount})} over`)
        : `${money(budget.remaining)} left`),
    actions);
}
