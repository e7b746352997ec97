// How numbers and times read: money in its currency's format (the API speaks minor units), points
// as points, times in the browser's zone and language with the exact UTC time on hover.
import {h} from './dom.js';

/** Digits after the decimal point of a currency: 2 for EUR, 0 for JPY, 3 for BHD. */
export function fractionDigits(currency) {
  return new Intl.NumberFormat('en', {style: 'currency', currency}).resolvedOptions().maximumFractionDigits;
}

/** {amount: 1050, currency: 'EUR'} → "€10.50" (in the browser's language). */
export function money(value) {
  if (!value) return '—';
  const digits = fractionDigits(value.currency);
  return new Intl.NumberFormat(undefined, {style: 'currency', currency: value.currency})
    .format(value.amount / 10 ** digits);
}

/** Minor units as a person types them in a field: 1050, 'EUR' → "10.50". */
export function majorText(amount, currency) {
  const digits = fractionDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
}

/**
 * What a person typed ("10", "10.5", "10,50") in minor units, or null when it is not an amount in
 * that currency. Done on the digits, not with floating point, so 0.29 stays 29 cents.
 */
export function minorUnits(text, currency) {
  const digits = fractionDigits(currency);
  const match = /^(\d{1,9})(?:[.,](\d*))?$/.exec(String(text).trim());
  if (!match || (match[2] ?? '').length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
}

export function points(count) {
  return `${new Intl.NumberFormat().format(count)} ${count === 1 ? 'point' : 'points'}`;
}

/** A reward (points, or voucher terms) in words: "500 points", "€10.00 voucher", "15% off, at most €20.00". */
export function reward(value) {
  if (!value) return '—';
  if (value.points != null) return points(value.points);
  const voucher = value.voucher ?? value;
  if (voucher.type === 'amount') return `${money(voucher.value)} voucher`;
  const off = `${voucher.percent_off}% off one order`;
  return voucher.max_discount ? `${off}, at most ${money(voucher.max_discount)}` : off;
}

const UTC = iso => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A <time> in the browser's zone; hovering shows UTC. */
export function time(iso) {
  if (!iso) return '—';
  const text = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(iso));
  return h('time', {datetime: iso, title: UTC(iso)}, text);
}

/** A day (an expiry, a start) in the browser's zone; hovering shows the exact UTC time. */
export function day(iso) {
  if (!iso) return '—';
  return h('time', {datetime: iso, title: UTC(iso)}, dayText(iso));
}

export function dayText(iso) {
  return new Intl.DateTimeFormat(undefined, {dateStyle: 'medium'}).format(new Date(iso));
}

const STATES = {
  active: 'Active', held: 'Held for an order', used_up: 'Used up', redeemed: 'Used up', expired: 'Expired',
  revoked: 'Revoked', issued: 'Issued', pending_approval: 'Awaiting approval', rejected: 'Rejected',
  open: 'Open', closed: 'Closed',
};

/** A state as a badge, in words. */
export function state(value) {
  return h('span', {class: `state state-${value}`}, STATES[value] ?? value);
}

const CHANNELS = {phone: 'Phone', email: 'Email', chat: 'Chat', social: 'Social media', proactive: 'Proactive'};

export function channel(value) {
  return CHANNELS[value] ?? value;
}

export const CHANNEL_NAMES = CHANNELS;

const SPANS = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3_600],
  ['minute', 60]];

/** "3 hours ago" in the browser's language; hovering shows the exact time, local and UTC. */
export function ago(iso, now = Date.now()) {
  if (!iso) return '—';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const [unit, size] = SPANS.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 1];
  const text = Math.abs(seconds) < 60 ? 'just now'
    : new Intl.RelativeTimeFormat(undefined, {numeric: 'always'}).format(Math.trunc(seconds / size), unit);
  const exact = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(iso));
  return h('time', {datetime: iso, title: `${exact} (${UTC(iso)})`}, text);
}
