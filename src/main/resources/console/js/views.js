// The console's views. Each names the roles it is for and loads its module only when opened. A view
// module exports mount(container, {api, me, params, compact}). A new view (the supervisor's approval
// queue, campaigns) plugs in with one entry here and its own module.
export const VIEWS = [
  {id: 'customers', title: 'Customers', roles: ['agent', 'supervisor', 'finance'], load: () => import('./agent/agent-view.js')},
];

export function viewsFor(role) {
  return VIEWS.filter(view => view.roles.includes(role));
}
