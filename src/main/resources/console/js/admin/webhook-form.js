// A new webhook endpoint: its URL, a description, the event types it wants (none ticked: every type,
// including types added later), and whether it starts enabled. Its signing secret is in the answer only.
import {during, field, h, show} from '../dom.js';
import {problemBox} from '../problems.js';
import {marked} from './fields.js';
import {secretBox} from './secret.js';

export function webhookForm({api, types, onCreated}) {
  const url = h('input', {name: 'url', type: 'url', maxlength: 2000, autocomplete: 'off', spellcheck: 'false',
    placeholder: 'https://crm.example.com/amends-webhooks'});
  const description = h('input', {name: 'description', maxlength: 500, autocomplete: 'off'});
  const boxes = types.map(type => h('input', {type: 'checkbox', name: 'event_types', value: type}));
  const enabled = h('input', {type: 'checkbox', name: 'enabled', checked: true});
  const submit = h('button', {type: 'submit'}, 'Add endpoint');
  const result = h('div', {'aria-live': 'polite'});
  const form = h('form', {class: 'webhook-form', novalidate: true},
    field('URL', url, 'HTTPS, reachable from the server; each event is POSTed to it, signed.'),
    field('Description (optional)', description),
    h('fieldset', {},
      h('legend', {}, 'Event types'),
      h('p', {class: 'hint'}, 'Tick none to receive every type, including types added later.'),
      h('div', {class: 'choice event-types'}, boxes.map(box => h('label', {}, box, h('span', {class: 'code'}, box.value))))),
    h('label', {}, enabled, ' Enabled: send events to it from now on'),
    h('div', {class: 'actions'}, submit), result);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    result.replaceChildren();
    if (!marked(form, url.value.trim() ? [] : [[url, 'Give the URL events are sent to.']])) return;
    const body = {url: url.value.trim(), event_types: boxes.filter(box => box.checked).map(box => box.value),
      enabled: enabled.checked};
    if (description.value.trim()) body.description = description.value.trim();
    try {
      const endpoint = await during(submit, 'Adding…', () => api.post('/v1/webhook-endpoints', body));
      show(result, secretBox({title: `Signing secret of ${endpoint.url}`, secret: endpoint.secret,
        use: 'The receiver checks each webhook\'s signature with it (Standard Webhooks).'}));
      result.querySelector('input').focus();
      form.querySelectorAll('input[type=checkbox][name=event_types]').forEach(box => { box.checked = false; });
      url.value = '';
      description.value = '';
      onCreated(endpoint);
    } catch (problem) {
      show(result, problemBox(problem));
    }
  });
  return form;
}
