// One webhook endpoint opened: what it is, its actions (ping, rotate the secret, disable or enable,
// recover, delete) and its deliveries, newest first, with the failures' answers and errors.
import {during, h, show} from '../dom.js';
import {time} from '../format.js';
import {problemBox} from '../problems.js';
import {confirmation} from './confirm.js';
import {deliveriesView} from './deliveries.js';
import {secretBox} from './secret.js';

export function webhookDetail({api, endpoint, onChange, onDeleted}) {
  const path = `/v1/webhook-endpoints/${endpoint.id}`;
  const head = h('div', {});
  const result = h('div', {'aria-live': 'polite'});
  const toggle = h('button', {type: 'button', class: 'secondary'});
  const ping = h('button', {type: 'button', class: 'secondary'}, 'Send a ping');
  const rotate = h('button', {type: 'button', class: 'secondary'}, 'Rotate secret…');
  const remove = h('button', {type: 'button', class: 'secondary'}, 'Delete…');
  const deliveries = deliveriesView({api, path});

  const labelToggle = () => { toggle.textContent = endpoint.enabled ? 'Disable' : 'Enable'; };
  const render = current => {
    endpoint = current;
    show(head,
      h('div', {class: 'card-head'}, h('h2', {class: 'code'}, current.url), endpointState(current)),
      current.description ? h('p', {}, current.description) : null,
      h('p', {class: 'meta'}, 'Event types: ', current.event_types.length ? current.event_types.join(', ') : 'every type',
        ' · added ', time(current.created_at), ' · changed ', time(current.updated_at)),
      current.disabled_reason ? h('p', {class: 'notice'}, `Disabled by the server: ${current.disabled_reason}`) : null,
      current.failing_since ? h('p', {class: 'notice'}, 'Every attempt has failed since ', time(current.failing_since), '.') : null,
      current.previous_secret_expires_at
        ? h('p', {class: 'meta'}, 'The previous secret also signs until ', time(current.previous_secret_expires_at), '.') : null);
    labelToggle();
    onChange?.(current);
  };
  render(endpoint);

  const act = async (button, busy, work) => {
    result.replaceChildren();
    try {
      await during(button, busy, work);
    } catch (problem) {
      show(result, problemBox(problem));
    }
  };
  toggle.addEventListener('click', () => act(toggle, endpoint.enabled ? 'Disabling…' : 'Enabling…', async () => {
    render(await api.patch(path, {enabled: !endpoint.enabled}));
    show(result, h('p', {class: 'success', role: 'status'}, endpoint.enabled
      ? 'Enabled: events are sent to it again, and its failures are forgotten.'
      : 'Disabled: events are not sent to it; recover them after enabling it again.'));
  }).then(labelToggle)); // during() gives the button back its label from before the change
  ping.addEventListener('click', () => act(ping, 'Pinging…', async () => {
    const answer = await api.post(`${path}/ping`);
    show(result, answer.delivered
      ? h('p', {class: 'success', role: 'status'}, `Delivered: it answered ${answer.status} in ${answer.duration_ms} ms.`)
      : h('p', {class: 'problem', role: 'alert'}, `Not delivered: ${answer.error ?? `it answered ${answer.status}`}`
        + ` (after ${answer.duration_ms} ms).`));
  }));
  const rotation = confirmation({
    question: 'Make a new signing secret? The receiver must check signatures with the new one; the old one also signs '
      + 'for a while, so the receiver can switch without losing a webhook.',
    confirm: 'Rotate secret', busy: 'Rotating…',
    act: async () => {
      const rotated = await api.post(`${path}/rotate-secret`);
      render(rotated);
      show(result, secretBox({title: 'New signing secret', secret: rotated.secret,
        use: 'Give it to the receiver before the previous secret stops signing.'}));
      result.querySelector('input').focus();
    },
  });
  rotate.addEventListener('click', rotation.ask);
  const deletion = confirmation({
    question: 'Delete this endpoint with all its deliveries? Nothing more is sent to it, and it cannot be undone.',
    confirm: 'Delete endpoint', busy: 'Deleting…',
    act: async () => {
      await api.delete(path);
      onDeleted(endpoint.id);
    },
  });
  remove.addEventListener('click', deletion.ask);

  return h('section', {class: 'panel webhook', 'data-endpoint': endpoint.id, 'aria-label': endpoint.url},
    head,
    h('div', {class: 'actions'}, ping, rotate, toggle, remove),
    rotation.element, deletion.element, result,
    deliveries.element);
}

/** Enabled, failing or disabled, in words (the server disables an endpoint that keeps failing). */
export function endpointState(endpoint) {
  if (!endpoint.enabled) return h('span', {class: 'state state-revoked'}, 'Disabled');
  if (endpoint.failing_since) return h('span', {class: 'state state-held'}, 'Failing');
  return h('span', {class: 'state state-active'}, 'Enabled');
}
