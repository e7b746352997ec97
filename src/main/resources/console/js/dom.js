// Small DOM helpers. Text always goes into the page as text, never as HTML: names, notes and
// case references come from people, and the page's Trusted Types policy refuses HTML strings anyway.

/** h('p', {class: 'hint'}, 'text', child, [more]) builds an element; on* attributes become listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  return add(element, children);
}

/** Replaces what an element shows. */
export function show(element, ...children) {
  element.replaceChildren();
  return add(element, children);
}

function add(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A placeholder that says what is being waited for (a spinner in CSS, a status for screen readers). */
export function loading(text) {
  return h('p', {class: 'loading', role: 'status'}, text);
}

/**
 * Runs work while its button shows that it waits: disabled, relabelled and busy. The button is
 * disabled before the first await, so a second click of a double click finds it disabled.
 */
export async function during(button, label, work) {
  const idle = button.textContent;
  button.disabled = true;
  button.textContent = label;
  button.classList.add('busy');
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = idle;
    button.classList.remove('busy');
    button.removeAttribute('aria-busy');
  }
}

let fieldIds = 0;

/** A labelled field: the label names the control, and a hint (if any) describes it. */
export function field(labelText, control, hint) {
  control.id ||= `field-${++fieldIds}`;
  const parts = [h('label', {for: control.id}, labelText), control];
  if (hint) {
    const hintElement = h('p', {class: 'hint', id: `${control.id}-hint`}, hint);
    control.setAttribute('aria-describedby', hintElement.id);
    parts.push(hintElement);
  }
  return h('div', {class: 'field'}, parts);
}

/**
 * Copies text to the clipboard. A sidebar frame may not be allowed to write to it; then the text
 * is selected, so that Ctrl+C (or Cmd+C) copies it, and the button says so.
 */
export async function copy(text, button, selectable) {
  const idle = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    if (selectable instanceof HTMLTextAreaElement || selectable instanceof HTMLInputElement) {
      selectable.select();
    } else if (selectable) {
      getSelection().selectAllChildren(selectable);
    }
    button.textContent = 'Selected: press Ctrl+C';
  }
  setTimeout(() => { button.textContent = idle; }, 2500);
}
