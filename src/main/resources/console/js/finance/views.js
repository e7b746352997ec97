// Finance's pages, as entries of the console's view list (../views.js takes them in one line):
// the dashboard of a period, and the books (reconciliation, the audit chain and trail).
export const FINANCE_VIEWS = [
  {id: 'finance', title: 'Finance', roles: ['finance', 'admin'], load: () => import('./dashboard.js')},
  {id: 'books', title: 'Books', roles: ['finance', 'admin'], load: () => import('./books.js')},
];
