// What each role may do in the console, as the API's access rules allow it (PRODUCT.md, "Who calls
// it"). The page offers only what the key may do; the API refuses the rest anyway.
const ACTIONS = {
  lookUpCustomers: ['agent', 'supervisor', 'finance'],
  grant: ['agent', 'supervisor'],
  decideGrants: ['supervisor'],
  runCampaigns: ['supervisor'],
  administer: ['admin'],
};

export function can(role, action) {
  return ACTIONS[action]?.includes(role) ?? false;
}

const NOTHING_YET = {
  storefront: 'A storefront key is for checkout integrations (balances, vouchers, holds); the console has no page for it.',
};

/** Why a role finds no view here. */
export function nothingFor(role) {
  return NOTHING_YET[role] ?? `The console has no page for the ${role} role.`;
}
