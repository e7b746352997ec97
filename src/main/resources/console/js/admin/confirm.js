// A destructive action asks first, in the page rather than with window.confirm: the question says
// what will be lost, the focus moves to it (so a keyboard user hears it), and "Keep it" is as easy
// to reach as the action itself.
import {during, h, show} from '../dom.js';
import {problemBox} from '../problems.js';

/**
 * {element, ask()}: element is hidden until ask() shows the question. Confirming runs act() with
 * the button busy; a refusal shows the API's detail under the question.
 */
export function confirmation({question, confirm, busy, act}) {
  const yes = h('button', {type: 'button', class: 'danger'}, confirm);
  const no = h('button', {type: 'button', class: 'secondary'}, 'Keep it');
  const result = h('div', {'aria-live': 'polite'});
  const element = h('div', {class: 'notice confirm', role: 'group', 'aria-label': confirm, hidden: true},
    h('p', {}, question), h('div', {class: 'actions'}, yes, no), result);
  no.addEventListener('click', () => { element.hidden = true; });
  yes.addEventListener('click', () => during(yes, busy, async () => {
    result.replaceChildren();
    try {
      await act();
      element.hidden = true;
    } catch (problem) {
      show(result, problemBox(problem));
    }
  }));
  return {element, ask: () => {
    result.replaceChildren();
    element.hidden = false;
    yes.focus();
  }};
}
