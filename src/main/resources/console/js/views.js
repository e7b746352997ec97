// The console's views. Each names the roles it is for and loads its module only when opened. A view
// module exports mount(container, {api, me, params, compact}). A new view plugs in with one entry here
// and its own module. Finance reads the supervisor's views (the API lets it) without their actions.
import {ADMIN_VIEWS} from './admin/views.js';
import {FINANCE_VIEWS} from './finance/views.js';

export const VIEWS = [
  {id: 'customers', title: 'Customers', roles: ['agent', 'supervisor', 'finance'], load: () => import('./agent/agent-view.js')},
  {id: 'approvals', title: 'Approvals', roles: ['supervisor', 'finance'], load: () => import('./supervisor/approvals.js')},
  {id: 'campaigns', title: 'Campaigns', roles: ['supervisor', 'finance'], load: () => import('./supervisor/campaigns.js')},
  {id: 'budgets', title: 'Budgets', roles: ['supervisor', 'finance', 'admin'], load: () => import('./supervisor/budgets.js')},
  ...FINANCE_VIEWS, // the finance dashboard and the books: finance/views.js
  ...ADMIN_VIEWS, // API keys, reason codes, limits, webhooks: listed in admin/views.js
];

export function viewsFor(role) {
  return VIEWS.filter(view => view.roles.includes(role));
}
