// Charts of the finance dashboard, drawn by Chart.js (from its WebJar, served as the console's own
// lib/chart.umd.js). Each series has a colour and a pattern of its own, and bars carry their figure
// as a direct label, so a chart reads without colour; hovering shows the figures too. A table
// beside every chart holds the same numbers for those who would rather read them.
const COLOURS = ['#0b57d0', '#b3261e', '#146c2e', '#7a4100', '#6a1b9a', '#00695c', '#37474f', '#ad1457'];
const SHAPES = ['solid', 'diagonal', 'dots', 'cross', 'horizontal', 'vertical', 'reverse', 'grid'];

let library;

/** The Chart class, loaded once, when the first chart is drawn. */
export function chartLibrary() {
  // The UMD build sets globalThis.Chart when run as a module (it sees no exports and no define).
  library ??= import('../../lib/chart.umd.js').then(() => {
    globalThis.Chart.register(directLabels);
    return globalThis.Chart;
  });
  return library;
}

/** The style of series i: its colour and, from the second on, a pattern drawn in that colour. */
export function seriesStyle(index) {
  const colour = COLOURS[index % COLOURS.length];
  const shape = SHAPES[index % SHAPES.length];
  return {colour, shape, fill: shape === 'solid' ? colour : pattern(colour, shape)};
}

function pattern(colour, shape) {
  const size = 10;
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const ctx = tile.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 2;
  const line = (x1, y1, x2, y2) => {
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  };
  if (shape === 'diagonal' || shape === 'cross') line(0, size, size, 0);
  if (shape === 'reverse' || shape === 'cross') line(0, 0, size, size);
  if (shape === 'horizontal' || shape === 'grid') line(0, size / 2, size, size / 2);
  if (shape === 'vertical' || shape === 'grid') line(size / 2, 0, size / 2, size);
  if (shape === 'dots') {
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, 2.2, 0, 2 * Math.PI);
    ctx.fill();
  }
  return ctx.createPattern(tile, 'repeat');
}

/** Draws each bar's figure beside it (plugins.directLabels.format(value, dataset) gives the text). */
const directLabels = {
  id: 'directLabels',
  afterDatasetsDraw(chart, args, options) {
    if (!options?.format) return;
    const {ctx} = chart;
    const horizontal = chart.options.indexAxis === 'y';
    ctx.save();
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillStyle = '#1b1b1f';
    chart.data.datasets.forEach((dataset, d) => {
      const meta = chart.getDatasetMeta(d);
      if (meta.hidden) return;
      meta.data.forEach((bar, i) => {
        const text = options.format(dataset.data[i], dataset, i);
        if (!text) return;
        const {x, y, base} = bar.getProps(['x', 'y', 'base'], true);
        if (horizontal) {
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText(text, Math.max(x, base) + 4, y);
        } else {
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          ctx.fillText(text, x, Math.min(y, base) - 3);
        }
      });
    });
    ctx.restore();
  },
};

/**
 * A bar chart in `box` (a .chart element), replacing any chart it held. spec: {labels, datasets:
 * [{label, data}], stacked, horizontal, tick(value), tooltip(context), label(value, dataset, i),
 * description}. Datasets get their colour and pattern in order, unless they bring their own.
 */
export async function barChart(box, spec) {
  const Chart = await chartLibrary();
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', spec.description);
  box.querySelectorAll('canvas').forEach(old => Chart.getChart(old)?.destroy());
  box.replaceChildren(canvas);
  if (spec.horizontal) box.style.height = `${Math.max(7, 2.2 * spec.labels.length + 4)}rem`;
  const datasets = spec.datasets.map((dataset, index) => {
    const style = seriesStyle(index);
    return {backgroundColor: style.fill, borderColor: style.colour, borderWidth: 1.5, ...dataset};
  });
  const valueAxis = {beginAtZero: true, stacked: Boolean(spec.stacked), ticks: {callback: spec.tick},
    grace: spec.horizontal ? '25%' : '12%'};
  const categoryAxis = {stacked: Boolean(spec.stacked)};
  return new Chart(canvas, {
    type: 'bar',
    data: {labels: spec.labels, datasets},
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      scales: spec.horizontal ? {x: valueAxis, y: categoryAxis} : {x: categoryAxis, y: valueAxis},
      plugins: {
        legend: {display: datasets.length > 1, labels: {boxWidth: 22, boxHeight: 14}},
        tooltip: {callbacks: {label: spec.tooltip}},
        directLabels: {format: spec.label},
      },
    },
  });
}
