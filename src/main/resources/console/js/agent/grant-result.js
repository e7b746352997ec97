// What a grant's answer shows the agent: the voucher code to copy and a sentence to paste to the
// customer, or that the grant waits for approval and why, rule by rule.
import {copy, field, h} from '../dom.js';
import {day, dayText, money, points, reward} from '../format.js';
import {ruleSentence} from '../rules.js';

export function resultView(grant) {
  if (grant.status === 'pending_approval') {
    return h('div', {class: 'pending', 'data-grant': grant.id},
      h('h3', {}, 'Awaiting approval'),
      h('p', {}, `${reward(grant.reward)} for this customer waits for a supervisor's approval; `,
        'the customer gets nothing until then. It needs approval because:'),
      h('ul', {class: 'rules'}, (grant.approval?.reasons ?? []).map(violation => h('li', {}, ruleSentence(violation)))),
      h('p', {class: 'meta'}, 'Grant ', h('span', {class: 'code'}, grant.id)));
  }
  const message = h('textarea', {readonly: true, rows: 5, class: 'customer-message'});
  message.value = customerMessage(grant);
  const copyMessage = h('button', {type: 'button', class: 'secondary'}, 'Copy message');
  copyMessage.addEventListener('click', () => copy(message.value, copyMessage, message));
  return h('div', {class: 'success', 'data-grant': grant.id},
    grant.voucher ? voucherPart(grant) : [
      h('h3', {}, 'Points added'),
      h('p', {}, `${points(grant.points)}, valid until `, day(grant.expires_at), '.'),
    ],
    field('Message for the customer', message),
    h('div', {class: 'actions'}, copyMessage));
}

function voucherPart(grant) {
  const code = h('output', {class: 'code voucher-code'}, grant.voucher.code);
  const copyCode = h('button', {type: 'button', class: 'secondary small'}, 'Copy code');
  copyCode.addEventListener('click', () => copy(grant.voucher.code, copyCode, code));
  return [
    h('h3', {}, 'Voucher issued'),
    h('p', {}, `${reward(grant.reward)}, valid until `, day(grant.expires_at), '.'),
    code,
    copyCode,
  ];
}

/** A sentence the agent pastes into the reply. */
export function customerMessage(grant) {
  const until = dayText(grant.expires_at);
  const voucher = grant.voucher;
  if (!voucher) {
    return `We're sorry for the trouble. As an apology, we have added ${points(grant.points)} to your account; `
      + `you can use them until ${until}.`;
  }
  const what = voucher.type === 'amount'
    ? `a voucher worth ${money(voucher.value)}`
    : `a voucher for ${voucher.percent_off}% off your next order${voucher.max_discount ? ` (up to ${money(voucher.max_discount)})` : ''}`;
  return `We're sorry for the trouble. As an apology, here is ${what}: ${voucher.code}. `
    + `Enter the code at checkout before ${until}.`;
}
