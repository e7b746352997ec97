// A campaign's counts as a progress bar, kept up to date by polling GET /v1/campaigns/{id} while rows
// wait to be credited or unused credit is being revoked.
import {h, show} from '../dom.js';
import {money} from '../format.js';

const POLL_MS = 1000;
const number = value => new Intl.NumberFormat().format(value);

/** The campaign's counts: received = queued + credited + skipped + invalid. */
export function countsOf(campaign) {
  const {received, queued, credited, skipped, invalid} = campaign.counts;
  return {received, queued, credited, skipped, invalid};
}

/** Whether the campaign still moves on its own: rows queued, or a revocation running. */
export function working(campaign) {
  return countsOf(campaign).queued > 0 || Boolean(campaign.revocation && !campaign.revocation.finished_at);
}

/** The bar and its words for one state of the campaign. */
export function progressView(campaign) {
  const counts = countsOf(campaign);
  const settled = counts.received - counts.queued;
  const done = counts.received > 0 && counts.queued === 0;
  const bar = h('progress', {max: Math.max(counts.received, 1), value: counts.received ? settled : 0,
    'aria-label': 'Recipients handled', class: done ? 'done' : null});
  return h('div', {class: 'progress', 'data-done': done ? 'true' : 'false'},
    bar,
    h('p', {class: 'progress-words'}, counts.received === 0 ? 'No recipients yet.'
      : done ? `Done: ${number(counts.credited)} credited of ${number(counts.received)} received.`
        : `Crediting… ${number(settled)} of ${number(counts.received)} handled, ${number(counts.queued)} waiting.`),
    h('p', {class: 'meta'}, `Credited ${number(counts.credited)} · skipped ${number(counts.skipped)} `,
      `(already credited, or stopped by a limit) · invalid ${number(counts.invalid)}`,
      campaign.cost ? ` · cost so far ${money(campaign.cost)}` : '',
      campaign.cost_cap ? ` of a cap of ${money(campaign.cost_cap)}` : ''),
    campaign.revocation ? h('p', {class: 'meta'}, campaign.revocation.finished_at
      ? `Unused credit revoked from ${number(campaign.revocation.grants_revoked)} grants.`
      : `Revoking unused credit… ${number(campaign.revocation.grants_revoked)} grants so far.`) : null);
}

/**
 * Shows the campaign in `element` and, while it works, polls until it is done or the element has
 * left the page. onChange(campaign) hears every new state.
 */
export function follow(api, element, campaign, onChange) {
  let timer;
  const schedule = delay => {
    clearTimeout(timer);
    timer = setTimeout(poll, delay);
  };
  const poll = async () => {
    if (!element.isConnected) return;
    try {
      campaign = await api.get(`/v1/campaigns/${campaign.id}`);
      show(element, progressView(campaign));
      onChange?.(campaign);
    } catch {
      // A missed poll is tried again; the bar keeps its last state meanwhile.
    }
    if (working(campaign)) schedule(POLL_MS);
  };
  show(element, progressView(campaign));
  if (working(campaign)) schedule(POLL_MS);
  /** Looks again now (after a change), and keeps following while the campaign works. */
  return {refresh: () => schedule(0)};
}
