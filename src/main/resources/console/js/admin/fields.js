// What the admin's settings forms share: an amount in the one currency limits, caps and budgets are
// kept in (GET /v1/policies names it), typed as a person writes it and sent in minor units (blank
// means "no limit" where a limit is optional); mistakes marked beside their field; the submit.
import {during, field, h, show} from '../dom.js';
import {majorText, minorUnits} from '../format.js';
import {problemBox} from '../problems.js';

/** {element, input, read(wrong)}: read answers {amount, currency}, or undefined when blank and optional. */
export function moneyField(label, currency, value, {optional = false, hint} = {}) {
  const input = h('input', {inputmode: 'decimal', autocomplete: 'off', value: value ? majorText(value.amount, value.currency) : ''});
  const element = field(`${label} (${currency})`, input, hint ?? (optional ? 'Leave it empty for no limit.' : null));
  const read = wrong => {
    const text = input.value.trim();
    if (!text && optional) return undefined;
    const minor = minorUnits(text, currency);
    if (minor == null) return wrong(input, `Give an amount such as ${majorText(2500, currency)}.`);
    return {amount: minor, currency};
  };
  return {element, input, read};
}

/** Marks each mistake beside its control, focuses the first, and answers whether there was none. */
export function marked(form, errors) {
  form.querySelectorAll('.field-error').forEach(error => error.remove());
  form.querySelectorAll('[aria-invalid]').forEach(control => control.removeAttribute('aria-invalid'));
  for (const [control, message] of errors) {
    control.setAttribute('aria-invalid', 'true');
    control.after(h('p', {class: 'field-error'}, message));
  }
  errors[0]?.[0].focus();
  return errors.length === 0;
}

/**
 * The submit of a settings form: check(wrong) reads the request (marking mistakes), send(request)
 * sends it, draw(answer) redraws the page from the API's answer; a refusal shows its detail.
 */
export function saving(form, submit, result, check, send, draw) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    result.replaceChildren();
    const errors = [];
    const request = check((control, message) => { errors.push([control, message]); });
    if (!marked(form, errors)) return;
    try {
      draw(await during(submit, 'Saving…', () => send(request)));
    } catch (problem) {
      show(result, problemBox(problem));
    }
  });
}
