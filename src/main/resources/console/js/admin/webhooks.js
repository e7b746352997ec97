// Webhook endpoints: where events are sent. The list shows each endpoint's state (enabled, failing
// since, disabled by the server and why); opening one shows its deliveries and its actions.
import {during, h, loading, show} from '../dom.js';
import {time} from '../format.js';
import {problemBox} from '../problems.js';
import {eventTypes} from './event-types.js';
import {endpointState, webhookDetail} from './webhook-detail.js';
import {webhookForm} from './webhook-form.js';

export function mount(container, {api}) {
  const detail = h('div', {class: 'opened'});
  const list = h('ul', {class: 'cards endpoints'}, h('li', {}, loading('Loading the webhook endpoints…')));
  const create = h('section', {class: 'panel'}, h('h2', {}, 'New endpoint'), loading('Loading the event types…'));
  show(container, h('h1', {}, 'Webhooks'), detail,
    h('div', {class: 'columns'}, h('section', {class: 'panel'}, h('h2', {}, 'Endpoints'), list), create));

  const rows = new Map();
  const open = endpoint => {
    show(detail, webhookDetail({api, endpoint,
      onChange: current => rows.get(current.id)?.(current),
      onDeleted: id => {
        list.querySelector(`[data-endpoint="${id}"]`)?.remove();
        detail.replaceChildren(h('p', {class: 'success', role: 'status'}, 'Deleted: nothing more is sent to it.'));
      }}));
    detail.querySelector('h2')?.setAttribute('tabindex', '-1');
    detail.querySelector('h2')?.focus();
  };
  const row = endpoint => {
    const summary = h('div', {});
    const update = current => show(summary,
      h('div', {class: 'card-head'}, h('strong', {class: 'code'}, current.url), endpointState(current)),
      current.description ? h('div', {}, current.description) : null,
      h('div', {class: 'meta'}, current.event_types.length ? current.event_types.join(', ') : 'Every event type',
        ' · added ', time(current.created_at)));
    update(endpoint);
    rows.set(endpoint.id, update);
    const button = h('button', {type: 'button', class: 'secondary small', 'aria-label': `Open ${endpoint.url}`}, 'Open');
    // Opened as it is now, not as the list last read it.
    button.addEventListener('click', () => during(button, 'Opening…', () => api.get(`/v1/webhook-endpoints/${endpoint.id}`))
      .then(open, problem => show(detail, problemBox(problem))));
    return h('li', {'data-endpoint': endpoint.id}, summary, button);
  };

  eventTypes(api).then(types => show(create, h('h2', {}, 'New endpoint'), webhookForm({api, types, onCreated: endpoint => {
    list.querySelector('.hint')?.remove();
    list.prepend(row(endpoint));
  }})), problem => show(create, problemBox(problem)));
  api.all('/v1/webhook-endpoints').then(endpoints => {
    list.replaceChildren(...endpoints.map(row));
    if (!endpoints.length) list.append(h('li', {class: 'hint'}, 'No endpoint yet: events are kept in the feed only.'));
  }, problem => show(list, h('li', {}, problemBox(problem))));
}

