// The console page (/console/): after sign-in, the views the key's role may use, one at a time,
// chosen in the navigation (#customers, …).
import {h, loading, show} from './dom.js';
import {nothingFor} from './roles.js';
import {start} from './shell.js';
import {viewsFor} from './views.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

start({
  main,
  who: document.getElementById('who'),
  signOutButton: document.getElementById('sign-out'),
  onSignedIn({api, me}) {
    const views = viewsFor(me.role);
    show(nav, views.map(view => h('a', {href: `#${view.id}`}, view.title)));
    const open = async () => {
      const view = views.find(candidate => `#${candidate.id}` === location.hash) ?? views[0];
      for (const link of nav.querySelectorAll('a')) {
        if (view && link.getAttribute('href') === `#${view.id}`) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
      if (!view) {
        show(main, h('div', {class: 'notice'}, h('h1', {}, 'Nothing here for this key'), h('p', {}, nothingFor(me.role))));
        return;
      }
      show(main, loading(`Opening ${view.title}…`));
      const module = await view.load();
      main.replaceChildren();
      module.mount(main, {api, me, params: new URLSearchParams(location.search), compact: false});
    };
    window.addEventListener('hashchange', open);
    open();
  },
});
