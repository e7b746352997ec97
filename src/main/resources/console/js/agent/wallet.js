// The wallet panel: what the customer holds now and the goodwill they received.
import {h, loading, show} from '../dom.js';
import {day, money, points, reward, state} from '../format.js';
import {problemBox} from '../problems.js';

export async function showWallet(panel, api, customerId) {
  show(panel, h('h2', {}, 'Wallet'), loading('Loading the wallet…'));
  try {
    show(panel, walletView(await api.get(`/v1/customers/${encodeURIComponent(customerId)}`)));
  } catch (problem) {
    show(panel, h('h2', {}, 'Wallet'), problem.code === 'customer_not_found'
      ? h('p', {class: 'notice'}, `No wallet yet for ${customerId}: nothing was ever granted to them. Their first grant opens it.`)
      : problemBox(problem));
  }
}

function walletView(wallet) {
  const held = wallet.points;
  return [
    h('h2', {}, 'Wallet of ', h('span', {class: 'code'}, wallet.customer_id)),
    h('p', {class: 'meta'}, 'Customer since ', day(wallet.customer_since)),
    h('dl', {class: 'figures'},
      h('dt', {}, 'Points available'), h('dd', {class: 'points-available'}, points(held.available)),
      h('dt', {}, 'Held for orders'), h('dd', {}, points(held.held)),
      h('dt', {}, 'Expiring within 30 days'), h('dd', {}, points(held.expiring_soon))),
    h('h3', {}, `Vouchers (${wallet.vouchers.length})`),
    wallet.vouchers.length
      ? h('ul', {class: 'cards vouchers'}, wallet.vouchers.map(voucherCard))
      : h('p', {class: 'hint'}, 'No voucher that can still be used.'),
    h('h3', {}, 'Goodwill received'),
    goodwill(wallet.goodwill),
  ];
}

function voucherCard(voucher) {
  const worth = voucher.type === 'amount'
    ? `${money(voucher.remaining)} left of ${money(voucher.value)}`
    : reward({voucher});
  return h('li', {},
    h('div', {class: 'card-head'}, h('span', {class: 'code'}, voucher.code), state(voucher.status)),
    h('div', {}, worth),
    h('div', {class: 'meta'}, 'Expires ', day(voucher.expires_at), voucher.expiring_soon ? ' (within 30 days)' : ''));
}

function goodwill(received) {
  const vouchers = received.voucher_value.map(money).join(', ');
  const recent = received.last_ninety_days;
  return [
    h('p', {}, `${received.grants} ${received.grants === 1 ? 'grant' : 'grants'}: ${points(received.points)}`,
      vouchers ? ` and ${vouchers} in vouchers` : ''),
    recent ? h('p', {class: 'meta'}, `In the last ${recent.days} days: ${recent.grants} `,
      `${recent.grants === 1 ? 'grant' : 'grants'} worth ${money(recent.value)}, pending ones included.`) : null,
  ];
}
