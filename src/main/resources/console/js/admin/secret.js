// A secret the API shows once (an API key's, a webhook endpoint's signing secret): shown here with a
// copy button and the warning that it cannot be shown again, because the server keeps only a hash
// of it (or will never answer it again). It is not kept anywhere else in the page.
import {copy, field, h} from '../dom.js';

export function secretBox({title, secret, use}) {
  const value = h('input', {readonly: true, value: secret, class: 'code secret', spellcheck: 'false', autocomplete: 'off'});
  const button = h('button', {type: 'button', class: 'secondary small'}, 'Copy');
  button.addEventListener('click', () => copy(secret, button, value));
  const labelled = field(title, value);
  labelled.append(button);
  labelled.className = 'secret-row';
  return h('div', {class: 'success secret-box', role: 'status'}, labelled,
    h('p', {}, h('strong', {}, 'Copy it now: it will not be shown again. '), use));
}
