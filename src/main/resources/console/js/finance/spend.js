// Spend: the value issued in the period over time, stacked by reason or category (points at the
// configured rate, as the API values them), with its total and tables by agent, channel and
// campaign beside it. Every table and the chart download as the API's own CSV.
import {h, show} from '../dom.js';
import {channel, fractionDigits, money} from '../format.js';
import {barChart} from './charts.js';
import {csvButton} from './csv.js';
import {amount, groupLabel, moneyList, table} from './tables.js';

const SPEND = '/v1/reports/goodwill-spend';
const SIDES = [['agent', 'By agent'], ['channel', 'By channel'], ['campaign', 'By campaign']];

export async function spendSection(element, {api, range, choice}) {
  const byTime = `${choice.stack},${choice.bucket}`;
  const [report, ...sides] = await Promise.all([
    api.get(SPEND, {...range, group_by: byTime}),
    ...SIDES.map(([dimension]) => api.get(SPEND, {...range, group_by: dimension}))]);
  const chartBox = h('div', {class: 'chart'});
  show(element,
    h('div', {class: 'section-head'}, h('h2', {}, 'Goodwill issued'),
      h('p', {class: 'total spend-total'}, 'Total: ', h('strong', {}, moneyList(report.total_value)))),
    h('div', {class: 'chart-and-table'},
      h('figure', {}, chartBox, h('figcaption', {class: 'meta'},
        `Value issued by ${choice.bucket}, stacked by ${choice.stack}; points at the configured rate.`)),
      h('div', {class: 'table-box'}, csvButton(api, SPEND, {...range, group_by: byTime}, `spend by ${choice.stack} and ${choice.bucket}`),
        table(`Issued by ${choice.stack} and ${choice.bucket}`, [label(choice.stack), label(choice.bucket), '#Amount', '#Value'],
          report.rows.map(row => [groupLabel(row.group, choice.stack), row.group[choice.bucket],
            amount(row.amount, row.unit), money(row.value)])))),
    h('div', {class: 'side-tables'}, SIDES.map(([dimension, caption], i) => h('div', {class: 'table-box'},
      csvButton(api, SPEND, {...range, group_by: dimension}, `spend ${caption.toLowerCase()}`),
      table(`Issued ${caption.toLowerCase()}`, [label(dimension), '#Amount', '#Value'],
        sides[i].rows.map(row => [dimension === 'channel' ? channel(row.group.channel) : groupLabel(row.group, dimension),
          amount(row.amount, row.unit), money(row.value)]))))));
  await drawSpend(chartBox, report, choice);
}

const label = dimension => dimension[0].toUpperCase() + dimension.slice(1);

/** One stack per reason (or category), one bar per time bucket, in the first currency of the values. */
function drawSpend(box, report, choice) {
  const currency = report.total_value[0]?.currency ?? report.rows[0]?.value.currency ?? 'EUR';
  const scale = 10 ** fractionDigits(currency);
  const buckets = [...new Set(report.rows.map(row => row.group[choice.bucket]))].sort();
  const keys = [...new Set(report.rows.map(row => groupLabel(row.group, choice.stack)))].sort();
  const sums = new Map(keys.map(key => [key, buckets.map(() => 0)]));
  for (const row of report.rows) {
    if (row.value.currency !== currency) continue;
    sums.get(groupLabel(row.group, choice.stack))[buckets.indexOf(row.group[choice.bucket])] += row.value.amount;
  }
  const format = value => money({amount: Math.round(value * scale), currency});
  return barChart(box, {
    labels: buckets,
    datasets: keys.map(key => ({label: key, data: sums.get(key).map(minor => minor / scale)})),
    stacked: true,
    tick: format,
    tooltip: context => `${context.dataset.label}: ${format(context.parsed.y)}`,
    description: `Goodwill issued by ${choice.bucket}, stacked by ${choice.stack}, in ${currency}; the table beside holds the figures.`,
  });
}
