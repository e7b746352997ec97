// The finance dashboard: a period and a grouping chosen at the top, then spend, liability,
// breakage and effectiveness for it, each read from the report API in parallel and shown as soon
// as it answers. When all have drawn, the dashboard says so (data-state="ready"); the moment each
// section and the whole were done go to the browser's performance timeline, which the benchmark reads.
import {h, loading, show} from '../dom.js';
import {problemBox} from '../problems.js';
import {breakageSection, effectivenessSection} from './effectiveness.js';
import {liabilitySection} from './liability.js';
import {keptChoice, lastDay, periodPicker, rangeOf} from './period.js';
import {spendSection} from './spend.js';

const SECTIONS = [
  ['spend', 'Loading the spend…', spendSection],
  ['liability', 'Loading the liability…', liabilitySection],
  ['breakage', 'Loading the breakage…', breakageSection],
  ['effectiveness', 'Loading the effectiveness…', effectivenessSection],
];

export function mount(container, {api}) {
  const period = h('p', {class: 'meta period-words', 'aria-live': 'polite'});
  const panels = SECTIONS.map(([name]) => h('section', {class: `panel report-section ${name}`}));
  const root = h('div', {class: 'finance', 'data-state': 'loading'},
    h('h1', {}, 'Finance'), periodPicker(keptChoice(), choice => load(choice)), period, panels);
  show(container, root);

  let generation = 0;
  const load = async choice => {
    const mine = ++generation;
    const range = rangeOf(choice);
    const day = lastDay(range);
    root.dataset.state = 'loading';
    period.textContent = `From ${range.from} to ${day} (UTC days, both included).`;
    performance.mark('finance-dashboard-start');
    await Promise.all(SECTIONS.map(([name, waiting, section], i) => {
      show(panels[i], loading(waiting));
      return section(panels[i], {api, range, choice, day})
        .catch(problem => show(panels[i], problemBox(problem)))
        .finally(() => performance.measure(`finance-${name}`, 'finance-dashboard-start'));
    }));
    if (mine !== generation) return;
    root.dataset.state = 'ready';
    performance.mark('finance-dashboard-ready');
    performance.measure('finance-dashboard', 'finance-dashboard-start', 'finance-dashboard-ready');
  };
  load(keptChoice());
}
