// The form that adds a reason code or edits one: name, category (what finance groups spend by),
// an optional suggested reward (the agent's form fills it in) and the default validity.
import {during, field, h, show} from '../dom.js';
import {problemBox} from '../problems.js';
import {rewardFields} from '../agent/reward-fields.js';

/** editing: the reason code to change (its code cannot change), or null for a new one. */
export function reasonForm({api, editing, onSaved, onCancel}) {
  const code = h('input', {name: 'code', maxlength: 50, autocomplete: 'off', spellcheck: 'false', class: 'code',
    value: editing?.code ?? '', readonly: Boolean(editing)});
  const name = h('input', {name: 'name', maxlength: 200, autocomplete: 'off', value: editing?.name ?? ''});
  const category = h('input', {name: 'category', maxlength: 40, autocomplete: 'off', spellcheck: 'false',
    value: editing?.category ?? ''});
  const days = h('input', {name: 'default_validity_days', type: 'number', min: 1, max: 3660, step: 1,
    value: editing?.default_validity_days ?? 365});
  const suggest = h('input', {type: 'checkbox', name: 'suggest', checked: Boolean(editing?.suggested_reward)});
  const reward = rewardFields();
  reward.prefill(editing?.suggested_reward);
  reward.element.hidden = !suggest.checked;
  // The API keeps a suggestion when an edit leaves it out, so an edit cannot take one away.
  suggest.disabled = Boolean(editing?.suggested_reward);
  suggest.addEventListener('change', () => { reward.element.hidden = !suggest.checked; });
  const submit = h('button', {type: 'submit'}, editing ? 'Save changes' : 'Add reason code');
  const result = h('div', {'aria-live': 'polite'});
  const form = h('form', {class: 'reason-form', novalidate: true},
    h('div', {class: 'row'},
      field('Code', code, editing ? null : 'A to Z, 0 to 9 and _, starting with a letter; it cannot change later.'),
      field('Category', category, 'a to z, 0 to 9 and _; finance groups spend and budgets by it.')),
    field('Name', name, 'What agents see in the reason list.'),
    field('Valid for (days)', days, 'How long a grant\'s points or voucher last, unless the grant says otherwise.'),
    h('label', {}, suggest, ' Suggest a reward for this reason'),
    reward.element,
    h('div', {class: 'actions'}, submit,
      onCancel ? h('button', {type: 'button', class: 'secondary', onclick: onCancel}, 'Cancel') : null),
    result);

  const read = () => {
    form.querySelectorAll('.field-error').forEach(error => error.remove());
    form.querySelectorAll('[aria-invalid]').forEach(control => control.removeAttribute('aria-invalid'));
    const errors = [];
    const wrong = (control, message) => { errors.push([control, message]); };
    const body = {name: name.value.trim(), category: category.value.trim(), default_validity_days: Number(days.value)};
    if (!editing) body.code = code.value.trim().toUpperCase();
    if (!editing && !/^[A-Z][A-Z0-9_]{1,49}$/.test(body.code)) wrong(code, 'Give 2 to 50 of A-Z, 0-9 and _, starting with a letter.');
    if (!body.name) wrong(name, 'Give the name agents see.');
    if (!/^[a-z0-9_]{1,40}$/.test(body.category)) wrong(category, 'Give 1 to 40 of a-z, 0-9 and _.');
    if (!Number.isInteger(body.default_validity_days) || body.default_validity_days < 1 || body.default_validity_days > 3660) {
      wrong(days, 'Give a whole number of days from 1 to 3660.');
    }
    if (suggest.checked) body.suggested_reward = reward.read(wrong);
    for (const [control, message] of errors) {
      control.setAttribute('aria-invalid', 'true');
      control.after(h('p', {class: 'field-error'}, message));
    }
    errors[0]?.[0].focus();
    return errors.length ? null : body;
  };

  form.addEventListener('submit', async event => {
    event.preventDefault();
    result.replaceChildren();
    const body = read();
    if (!body) return;
    try {
      const saved = await during(submit, 'Saving…', () => editing
        ? api.patch(`/v1/reason-codes/${encodeURIComponent(editing.code)}`, body)
        : api.post('/v1/reason-codes', body));
      onSaved(saved);
      if (!editing) {
        form.reset();
        reward.element.hidden = true;
        show(result, h('p', {class: 'success', role: 'status'}, `Added ${saved.code}: agents can choose it now.`));
      }
    } catch (problem) {
      show(result, problemBox(problem));
    }
  });
  return form;
}
