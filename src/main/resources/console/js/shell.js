// What the console and the sidebar share: the sign-in gate, who is signed in, and signing out.
import {apiClient} from './api.js';
import {h, loading, show} from './dom.js';
import {problemBox} from './problems.js';
import {signIn, signOut, storedKey} from './session.js';
import {signInForm} from './signin.js';

/**
 * Starts a page. With a key kept in this tab it asks GET /v1/me who the key is; without one, or when
 * the server refuses it, it shows the sign-in form. onSignedIn({api, me}) then builds the page for
 * that key's role.
 */
export async function start({main, who, signOutButton, onSignedIn}) {
  signOutButton.addEventListener('click', () => {
    signOut();
    // A reload leaves nothing of the signed-in page in memory, and shows the sign-in form.
    location.reload();
  });

  const refused = () => {
    signOut();
    signInPage({title: 'Signed out', detail: 'The server no longer accepts this key. Sign in with a valid key.'});
  };

  const enter = (secret, me) => {
    who.textContent = `${me.name} · ${me.role}`;
    signOutButton.hidden = false;
    main.replaceChildren();
    onSignedIn({api: apiClient(secret, {onUnauthorized: refused}), me});
  };

  const signInPage = problem => {
    who.textContent = '';
    signOutButton.hidden = true;
    show(main, signInForm(async secret => enter(secret, await signIn(secret)), problem));
  };

  const secret = storedKey();
  if (!secret) {
    signInPage();
    return;
  }
  show(main, loading('Checking your key…'));
  try {
    enter(secret, await apiClient(secret).get('/v1/me'));
  } catch (problem) {
    if (problem.status === 401) {
      refused();
    } else {
      show(main, problemBox(problem),
        h('button', {type: 'button', onclick: () => location.reload()}, 'Try again'));
    }
  }
}
