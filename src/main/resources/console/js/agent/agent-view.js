// The agent view: find a customer, see their wallet and goodwill history, and (for a role that may
// grant) give goodwill. The sidebar shows the same view in one column, filled in from its URL.
import {during, field, h, loading, show} from '../dom.js';
import {problemBox} from '../problems.js';
import {can} from '../roles.js';
import {grantForm} from './grant-form.js';
import {showHistory} from './history.js';
import {reasonCodes} from './reasons.js';
import {showWallet} from './wallet.js';

const AGENT_ID = 'amends.agentId';

export function mount(container, {api, me, params, compact}) {
  const mayGrant = can(me.role, 'grant');
  const customer = h('input', {name: 'customer_id', required: true, maxlength: 64, autocomplete: 'off',
    spellcheck: 'false', value: params.get('customer_id') ?? ''});
  // Who is giving: the person at the helpdesk, not the key (one integration key serves many agents).
  const agent = mayGrant ? h('input', {name: 'agent_id', required: true, maxlength: 64, autocomplete: 'off',
    spellcheck: 'false', value: params.get('agent_id') ?? sessionStorage.getItem(AGENT_ID) ?? ''}) : null;
  const lookUp = h('button', {type: 'submit'}, 'Look up');
  const lookup = h('form', {class: 'panel lookup', role: 'search', method: 'post'},
    h('h1', {class: compact ? 'visually-hidden' : null}, 'Find a customer'),
    h('div', {class: 'row'}, field('Customer id', customer), agent ? field('Your agent id', agent) : null),
    h('div', {class: 'actions'}, lookUp));

  const wallet = h('section', {class: 'panel wallet', 'aria-live': 'polite'});
  const give = mayGrant ? h('section', {class: 'panel give'}) : null;
  const history = h('section', {class: 'panel history'});
  const panels = h('div', {class: 'columns', hidden: true}, wallet, give, history);
  show(container, lookup, panels);

  const reasons = reasonCodes(api);

  const open = async () => {
    const customerId = customer.value.trim();
    const agentId = agent?.value.trim();
    if (agentId) sessionStorage.setItem(AGENT_ID, agentId);
    panels.hidden = false;
    const refresh = () => Promise.all([showWallet(wallet, api, customerId), showHistory(history, api, customerId, reasons)]);
    await during(lookUp, 'Looking up…', () => Promise.all([
      refresh(),
      give && showGive(give, {api, customerId, agentId, caseRef: params.get('case_ref'), channel: params.get('channel'),
        reasons, onGranted: refresh}),
    ]));
  };

  lookup.addEventListener('submit', event => {
    event.preventDefault();
    if (lookup.reportValidity()) open();
  });
  // Opened from a ticket with everything it needs: look the customer up at once.
  if (customer.value && (!agent || agent.value)) open();
}

async function showGive(panel, {reasons, ...options}) {
  show(panel, h('h2', {}, 'Give goodwill'), loading('Loading the reason codes…'));
  try {
    show(panel, grantForm({...options, reasons: await reasons}));
  } catch (problem) {
    show(panel, h('h2', {}, 'Give goodwill'), problemBox(problem));
  }
}
