// The reward part of the grant form: points, an amount voucher or a percent voucher, the fields
// each needs, and the reward they make (in minor units, as the API takes money).
import {field, h} from '../dom.js';
import {fractionDigits, majorText, minorUnits} from '../format.js';

const KINDS = {points: 'Points', amount: 'Voucher: an amount', percent: 'Voucher: % off'};
let groupsMade = 0;

/** {element, prefill(suggestion), read(wrong)}: read answers {points} or {voucher}, calling wrong(control, message) for each mistake. */
export function rewardFields() {
  const radios = Object.keys(KINDS).map(value => h('input', {type: 'radio', name: `reward-kind-${++groupsMade}`, value}));
  const points = h('input', {name: 'points', type: 'number', min: 1, step: 1, inputmode: 'numeric'});
  const amount = h('input', {name: 'amount', inputmode: 'decimal', autocomplete: 'off'});
  const percent = h('input', {name: 'percent_off', type: 'number', min: 1, max: 100, step: 1});
  const cap = h('input', {name: 'max_discount', inputmode: 'decimal', autocomplete: 'off'});
  const currency = h('input', {name: 'currency', maxlength: 3, autocomplete: 'off', value: 'EUR', class: 'code'});
  const currencyField = h('div', {class: 'narrow'}, field('Currency', currency));
  const groups = {
    points: h('div', {}, field('Number of points', points)),
    amount: h('div', {class: 'row'}, field('Amount', amount)),
    percent: h('div', {class: 'row'}, field('Percent off', percent), field('At most (optional)', cap)),
  };
  const element = h('fieldset', {}, h('legend', {}, 'Reward'),
    h('div', {class: 'choice'}, radios.map(radio => h('label', {}, radio, KINDS[radio.value]))),
    Object.values(groups));

  const kind = () => radios.find(radio => radio.checked)?.value ?? 'points';
  const showKind = value => {
    for (const radio of radios) radio.checked = radio.value === value;
    for (const [key, group] of Object.entries(groups)) group.hidden = key !== value;
    // One currency field serves both voucher kinds; it moves to the one shown.
    if (value !== 'points') groups[value].append(currencyField);
  };
  radios.forEach(radio => radio.addEventListener('change', () => showKind(radio.value)));
  showKind('points');

  const prefill = suggestion => {
    if (!suggestion) return;
    if (suggestion.points != null) {
      showKind('points');
      points.value = suggestion.points;
      return;
    }
    const voucher = suggestion.voucher;
    showKind(voucher.type);
    const money = voucher.type === 'amount' ? voucher.value : voucher.max_discount;
    if (money) currency.value = money.currency;
    if (voucher.type === 'amount') {
      amount.value = majorText(voucher.value.amount, voucher.value.currency);
    } else {
      percent.value = voucher.percent_off;
      cap.value = voucher.max_discount ? majorText(voucher.max_discount.amount, voucher.max_discount.currency) : '';
    }
  };

  const read = wrong => {
    const code = currency.value.trim().toUpperCase();
    const money = (input, optional) => {
      if (optional && !input.value.trim()) return undefined;
      if (!knownCurrency(code)) return wrong(currency, 'Give a currency code such as EUR.');
      const minor = minorUnits(input.value, code);
      if (!minor) return wrong(input, `Give an amount such as ${majorText(1050, code)}.`);
      return {amount: minor, currency: code};
    };
    if (kind() === 'points') {
      const count = Number(points.value);
      if (!Number.isInteger(count) || count < 1) wrong(points, 'Give a whole number of points, 1 or more.');
      return {points: count};
    }
    if (kind() === 'amount') {
      return {voucher: {type: 'amount', value: money(amount)}};
    }
    const off = Number(percent.value);
    if (!Number.isInteger(off) || off < 1 || off > 100) wrong(percent, 'Give a whole percent from 1 to 100.');
    return {voucher: {type: 'percent', percent_off: off, max_discount: money(cap, true)}};
  };

  return {element, prefill, read};
}

function knownCurrency(code) {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    fractionDigits(code);
    return true;
  } catch {
    return false;
  }
}
