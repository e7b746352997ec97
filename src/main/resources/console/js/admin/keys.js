// API keys: who may call the API. A new key's secret is shown once (the server keeps its hash only);
// revoking one asks first, because every integration using that key stops at its next request.
// Rolling one asks too: it shows the new secret once, and the old one keeps working for a day.
import {during, field, h, loading, show} from '../dom.js';
import {time} from '../format.js';
import {problemBox} from '../problems.js';
import {confirmation} from './confirm.js';
import {secretBox} from './secret.js';

const ROLES = {
  agent: 'Agent: gives goodwill within its limits',
  supervisor: 'Supervisor: approves, runs campaigns',
  finance: 'Finance: reads reports and the books',
  storefront: 'Storefront: balances and redemption at checkout',
  admin: 'Admin: keys, reason codes, limits, webhooks',
};

export function mount(container, {api, me}) {
  const list = h('ul', {class: 'cards keys'}, h('li', {}, loading('Loading the API keys…')));
  const more = h('button', {type: 'button', class: 'secondary', hidden: true}, 'Show older');
  show(container, h('h1', {}, 'API keys'),
    h('div', {class: 'columns'},
      h('section', {class: 'panel'}, h('h2', {}, 'All keys'), list, more),
      h('section', {class: 'panel'}, h('h2', {}, 'New key'), createForm(api, key => {
        list.querySelector('.hint')?.remove();
        list.prepend(keyRow(api, key, me));
      }))));

  let cursor;
  let first = true;
  const load = async () => {
    const page = await api.get('/v1/api-keys', {limit: 50, cursor});
    if (first) list.replaceChildren();
    first = false;
    list.append(...page.data.map(key => keyRow(api, key, me)));
    if (!list.children.length) list.append(h('li', {class: 'hint'}, 'No key yet.'));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => during(more, 'Loading…', load).catch(problem => more.after(problemBox(problem))));
  load().catch(problem => show(list, h('li', {}, problemBox(problem))));
}

function createForm(api, onCreated) {
  const name = h('input', {name: 'name', required: true, maxlength: 100, autocomplete: 'off'});
  const role = h('select', {name: 'role'}, Object.entries(ROLES).map(([value, text]) => h('option', {value}, text)));
  const submit = h('button', {type: 'submit'}, 'Create key');
  const result = h('div', {'aria-live': 'polite'});
  const form = h('form', {class: 'key-form', novalidate: true},
    field('Name', name, 'Who or what uses it, e.g. zendesk-app; shown in the audit trail.'),
    field('Role', role), h('div', {class: 'actions'}, submit), result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    result.replaceChildren();
    if (!name.value.trim()) {
      show(result, h('p', {class: 'field-error'}, 'Give the key a name.'));
      name.focus();
      return;
    }
    try {
      const key = await during(submit, 'Creating…', () => api.post('/v1/api-keys', {name: name.value.trim(), role: role.value}));
      show(result, secretBox({title: `Secret of ${key.name}`, secret: key.secret,
        use: 'Send it as Authorization: Bearer <secret>.'}));
      result.querySelector('input').focus();
      name.value = '';
      onCreated(key);
    } catch (problem) {
      show(result, problemBox(problem));
    }
  });
  return form;
}

function keyRow(api, key, me) {
  const row = h('li', {'data-key': key.id});
  const result = h('div', {'aria-live': 'polite'});
  const render = current => {
    // The key in use is not offered for revoking or rolling: the page would lock its admin out mid-task.
    const own = current.id === me.key_id;
    const expired = current.expires_at && new Date(current.expires_at) <= new Date();
    const state = current.revoked_at ? 'revoked' : expired ? 'expired' : 'active';
    const actions = current.revoked_at || own ? [] : [
      h('button', {type: 'button', class: 'secondary small', 'aria-label': `Roll ${current.name}`}, 'Roll…'),
      h('button', {type: 'button', class: 'secondary small', 'aria-label': `Revoke ${current.name}`}, 'Revoke…'),
    ];
    const roll = confirmation({
      question: `Roll “${current.name}”? It gets a new secret, shown once; the current secret keeps working for `
        + '24 hours, then is refused.' + (expired ? ' The key has expired: give it a new expiry through the API.' : ''),
      confirm: 'Roll key', busy: 'Rolling…',
      act: async () => {
        const rolled = await api.post(`/v1/api-keys/${current.id}/roll`, {});
        render(rolled);
        show(result, secretBox({title: `New secret of ${rolled.name}`, secret: rolled.secret,
          use: 'Put it where the old one is used before the old one stops working.'}));
        result.querySelector('input').focus();
      },
    });
    const revoke = confirmation({
      question: `Revoke “${current.name}”? Everything using this key is refused from its next request; a revoked key `
        + 'cannot be restored.',
      confirm: 'Revoke key', busy: 'Revoking…',
      act: async () => {
        result.replaceChildren();
        render(await api.delete(`/v1/api-keys/${current.id}`));
      },
    });
    actions[0]?.addEventListener('click', roll.ask);
    actions[1]?.addEventListener('click', revoke.ask);
    show(row,
      h('div', {class: 'card-head'}, h('strong', {}, current.name),
        h('span', {class: `state state-${state === 'active' ? 'active' : 'revoked'}`},
          {revoked: 'Revoked', expired: 'Expired', active: 'Active'}[state])),
      h('div', {}, `Role ${current.role}`, own ? ' · the key you are signed in with' : ''),
      h('div', {class: 'meta'}, 'Created ', time(current.created_at), ' · last used ',
        current.last_used_at ? time(current.last_used_at) : 'never',
        current.expires_at ? [' · expires ', time(current.expires_at)] : '',
        current.rolled_at ? [' · rolled ', time(current.rolled_at)] : '',
        current.previous_secret_expires_at ? [' · old secret until ', time(current.previous_secret_expires_at)] : '',
        current.revoked_at ? [' · revoked ', time(current.revoked_at)] : ''),
      actions.length ? h('div', {class: 'actions'}, ...actions) : null, roll.element, revoke.element, result);
  };
  render(key);
  return row;
}
