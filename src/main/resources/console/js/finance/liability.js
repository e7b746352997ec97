// Liability: what customers could still spend at a chosen day's end, and how it moved since the
// period began, drawn per unit as a roll-forward (opening + issued − redeemed − expired − revoked
// = closing): totals as solid bars, what came in and went out as patterned floating steps.
import {field, h, show} from '../dom.js';
import {problemBox} from '../problems.js';
import {fractionDigits, money, points} from '../format.js';
import {barChart, seriesStyle} from './charts.js';
import {csvButton} from './csv.js';
import {amount, moneyList} from './tables.js';
import {asOfMoment} from './period.js';

const LIABILITY = '/v1/reports/liability';
const STEPS = [['opening', 'Opening', 0], ['issued', 'Issued', 1], ['redeemed', 'Redeemed', -1],
  ['expired', 'Expired', -1], ['revoked', 'Revoked', -1], ['closing', 'Closing', 0]];

export function liabilitySection(element, {api, range, day}) {
  const input = h('input', {type: 'date', name: 'as_of', value: day, min: range.from});
  const body = h('div', {});
  const load = async () => {
    const query = {from: range.from, as_of: asOfMoment(input.value || day)};
    const report = await api.get(LIABILITY, query);
    show(body,
      h('p', {class: 'total liability-total'}, 'Closing liability: ', h('strong', {}, moneyList(report.total_value))),
      h('div', {class: 'actions'}, csvButton(api, LIABILITY, query, 'the liability roll-forward')),
      report.units.length ? report.units.map(movement => unitView(movement)) : h('p', {class: 'hint'}, 'No wallet holds anything.'));
    await Promise.all([...body.querySelectorAll('.chart')].map((box, i) => drawRollForward(box, report.units[i])));
  };
  input.addEventListener('change', () => load().catch(problem => show(body, problemBox(problem))));
  show(element, h('div', {class: 'section-head'}, h('h2', {}, 'Liability'),
    h('div', {class: 'as-of'}, field('As of the end of', input))), body);
  return load();
}

/** The roll-forward of one unit as a table that adds up on the page, beside its chart. */
function unitView(m) {
  const computed = m.opening + m.issued - m.redeemed - m.expired - m.revoked;
  const rows = STEPS.map(([key, name, sign]) => h('tr', {'data-step': key},
    h('th', {scope: 'row'}, `${sign > 0 ? '+ ' : sign < 0 ? '− ' : key === 'closing' ? '= ' : ''}${name}`),
    h('td', {class: 'num'}, amount(m[key], m.unit))));
  return h('div', {class: 'chart-and-table rollforward', 'data-unit': m.unit},
    h('figure', {}, h('div', {class: 'chart'}), h('figcaption', {class: 'meta'}, `Roll-forward in ${unitName(m.unit)}.`)),
    h('div', {class: 'table-box'},
      h('table', {class: 'report'}, h('caption', {}, `Roll-forward, ${unitName(m.unit)}`), h('tbody', {}, rows),
        h('tfoot', {}, h('tr', {}, h('th', {scope: 'row'}, 'Of which held for orders'), h('td', {class: 'num'}, amount(m.held, m.unit))),
          h('tr', {}, h('th', {scope: 'row'}, 'Closing value'), h('td', {class: 'num'}, money(m.closing_value))))),
      computed === m.closing
        ? h('p', {class: 'success adds-up'}, `Adds up: ${amount(m.opening, m.unit)} + ${amount(m.issued, m.unit)} − `
          + `${amount(m.redeemed, m.unit)} − ${amount(m.expired, m.unit)} − ${amount(m.revoked, m.unit)} = ${amount(m.closing, m.unit)}.`)
        : h('p', {class: 'problem adds-up', role: 'alert'}, `Does not add up: the movements give ${amount(computed, m.unit)}, `
          + `the wallets hold ${amount(m.closing, m.unit)}.`)));
}

const unitName = unit => (unit === 'points' ? 'points' : unit);

function drawRollForward(box, m) {
  const scale = m.unit === 'points' ? 1 : 10 ** fractionDigits(m.unit);
  const format = value => (m.unit === 'points' ? points(Math.round(value)) : money({amount: Math.round(value * scale), currency: m.unit}));
  let level = 0;
  const bars = STEPS.map(([key, , sign]) => {
    const value = m[key] / scale;
    if (sign === 0) {
      level = value;
      return [0, value];
    }
    const from = level;
    level += sign * value;
    return [Math.min(from, level), Math.max(from, level)];
  });
  const styles = STEPS.map(([, , sign]) => seriesStyle(sign === 0 ? 0 : sign > 0 ? 2 : 1));
  return barChart(box, {
    labels: STEPS.map(([, name]) => name),
    datasets: [{label: unitName(m.unit), data: bars, backgroundColor: styles.map(style => style.fill),
      borderColor: styles.map(style => style.colour)}],
    tick: format,
    tooltip: context => `${STEPS[context.dataIndex][1]}: ${format(m[STEPS[context.dataIndex][0]] / scale)}`,
    label: (bar, dataset, i) => `${m[STEPS[i][0]] && STEPS[i][2] ? (STEPS[i][2] < 0 ? '−' : '+') : ''}${format(m[STEPS[i][0]] / scale)}`,
    description: `Liability roll-forward in ${unitName(m.unit)}: opening, issued, redeemed, expired, revoked, closing; the table beside holds the figures.`,
  });
}
