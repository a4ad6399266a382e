// Time-series charts on uPlot (global from the webjar, loaded by index.html). Drag to zoom (every chart on the
// page follows), double-click to zoom out. Series points come from /api/v1/series as [tsMillis, value].
import { el } from './dom.js';

const COLOURS = ['#1f6feb', '#cf222e', '#1a7f37', '#9a6700', '#8250df', '#0a7ea4', '#bf3989', '#57606a'];
const HEIGHT = 200;

/** Lines on one time axis: [{label, points: [[ms, v], ...]}] -> uPlot data [xs (s), ys...] with nulls. */
export function align(lines) {
  if (lines.length === 1) {
    const pts = lines[0].points;
    return [pts.map((p) => p[0] / 1000), pts.map((p) => p[1])];
  }
  const xs = [...new Set(lines.flatMap((l) => l.points.map((p) => p[0])))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = lines.map((l) => {
    const column = new Array(xs.length).fill(null);
    for (const [x, v] of l.points) column[index.get(x)] = v;
    return column;
  });
  return [xs.map((x) => x / 1000), ...ys];
}

/**
 * Least-squares line through the newest `windowMs` of points; the time (ms) it reaches `level`, or null
 * when it does not head there. Same idea as the DiskWillFillIn4Hours rule.
 */
export function predictReach(points, level, windowMs) {
  if (points.length < 2) return null;
  const newest = points[points.length - 1][0];
  let recent = points.filter((p) => p[0] >= newest - windowMs && p[1] !== null);
  if (recent.length < 2) recent = points.slice(-12).filter((p) => p[1] !== null);
  if (recent.length < 2) return null;
  const n = recent.length;
  let sx = 0, sy = 0, sxy = 0, sxx = 0;
  for (const [t, v] of recent) { const x = (t - newest) / 1000; sx += x; sy += v; sxy += x * v; sxx += x * x; }
  const denominator = n * sxx - sx * sx;
  if (denominator <= 0) return null;
  const slope = (n * sxy - sx * sy) / denominator;
  const intercept = (sy - slope * sx) / n;
  const latest = recent[n - 1][1];
  if (slope === 0 || slope * (latest - level) > 0) return null;
  const seconds = (level - intercept) / slope;
  return Number.isFinite(seconds) ? newest + Math.max(0, seconds) * 1000 : null;
}

const near = (a, b) => Math.abs(a - b) < 0.5;

/** A group of charts whose x zoom moves together. */
export class ChartGroup {
  constructor() {
    this.charts = [];
    this.syncing = false;
    this.observer = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const chart = this.charts.find((c) => c.root.parentElement === entry.target);
        if (chart) chart.setSize({ width: Math.max(200, entry.contentRect.width), height: HEIGHT });
      }
    });
  }

  /**
   * Adds a chart to `holder` (an element already in the page).
   * spec: {lines: [{label, points, dash?}], format: (v) => string, range: {min, max} in ms, yMin?, yMax?}
   */
  add(holder, spec) {
    const data = align(spec.lines);
    const width = Math.max(200, holder.clientWidth || 500);
    const options = {
      width,
      height: HEIGHT,
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: { time: true },
        y: { range: (u, min, max) => [spec.yMin ?? Math.min(0, min), spec.yMax ?? (max > 0 ? max * 1.1 : 1)] },
      },
      axes: [{}, { size: 70, values: (u, ticks) => ticks.map((t) => spec.format(t)) }],
      series: [{}, ...spec.lines.map((line, i) => ({
        label: line.label,
        stroke: line.colour || COLOURS[i % COLOURS.length],
        width: 1.5,
        dash: line.dash,
        spanGaps: spec.lines.length > 1,
        value: (u, v) => (v === null || v === undefined ? '–' : spec.format(v)),
      }))],
      hooks: {
        setScale: [(u, key) => {
          if (key !== 'x') return;
          holder.dataset.xMin = String(Math.round(u.scales.x.min));
          holder.dataset.xMax = String(Math.round(u.scales.x.max));
          this.follow(u);
        }],
      },
    };
    this.syncing = true; // uPlot sets its scales while it is built: that is not a zoom to follow
    const chart = new uPlot(options, data, holder);
    // the whole chosen range, not just the span that has data (and a disk's prediction past now)
    chart.vigilRange = { min: spec.range.min / 1000, max: spec.range.max / 1000 };
    chart.setScale('x', chart.vigilRange);
    this.syncing = false;
    holder.addEventListener('dblclick', () => this.zoomOut());
    this.charts.push(chart);
    this.observer.observe(holder);
    return chart;
  }

  /** After a drag zoom on one chart, every other chart shows the same time span. */
  follow(source) {
    const { min, max } = source.scales.x;
    const own = source.vigilRange;
    // uPlot applies scales in a microtask after it is built: its own initial range is not a zoom
    if (this.syncing || !own || (near(min, own.min) && near(max, own.max))) return;
    this.syncing = true;
    for (const chart of this.charts) {
      if (chart !== source && !(near(chart.scales.x.min, min) && near(chart.scales.x.max, max))) chart.setScale('x', { min, max });
    }
    this.syncing = false;
  }

  /** Back to each chart's own range (a disk's free-space chart reaches past now to its predicted fill). */
  zoomOut() {
    this.syncing = true;
    for (const chart of this.charts) chart.setScale('x', chart.vigilRange);
    this.syncing = false;
  }

  destroy() {
    this.observer.disconnect();
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }
}

/** The box a chart lives in: a titled panel with an empty holder for uPlot. */
export function chartPanel(title, note) {
  const holder = el('div', { class: 'chart-holder' });
  const panel = el('section', { class: 'chart' }, el('h3', {}, title), note ? el('p', { class: 'predict' }, note) : null, holder);
  return { panel, holder };
}
