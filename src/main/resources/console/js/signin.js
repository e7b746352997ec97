// The sign-in form: an API key, checked against GET /v1/me before it is kept.
import {during, field, h, show} from './dom.js';
import {problemBox} from './problems.js';

/** onKey(secret) signs in and builds the page; a refusal shows here, with the API's words. */
export function signInForm(onKey, problem) {
  const input = h('input', {type: 'password', name: 'api-key', autocomplete: 'off', autocapitalize: 'off',
    spellcheck: 'false', required: true});
  const button = h('button', {type: 'submit'}, 'Sign in');
  const message = h('div', {'aria-live': 'polite'}, problem ? problemBox(problem) : null);
  const form = h('form', {class: 'panel signin', method: 'post'},
    h('h1', {}, 'Sign in'),
    field('API key', input, 'Kept in this browser tab only, until you sign out or close the tab.'),
    h('div', {class: 'actions'}, button),
    message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const secret = input.value.trim();
    if (!secret) return;
    try {
      await during(button, 'Checking…', () => onKey(secret));
    } catch (refusal) {
      show(message, problemBox(refusal));
      input.focus();
    }
  });
  setTimeout(() => input.focus());
  return form;
}
