// Breakage (value that expired unspent, by reason and campaign) and effectiveness (of the goodwill
// granted in the period, the share customers came back and spent, and how soon, by reason,
// channel and agent): bars a reader compares at a glance, each labelled with its figure.
import {h, show} from '../dom.js';
import {channel, fractionDigits, money} from '../format.js';
import {barChart} from './charts.js';
import {csvButton} from './csv.js';
import {amount, groupLabel, moneyList, table} from './tables.js';

const BREAKAGE = '/v1/reports/breakage';
const EFFECTIVENESS = '/v1/reports/effectiveness';
const BY = [['reason', 'reason'], ['channel', 'channel'], ['agent', 'agent']];

export async function breakageSection(element, {api, range}) {
  const report = await api.get(BREAKAGE, range);
  const name = row => `${groupLabel(row.group, 'reason')} · ${groupLabel(row.group, 'campaign')}`;
  const box = h('div', {class: 'chart'});
  show(element,
    h('div', {class: 'section-head'}, h('h2', {}, 'Breakage'),
      h('p', {class: 'total breakage-total'}, 'Expired unspent: ', h('strong', {}, moneyList(report.total_value)))),
    h('div', {class: 'chart-and-table'},
      h('figure', {}, box, h('figcaption', {class: 'meta'}, 'Value that expired unspent, by reason and campaign.')),
      h('div', {class: 'table-box'}, csvButton(api, BREAKAGE, range, 'breakage'),
        table('Expired unspent by reason and campaign', ['Reason', 'Campaign', '#Amount', '#Value'],
          report.rows.map(row => [groupLabel(row.group, 'reason'), groupLabel(row.group, 'campaign'),
            amount(row.amount, row.unit), money(row.value)]), 'Nothing expired in this period.'))));
  if (!report.rows.length) {
    show(box, h('p', {class: 'hint'}, 'Nothing expired in this period.'));
    return;
  }
  const currency = report.rows[0].value.currency;
  const scale = 10 ** fractionDigits(currency);
  const format = value => money({amount: Math.round(value * scale), currency});
  const rows = report.rows.filter(row => row.value.currency === currency);
  await barChart(box, {
    labels: rows.map(name), horizontal: true,
    datasets: [{label: `Expired (${currency})`, data: rows.map(row => row.value.amount / scale)}],
    tick: format, label: value => format(value),
    tooltip: context => `Expired: ${format(context.parsed.x)}`,
    description: 'Breakage by reason and campaign as horizontal bars; the table beside holds the figures.',
  });
}

export async function effectivenessSection(element, {api, range}) {
  const reports = await Promise.all(BY.map(([dimension]) => api.get(EFFECTIVENESS, {...range, group_by: dimension})));
  const boxes = BY.map(() => h('div', {class: 'chart'}));
  show(element,
    h('div', {class: 'section-head'}, h('h2', {}, 'Does goodwill bring customers back?')),
    h('p', {class: 'meta'}, 'Of the goodwill granted in the period: the share of its value customers spent, and the median '
      + 'time from grant to the first purchase with it. A longer bar is a better use of goodwill.'),
    BY.map(([dimension, word], i) => h('div', {class: 'chart-and-table stacked effectiveness', 'data-by': dimension},
      h('figure', {}, boxes[i], h('figcaption', {class: 'meta'}, `Redeemed share by ${word}.`)),
      h('div', {class: 'table-box'}, csvButton(api, EFFECTIVENESS, {...range, group_by: dimension}, `effectiveness by ${word}`),
        table(`By ${word}`, [word[0].toUpperCase() + word.slice(1), '#Grants', '#Redeemed', '#Issued value', '#Redeemed value',
          'Redeemed share', '#Median time to first use'],
        reports[i].rows.map(row => [label(row.group, dimension), String(row.grants), String(row.redeemed_grants),
          money(row.issued_value), money(row.redeemed_value), share(row.redemption_rate), wait(row.median_seconds_to_first_redemption)]),
        'No goodwill was granted in this period.')))));
  await Promise.all(BY.map(([dimension, word], i) => {
    const rows = reports[i].rows;
    if (!rows.length) return show(boxes[i], h('p', {class: 'hint'}, 'No goodwill was granted in this period.'));
    return barChart(boxes[i], {
      labels: rows.map(row => label(row.group, dimension)), horizontal: true,
      datasets: [{label: 'Redeemed share (%)', data: rows.map(row => Math.round((row.redemption_rate ?? 0) * 1000) / 10)}],
      tick: value => `${value}%`,
      label: (value, dataset, index) => `${value}% · ${wait(rows[index].median_seconds_to_first_redemption, 'not used yet')}`,
      tooltip: context => `${context.parsed.x}% redeemed; median ${wait(rows[context.dataIndex].median_seconds_to_first_redemption, 'none')}`,
      description: `Redeemed share by ${word} as horizontal bars, each labelled with its median time to first use.`,
    });
  }));
}

const label = (group, dimension) => (dimension === 'channel' ? channel(group.channel) : groupLabel(group, dimension));

/** A share as a bar and its percentage. */
function share(rate) {
  if (rate == null) return '—';
  const percent = `${Math.round(rate * 1000) / 10}%`;
  return h('span', {class: 'share'}, h('meter', {min: 0, max: 1, value: rate, 'aria-hidden': 'true'}), ` ${percent}`);
}

/** Seconds as the largest unit that reads well: "3 hours", "2.5 days". */
function wait(seconds, none = '—') {
  if (seconds == null) return none;
  const [unit, size] = seconds >= 86_400 ? ['day', 86_400] : seconds >= 3_600 ? ['hour', 3_600] : seconds >= 60
    ? ['minute', 60] : ['second', 1];
  const value = Math.round((seconds / size) * 10) / 10;
  return `${new Intl.NumberFormat().format(value)} ${unit}${value === 1 ? '' : 's'}`;
}
