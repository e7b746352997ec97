// Reason codes: the catalogue agents choose from, active and retired. An admin adds, edits and
// retires codes; a retired code stays (past grants name it) but no new grant may use it.
import {h, loading, show} from '../dom.js';
import {reward} from '../format.js';
import {problemBox} from '../problems.js';
import {confirmation} from './confirm.js';
import {reasonForm} from './reason-form.js';

export function mount(container, {api}) {
  const list = h('ul', {class: 'cards reasons'}, h('li', {}, loading('Loading the reason codes…')));
  show(container, h('h1', {}, 'Reason codes'),
    h('div', {class: 'columns'},
      h('section', {class: 'panel'}, h('h2', {}, 'Catalogue'), list),
      h('section', {class: 'panel'}, h('h2', {}, 'New reason code'), reasonForm({api, editing: null, onSaved: reason => {
        list.querySelector('.hint')?.remove();
        list.prepend(reasonRow(api, reason));
      }}))));

  api.all('/v1/reason-codes').then(reasons => {
    list.replaceChildren(...reasons.map(reason => reasonRow(api, reason)));
    if (!reasons.length) list.append(h('li', {class: 'hint'}, 'No reason code yet.'));
  }, problem => show(list, h('li', {}, problemBox(problem))));
}

function reasonRow(api, reason) {
  const row = h('li', {'data-reason': reason.code});
  const render = current => {
    const edit = h('button', {type: 'button', class: 'secondary small', 'aria-label': `Edit ${current.code}`}, 'Edit');
    const toggle = h('button', {type: 'button', class: 'secondary small',
      'aria-label': `${current.active ? 'Retire' : 'Reactivate'} ${current.code}`}, current.active ? 'Retire…' : 'Reactivate');
    const retire = confirmation({
      question: `Retire ${current.code}? Agents can no longer choose it; grants made with it keep it.`,
      confirm: 'Retire reason code', busy: 'Retiring…',
      act: async () => render(await api.patch(`/v1/reason-codes/${encodeURIComponent(current.code)}`, {active: false})),
    });
    const editor = h('div', {});
    edit.addEventListener('click', () => {
      show(editor, reasonForm({api, editing: current, onSaved: render, onCancel: () => editor.replaceChildren()}));
      editor.querySelector('input:not([readonly])')?.focus();
    });
    toggle.addEventListener('click', async () => {
      if (current.active) {
        retire.ask();
        return;
      }
      try {
        render(await api.patch(`/v1/reason-codes/${encodeURIComponent(current.code)}`, {active: true}));
      } catch (problem) {
        row.append(problemBox(problem));
      }
    });
    show(row,
      h('div', {class: 'card-head'}, h('strong', {}, h('span', {class: 'code'}, current.code), ` ${current.name}`),
        h('span', {class: `state state-${current.active ? 'active' : 'revoked'}`}, current.active ? 'Active' : 'Retired')),
      h('div', {class: 'meta'}, `Category ${current.category} · valid ${current.default_validity_days} days · suggests `,
        current.suggested_reward ? reward(current.suggested_reward) : 'nothing'),
      h('div', {class: 'actions'}, edit, toggle), retire.element, editor);
  };
  render(reason);
  return row;
}
