// The period the dashboard covers, in whole UTC days as the reports count them: this month, last
// month, this quarter, this year (each up to its end) or custom dates, both days included. Kept
// in the tab, so that the dashboard and a reload show the same period.
import {field, h} from '../dom.js';

const KEPT = 'amends.finance.period';
const KINDS = {month: 'This month', 'last-month': 'Last month', quarter: 'This quarter', year: 'This year',
  custom: 'Custom dates'};
const BUCKETS = {day: 'Day', week: 'Week', month: 'Month'};
const STACKS = {reason: 'Reason', category: 'Category'};

const isoDay = date => date.toISOString().slice(0, 10);
const utc = (year, month, day = 1) => new Date(Date.UTC(year, month, day));

/** [from, to) of a kind of period around now, as ISO days; custom takes the two days typed. */
export function rangeOf({kind, first, last}, now = new Date()) {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const quarter = month - (month % 3);
  switch (kind) {
    case 'last-month': return {from: isoDay(utc(year, month - 1)), to: isoDay(utc(year, month))};
    case 'quarter': return {from: isoDay(utc(year, quarter)), to: isoDay(utc(year, quarter + 3))};
    case 'year': return {from: isoDay(utc(year, 0)), to: isoDay(utc(year + 1, 0))};
    case 'custom': {
      const end = new Date(`${last}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      return {from: first, to: isoDay(end)};
    }
    default: return {from: isoDay(utc(year, month)), to: isoDay(utc(year, month + 1))};
  }
}

/** The moment the liability is taken at: the end of the day chosen, or now if that is still to come. */
export function asOfMoment(day, now = new Date()) {
  const end = new Date(`${day}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return (end < now ? end : now).toISOString();
}

/** The last day of [from, to), or today if the period runs on past it. */
export function lastDay({to}, now = new Date()) {
  const last = new Date(`${to}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  return isoDay(last < now ? last : now);
}

export function keptChoice() {
  try {
    return {kind: 'month', bucket: 'day', stack: 'reason', ...JSON.parse(sessionStorage.getItem(KEPT) ?? '{}')};
  } catch {
    return {kind: 'month', bucket: 'day', stack: 'reason'};
  }
}

const select = (name, options, value) => h('select', {name},
  Object.entries(options).map(([key, text]) => h('option', {value: key, selected: key === value}, text)));

/** The picker: period, custom days, time bucket and stacking. onChoose(choice) runs on "Show". */
export function periodPicker(choice, onChoose) {
  const kind = select('period', KINDS, choice.kind);
  const today = isoDay(new Date());
  const first = h('input', {type: 'date', name: 'first', value: choice.first ?? today.slice(0, 8) + '01'});
  const last = h('input', {type: 'date', name: 'last', value: choice.last ?? today});
  const custom = h('div', {class: 'row custom-days'}, field('First day', first), field('Last day', last));
  const bucket = select('bucket', BUCKETS, choice.bucket);
  const stack = select('stack', STACKS, choice.stack);
  const show = h('button', {type: 'submit'}, 'Show');
  const error = h('p', {class: 'field-error', role: 'alert', hidden: true});
  const sync = () => { custom.hidden = kind.value !== 'custom'; };
  kind.addEventListener('change', sync);
  sync();
  const form = h('form', {class: 'panel period', novalidate: true},
    h('div', {class: 'row'}, field('Period', kind), field('Spend over time by', bucket), field('Stacked by', stack)),
    custom, error, h('div', {class: 'actions'}, show));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const next = {kind: kind.value, first: first.value, last: last.value, bucket: bucket.value, stack: stack.value};
    error.hidden = true;
    if (next.kind === 'custom' && !(next.first && next.last && next.first <= next.last)) {
      error.textContent = 'Give a first and a last day, the first not after the last.';
      error.hidden = false;
      return;
    }
    sessionStorage.setItem(KEPT, JSON.stringify(next));
    onChoose(next);
  });
  return form;
}
