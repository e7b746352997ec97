// The console's views. Each names the roles it is for and loads its module only when opened. A view
// module exports mount(container, {api, me, params, compact}). A new view (the supervisor's approval
// queue, campaigns) plugs in with one entry here and its own module.
export const VIEWS = [
];

export function viewsFor(role) {
  return VIEWS.filter(view => view.roles.includes(role));
}
