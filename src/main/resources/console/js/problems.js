// A refusal as a person reads it: the API's detail first, then what was wrong with each field.
import {h} from './dom.js';

/** The box that shows a Problem (or any error) where the action was. */
export function problemBox(problem, advice) {
  const errors = problem?.errors ?? [];
  return h('div', {class: 'problem', role: 'alert'},
    h('strong', {}, problem?.title ?? 'Something went wrong'),
    h('p', {}, problem?.detail ?? problem?.message ?? String(problem)),
    errors.length ? h('ul', {}, errors.map(error => h('li', {}, `${error.field}: ${error.message}`))) : null,
    advice ? h('p', {}, advice) : null);
}
