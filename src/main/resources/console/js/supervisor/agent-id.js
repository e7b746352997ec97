// Who decides or runs a campaign: the person, by their agent id, not the key (one key may serve a
// team). Kept in the tab under the same name as the agent view's field, so it is typed once.
import {field, h} from '../dom.js';

const AGENT_ID = 'amends.agentId';

/** The "Your agent id" field; onChange(id) runs whenever it changes. */
export function agentIdField(onChange, hint) {
  const input = h('input', {name: 'agent_id', required: true, maxlength: 64, autocomplete: 'off', spellcheck: 'false',
    value: sessionStorage.getItem(AGENT_ID) ?? ''});
  input.addEventListener('input', () => {
    const id = input.value.trim();
    if (id) sessionStorage.setItem(AGENT_ID, id);
    onChange(id);
  });
  return {element: field('Your agent id', input, hint), input, value: () => input.value.trim()};
}
