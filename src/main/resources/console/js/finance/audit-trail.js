// The audit trail, searched by time (UTC days), key, action and target; newest first, a page at a
// time. Its CSV is the API's export of every event the same search matches.
import {during, field, h, show} from '../dom.js';
import {time} from '../format.js';
import {problemBox} from '../problems.js';
import {csvButton} from './csv.js';
import {table} from './tables.js';

const EVENTS = '/v1/audit-events';

export function auditTrail(api) {
  const from = h('input', {type: 'date', name: 'from'});
  const to = h('input', {type: 'date', name: 'to'});
  const key = h('input', {name: 'api_key_id', maxlength: 40, autocomplete: 'off', spellcheck: 'false'});
  const action = h('input', {name: 'action', maxlength: 64, autocomplete: 'off', spellcheck: 'false'});
  const target = h('input', {name: 'target_id', maxlength: 64, autocomplete: 'off', spellcheck: 'false'});
  const search = h('button', {type: 'submit'}, 'Search');
  const results = h('div', {class: 'audit-results', 'aria-live': 'polite'});
  const more = h('button', {type: 'button', class: 'secondary', hidden: true}, 'Show older');
  const filters = () => {
    const end = to.value ? new Date(`${to.value}T00:00:00Z`) : null;
    end?.setUTCDate(end.getUTCDate() + 1);
    return {from: from.value, to: end?.toISOString().slice(0, 10), api_key_id: key.value.trim(),
      action: action.value.trim(), target_id: target.value.trim()};
  };
  const form = h('form', {class: 'audit-search', novalidate: true},
    h('div', {class: 'row'}, field('From day', from), field('To day', to), field('Key id', key)),
    h('div', {class: 'row'}, field('Action', action, 'As the API names it, e.g. createGrant, revokeApiKey.'),
      field('Target id', target, 'A grant id, a reason code, an agent id…')),
    h('div', {class: 'actions'}, search, csvButton(api, EVENTS, filters, 'the audit events found')));

  let cursor;
  let events = [];
  const load = async fresh => {
    if (fresh) {
      cursor = undefined;
      events = [];
    }
    const page = await api.get(EVENTS, {...filters(), limit: 50, cursor});
    events = events.concat(page.data);
    cursor = page.next_cursor;
    more.hidden = !cursor;
    show(results, table(`${events.length}${cursor ? '+' : ''} ${events.length === 1 && !cursor ? 'event' : 'events'}, newest first`,
      ['Time', 'Key', 'Role', 'Agent', 'Action', 'Target'],
      events.map(e => [time(e.occurred_at), h('span', {title: e.api_key_id ?? ''}, e.api_key_name ?? '—'), e.role ?? '—',
        e.agent_id ?? '—', h('span', {class: 'code'}, e.action),
        [e.target_type, ' ', h('span', {class: 'code'}, e.target_id ?? '')]]), 'No event matches.'));
  };
  form.addEventListener('submit', event => {
    event.preventDefault();
    during(search, 'Searching…', () => load(true)).catch(problem => show(results, problemBox(problem)));
  });
  more.addEventListener('click', () => during(more, 'Loading…', () => load(false))
    .catch(problem => results.append(problemBox(problem))));
  load(true).catch(problem => show(results, problemBox(problem)));
  return h('section', {class: 'panel audit-trail'}, h('h2', {}, 'Audit trail'), form, results, more);
}
