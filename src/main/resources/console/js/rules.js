// The API names each rule a grant broke with a code, the limit and the value; an agent reads a
// sentence. A rule this page does not know yet falls back to the API's own message.
import {money} from './format.js';

const SENTENCES = {
  max_grant: v => `A single grant above ${money(v.limit)} needs a supervisor's approval; this one is worth ${money(v.value)}.`,
  daily_total: v => `Your goodwill today would come to ${money(v.value)}, over your daily limit of ${money(v.limit)}.`,
  customer_cap: v => `This customer would receive ${money(v.value)} of goodwill within the cap's period, over the cap of ${money(v.limit)}.`,
  budget: v => `The ${v.scope === 'overall' ? 'overall' : `“${v.scope}”`} budget would be passed: ${money(v.value)} of ${money(v.limit)}.`,
  top_up: () => 'This case was compensated already; a second grant for it always needs approval.',
  not_valued: () => 'This reward cannot be valued in the currency limits are kept in, so no limit can clear it.',
};

const NEEDS_AMOUNTS = new Set(['max_grant', 'daily_total', 'customer_cap', 'budget']);

/** One broken rule ({rule, message, limit, value, scope}) as a sentence. */
export function ruleSentence(violation) {
  const sentence = SENTENCES[violation.rule];
  if (!sentence || (NEEDS_AMOUNTS.has(violation.rule) && !(violation.limit && violation.value))) {
    return violation.message || violation.rule;
  }
  return sentence(violation);
}

const LIMITS = {
  max_grant: 'your limit for one grant',
  daily_total: 'your daily limit',
  customer_cap: "this customer's cap",
  budget: 'a budget',
};

/** The rule that sets what an agent may give now (the allowance's limited_by), in words. */
export function limitName(rule) {
  return LIMITS[rule] ?? rule;
}
