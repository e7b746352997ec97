// The books: whether they balance (the reconciliation), how far the audit chain is sealed and
// whether it is intact, and the audit trail searched by time, key, action and target.
import {h, loading, show} from '../dom.js';
import {time} from '../format.js';
import {problemBox} from '../problems.js';
import {auditTrail} from './audit-trail.js';
import {csvButton} from './csv.js';
import {amount} from './tables.js';

const RECONCILIATION = '/v1/reports/reconciliation';
const VERIFY = '/v1/audit-events/verify';
const number = value => new Intl.NumberFormat().format(value);

export function mount(container, {api}) {
  const books = h('section', {class: 'panel reconciliation'}, loading('Checking the books…'));
  const chain = h('section', {class: 'panel chain'}, loading('Walking the audit chain…'));
  show(container, h('h1', {}, 'Books'), h('div', {class: 'columns'}, books, chain), auditTrail(api));
  api.get(RECONCILIATION).then(result => show(books, reconciliationView(api, result)),
    problem => show(books, h('h2', {}, 'Reconciliation'), problemBox(problem)));
  api.get(VERIFY).then(result => show(chain, chainView(api, result)),
    problem => show(chain, h('h2', {}, 'Audit chain'), problemBox(problem)));
}

function reconciliationView(api, books) {
  const findings = [
    ...books.unbalanced_entries.map(e => `Entry ${e.entry_id} does not balance: ${amount(e.total, e.unit)} left over.`),
    ...books.entries_without_postings.map(id => `Entry ${id} has no postings.`),
    ...books.balance_mismatches.map(m => `Account ${m.account} stores ${amount(m.stored_balance, m.unit)}; its postings give ${amount(m.posted_balance, m.unit)}.`),
    ...books.negative_balances.map(n => `Account ${n.account} is below zero: ${amount(n.balance, n.unit)}.`),
    ...books.lot_mismatches.map(l => `Customer ${l.customer_id} holds ${amount(l.account_balance, 'points')}; their lots hold ${amount(l.lots_remaining, 'points')}.`),
  ];
  return [h('h2', {}, 'Reconciliation'),
    books.ok ? h('p', {class: 'success books-status', role: 'status'}, 'The books balance: every entry sums to zero and every stored balance matches its postings.')
      : h('div', {class: 'problem books-status', role: 'alert'}, h('strong', {}, `${findings.length} findings`),
        h('ul', {}, findings.map(text => h('li', {}, text)))),
    h('dl', {class: 'figures'},
      h('dt', {}, 'Checked'), h('dd', {}, time(books.checked_at)),
      h('dt', {}, 'Journal entries'), h('dd', {}, number(books.entries_checked)),
      h('dt', {}, 'Postings'), h('dd', {}, number(books.postings_checked)),
      h('dt', {}, 'Accounts'), h('dd', {}, number(books.accounts_checked))),
    csvButton(api, RECONCILIATION, {}, 'the reconciliation')];
}

function chainView(api, chain) {
  const mismatch = chain.first_mismatch;
  return [h('h2', {}, 'Audit chain'),
    chain.valid
      ? h('p', {class: 'success chain-status', role: 'status'},
        `Intact: sealed up to event #${number(chain.sealed_through_position)}`,
        chain.sealed_through_event_id ? [' (', h('span', {class: 'code'}, chain.sealed_through_event_id), ')'] : '', '.')
      : h('p', {class: 'problem chain-status', role: 'alert'}, `Broken at event #${number(mismatch.position)}`,
        mismatch.event_id ? [' (', h('span', {class: 'code'}, mismatch.event_id), ')'] : '', `: ${mismatch.problem}.`),
    h('dl', {class: 'figures'},
      h('dt', {}, 'Sealed events checked'), h('dd', {}, number(chain.checked_events)),
      h('dt', {}, 'Last sealed'), h('dd', {}, time(chain.sealed_at)),
      h('dt', {}, 'Not yet sealed'), h('dd', {}, number(chain.unsealed_events)),
      h('dt', {}, 'Head hash'), h('dd', {class: 'code head-hash'}, chain.head_hash)),
    h('p', {class: 'hint'}, 'Keep the head hash somewhere else: a chain rewritten from the start would end in another one.'),
    csvButton(api, VERIFY, {}, 'the audit chain verification')];
}
