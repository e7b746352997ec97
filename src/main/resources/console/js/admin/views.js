// The admin's pages, as entries of the console's view list (../views.js takes them in one line).
// Budgets are not here: the admin sets them on the budgets page the supervisor and finance read.
export const ADMIN_VIEWS = [
  {id: 'api-keys', title: 'API keys', roles: ['admin'], load: () => import('./keys.js')},
  {id: 'reason-codes', title: 'Reason codes', roles: ['admin'], load: () => import('./reasons.js')},
  {id: 'limits', title: 'Limits', roles: ['admin'], load: () => import('./limits.js')},
  {id: 'webhooks', title: 'Webhooks', roles: ['admin'], load: () => import('./webhooks.js')},
];
