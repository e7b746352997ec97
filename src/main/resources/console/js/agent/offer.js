// "What may I offer": the allowance for this agent, customer, reason and case, before they click.
import {h} from '../dom.js';
import {money, reward} from '../format.js';
import {limitName} from '../rules.js';

export function offerView(allowance) {
  const recent = allowance.recent_goodwill;
  return h('div', {class: 'offer'},
    allowance.suggested_reward
      ? h('p', {}, 'Suggested for this reason: ', h('strong', {}, reward(allowance.suggested_reward)),
        allowance.suggested_value ? ` (worth ${money(allowance.suggested_value)})` : '')
      : null,
    allowance.max_without_approval
      ? h('p', {}, 'You may give up to ', h('strong', {}, money(allowance.max_without_approval)),
        ` without approval (${limitName(allowance.limited_by)}).`)
      : h('p', {}, 'No limit of yours applies now: what you give is issued at once.'),
    allowance.suggested_refused
      ? h('p', {class: 'problem'}, 'The suggested reward would be refused now: a budget has no room left for it.')
      : allowance.suggested_needs_approval
        ? h('p', {class: 'notice'}, "The suggested reward would need a supervisor's approval now.")
        : null,
    allowance.compensated_by
      ? h('p', {class: 'notice'}, `This case was compensated already (grant ${allowance.compensated_by}). `,
        'Another grant for it is a top-up, and always needs approval.')
      : null,
    recent
      ? h('p', {class: 'meta'}, `This customer received ${recent.grants} ${recent.grants === 1 ? 'grant' : 'grants'} `,
        `worth ${money(recent.value)} in the last ${recent.days} days.`)
      : null);
}
