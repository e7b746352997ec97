// A CSV file of recipients (customer_id[,order_ref] a line, a header line optional), previewed and
// then sent as text/csv. A file over the API's 10,000 rows a request goes in several batches. Each
// batch keeps one Idempotency-Key per chosen file, so sending again after a lost answer adds nothing.
import {during, field, h, show} from '../dom.js';
import {money} from '../format.js';
import {problemBox} from '../problems.js';

const BATCH_ROWS = 10_000;
const number = value => new Intl.NumberFormat().format(value);

export function recipientsForm({api, campaignId, onSent}) {
  const file = h('input', {type: 'file', name: 'recipients', accept: '.csv,text/csv'});
  const preview = h('button', {type: 'button', class: 'secondary'}, 'Preview');
  const send = h('button', {type: 'button'}, 'Send recipients');
  const result = h('div', {class: 'recipients-result', 'aria-live': 'polite'});
  const element = h('div', {class: 'recipients'},
    field('Recipients (CSV file)', file, 'One customer_id a line, optionally a comma and an order reference; '
      + 'a first line customer_id,order_ref is skipped.'),
    h('div', {class: 'actions'}, preview, send), result);

  let batches = null;
  file.addEventListener('change', () => {
    batches = null;
    result.replaceChildren();
  });

  const read = async () => {
    if (!file.files?.length) throw new Error('Choose a CSV file of recipients first.');
    batches ??= split(await file.files[0].text()).map(text => ({text, key: crypto.randomUUID()}));
    if (!batches.length) throw new Error('The file holds no rows.');
    return batches;
  };

  preview.addEventListener('click', () => during(preview, 'Previewing…', async () => {
    try {
      const [first, ...rest] = await read();
      const answer = await api.postText(`/v1/campaigns/${campaignId}/preview`, first.text, 'text/csv');
      show(result, previewView(answer, rest.length));
    } catch (problem) {
      show(result, problemBox(problem));
    }
  }));

  send.addEventListener('click', () => during(send, 'Sending…', async () => {
    try {
      let rows = 0;
      for (const batch of await read()) {
        const answer = await api.postText(`/v1/campaigns/${campaignId}/recipients`, batch.text, 'text/csv', batch.key);
        rows += answer.counts?.received ?? answer.rows ?? 0;
      }
      show(result, h('p', {class: 'success', role: 'status'}, `${number(rows)} rows received; crediting follows below.`));
      onSent();
    } catch (problem) {
      show(result, problemBox(problem, problem.unanswered
        ? 'The rows may or may not have arrived. Press “Send recipients” again: each batch counts at most once.' : null));
    }
  }));

  return element;
}

/** The file as batches of at most BATCH_ROWS rows, each with the header line if the file has one. */
function split(text) {
  const lines = text.split(/\r?\n/).filter(line => line.trim());
  const header = /^\s*"?customer_id"?\s*(,|$)/i.test(lines[0] ?? '') ? lines.shift() : null;
  const batches = [];
  for (let start = 0; start < lines.length; start += BATCH_ROWS) {
    batches.push([header, ...lines.slice(start, start + BATCH_ROWS)].filter(line => line != null).join('\n'));
  }
  return batches;
}

function previewView(preview, more) {
  const counts = preview.counts;
  return h('div', {class: 'preview'},
    h('h3', {}, 'Preview: nothing is changed yet'),
    h('dl', {class: 'figures'},
      h('dt', {}, 'Would be credited'), h('dd', {class: 'would-credit'}, number(counts.credited ?? 0)),
      h('dt', {}, 'Already credited, or listed twice'), h('dd', {}, number(counts.already_credited ?? 0)),
      h('dt', {}, 'Stopped by the cost cap or a hard budget'),
      h('dd', {}, number((counts.cost_cap ?? 0) + (counts.budget_exhausted ?? 0))),
      h('dt', {}, 'Invalid rows'), h('dd', {}, number(counts.invalid ?? 0)),
      h('dt', {}, 'Cost of every new customer'), h('dd', {}, money(preview.total_cost))),
    preview.breaks?.length ? h('ul', {class: 'notice'}, preview.breaks.map(line => h('li', {}, line))) : null,
    (preview.budgets ?? []).map(budget => h('p', {class: 'meta'},
      `Budget ${budget.scope}: ${money(budget.committed)} of ${money(budget.budget)} used this month.`)),
    more ? h('p', {class: 'meta'}, `This previews the first ${number(BATCH_ROWS)} rows; the file is sent in ${more + 1} batches.`)
      : null);
}
