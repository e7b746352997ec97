// An endpoint's deliveries, newest first, filtered by status: each event's type, its state, the
// attempts and the last answer or error (what to tell the receiver's owner), and when it is tried
// next. Recovery queues the failed ones (and what came while disabled) since a time again.
import {during, field, h, loading, show} from '../dom.js';
import {time} from '../format.js';
import {problemBox} from '../problems.js';

const STATUSES = {'': 'All', pending: 'Pending', delivered: 'Delivered', failed: 'Failed'};
const STATE_CLASS = {pending: 'held', delivered: 'active', failed: 'revoked'};

export function deliveriesView({api, path}) {
  const status = h('select', {name: 'status'}, Object.entries(STATUSES).map(([value, text]) => h('option', {value}, text)));
  const refresh = h('button', {type: 'button', class: 'secondary small'}, 'Refresh');
  const list = h('ul', {class: 'cards deliveries', 'aria-live': 'polite'});
  const more = h('button', {type: 'button', class: 'secondary', hidden: true}, 'Show older');
  const since = h('input', {type: 'datetime-local', name: 'since'});
  const recover = h('button', {type: 'button', class: 'secondary'}, 'Recover');
  const recovered = h('div', {'aria-live': 'polite'});

  let cursor;
  const load = async fresh => {
    if (fresh) {
      cursor = undefined;
      show(list, h('li', {}, loading('Loading the deliveries…')));
    }
    const page = await api.get(`${path}/deliveries`, {status: status.value, limit: 20, cursor});
    if (fresh) list.replaceChildren();
    list.append(...page.data.map(deliveryRow));
    if (!list.children.length) list.append(h('li', {class: 'hint'}, 'No delivery yet.'));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  };
  const reload = () => load(true).catch(problem => show(list, h('li', {}, problemBox(problem))));
  status.addEventListener('change', reload);
  refresh.addEventListener('click', () => during(refresh, 'Refreshing…', reload));
  more.addEventListener('click', () => during(more, 'Loading…', () => load(false)).catch(problem => more.after(problemBox(problem))));
  recover.addEventListener('click', async () => {
    recovered.replaceChildren();
    // datetime-local is the browser's zone; the API takes an instant.
    const at = since.value ? new Date(since.value) : null;
    if (!at || Number.isNaN(at.getTime())) {
      show(recovered, h('p', {class: 'field-error'}, 'Give the time from which to send failed events again.'));
      since.focus();
      return;
    }
    try {
      const queued = await during(recover, 'Recovering…',
        () => api.post(`${path}/recover?since=${encodeURIComponent(at.toISOString())}`));
      show(recovered, h('p', {class: 'success', role: 'status'},
        `${queued.queued} ${queued.queued === 1 ? 'delivery' : 'deliveries'} queued again.`));
      reload();
    } catch (problem) {
      show(recovered, problemBox(problem));
    }
  });
  reload();

  const element = h('div', {class: 'deliveries-panel'},
    h('h3', {}, 'Deliveries'),
    h('div', {class: 'row'}, field('Show', status), h('div', {class: 'narrow refresh'}, refresh)),
    list, more,
    h('h3', {}, 'Recover'),
    h('div', {class: 'row'}, field('Failed or missed since', since,
      'Events at or after this time (your zone) that failed, or came while it was disabled, are sent again.'),
    h('div', {class: 'narrow refresh'}, recover)),
    recovered);
  return {element, reload};
}

function deliveryRow(delivery) {
  return h('li', {'data-delivery': delivery.id, 'data-event': delivery.event_id},
    h('div', {class: 'card-head'}, h('strong', {class: 'code'}, delivery.event_type ?? 'event pruned'),
      h('span', {class: `state state-${STATE_CLASS[delivery.status] ?? delivery.status}`}, STATUSES[delivery.status] ?? delivery.status)),
    h('div', {class: 'meta'}, h('span', {class: 'code'}, delivery.event_id),
      ` · ${delivery.attempts} ${delivery.attempts === 1 ? 'attempt' : 'attempts'}`,
      delivery.last_response_status != null ? ` · last answer ${delivery.last_response_status}` : '',
      delivery.last_attempt_at ? [' · last tried ', time(delivery.last_attempt_at)] : '',
      delivery.delivered_at ? [' · delivered ', time(delivery.delivered_at)] : '',
      delivery.next_attempt_at && delivery.status === 'pending' ? [' · next try ', time(delivery.next_attempt_at)] : ''),
    delivery.last_error ? h('div', {class: 'field-error'}, `Error: ${delivery.last_error}`) : null);
}
