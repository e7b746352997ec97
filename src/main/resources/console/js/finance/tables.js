// Report tables and how their cells read: an amount in its unit (points, or money in its
// currency) and its value in the accounting currency, as the API reports them.
import {h} from '../dom.js';
import {money, points} from '../format.js';

/** An amount in its unit: 500 'points' → "500 points"; 1000 'EUR' → "€10.00". */
export function amount(value, unit) {
  return unit === 'points' ? points(value) : money({amount: value, currency: unit});
}

/** A table: a caption, column headings (numeric ones aligned right), rows of cells (text or nodes). */
export function table(caption, headings, rows, empty = 'Nothing in this period.') {
  const numeric = headings.map(heading => heading.startsWith('#'));
  return h('table', {class: 'report'},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headings.map((heading, i) =>
      h('th', {scope: 'col', class: numeric[i] ? 'num' : null}, heading.replace(/^#/, ''))))),
    h('tbody', {}, rows.length ? rows.map(cells => h('tr', {}, cells.map((cell, i) =>
      i === 0 ? h('th', {scope: 'row'}, cell) : h('td', {class: numeric[i] ? 'num' : null}, cell))))
      : h('tr', {}, h('td', {colspan: headings.length, class: 'hint'}, empty))));
}

/** Sums of value per currency, e.g. [{amount, currency}] → "€12.00 + $3.00". */
export function moneyList(values) {
  return values?.length ? values.map(money).join(' + ') : 'nothing';
}

/** A group's label for a dimension; a missing campaign is "no campaign". */
export function groupLabel(group, dimension) {
  const value = group?.[dimension];
  if (value == null) return dimension === 'campaign' ? 'No campaign' : '—';
  return value;
}
