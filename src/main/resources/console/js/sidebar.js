// The helpdesk sidebar (/console/sidebar?customer_id=…&case_ref=…&agent_id=…): the agent view in one
// narrow column, filled in from the ticket the helpdesk shows it beside.
import {h, loading, show} from './dom.js';
import {can, nothingFor} from './roles.js';
import {start} from './shell.js';

const main = document.getElementById('main');

start({
  main,
  who: document.getElementById('who'),
  signOutButton: document.getElementById('sign-out'),
  async onSignedIn({api, me}) {
    if (!can(me.role, 'lookUpCustomers')) {
      show(main, h('div', {class: 'notice'}, h('h1', {}, 'Nothing here for this key'), h('p', {}, nothingFor(me.role))));
      return;
    }
    show(main, loading('Opening…'));
    const {mount} = await import('./agent/agent-view.js');
    main.replaceChildren();
    mount(main, {api, me, params: new URLSearchParams(location.search), compact: true});
  },
});
