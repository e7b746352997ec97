// "Download CSV": the API's own CSV of a report (Accept: text/csv, with the signed-in key), saved
// as the file the API names. Nothing is rebuilt here: the file is what an integration would get.
import {during, h} from '../dom.js';
import {problemBox} from '../problems.js';

/** A button that downloads path?query as CSV; `what` names it for screen readers and the file. */
export function csvButton(api, path, query, what) {
  const button = h('button', {type: 'button', class: 'secondary small csv', 'aria-label': `Download ${what} as CSV`,
    'data-csv': path}, 'Download CSV');
  button.addEventListener('click', () => during(button, 'Downloading…', async () => {
    button.parentElement?.querySelector('.csv-problem')?.remove();
    try {
      const file = await api.csv(path, typeof query === 'function' ? query() : query);
      save(new Blob([file.text], {type: file.type ?? 'text/csv'}), file.filename);
    } catch (problem) {
      button.after(h('div', {class: 'csv-problem'}, problemBox(problem)));
    }
  }));
  return button;
}

function save(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = h('a', {href: url, download: filename, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by the time this runs; the URL would only keep it in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
