// Host: current values, charts over a chosen range (answered from rollups for long ranges), open alerts,
// recent alert history and labels. #/host/<name>?range=6h
import { el, clear, statusBadge, labelChips, facts, alertLink, errorBox } from '../dom.js';
import { api } from '../api.js';
import { bytes, rate, percent, number, age, duration, dateTime } from '../format.js';
import { ChartGroup, chartPanel, predictReach } from '../charts.js';

const RANGES = { '1h': 3600e3, '6h': 6 * 3600e3, '24h': 24 * 3600e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3 };
const POINTS_PER_CHART = 720;
const TREND_WINDOW_MS = 3600e3;

const pct = (v) => percent(v, 0);
const ms = (v) => number(v, 1) + ' ms';
const plain = (v) => number(v, 2);

/** Which series go in which chart; `split` makes one chart per value of that label. */
const CHARTS = [
  { title: 'CPU', metrics: [['cpu_usage_percent', 'cpu used'], ['cpu_iowait_percent', 'iowait']], format: pct, yMax: 100 },
  { title: 'Memory', metrics: [['memory_used_percent', 'memory used']], format: pct, yMax: 100 },
  { title: 'Swap', metrics: [['swap_used_percent', 'swap used']], format: pct, yMax: 100 },
  { title: 'Load', metrics: [['load1', 'load 1m'], ['load5', 'load 5m'], ['load15', 'load 15m']], format: plain },
  { title: 'Disk {mount} used', split: 'mount', metrics: [['disk_used_percent', 'used']], format: pct, yMax: 100 },
  { title: 'Disk {mount} free', split: 'mount', metrics: [['disk_free_bytes', 'free']], format: bytes, predictZero: true },
  { title: 'Network', metrics: [['net_rx_bytes_per_second', 'rx {iface}'], ['net_tx_bytes_per_second', 'tx {iface}']], format: rate },
  { title: 'MySQL query latency', metrics: [['mysql_query_latency_ms', 'latency']], format: ms },
  { title: 'MySQL size', metrics: [['mysql_database_size_bytes', '{schema}']], format: bytes },
  { title: 'Checks (1 = ok)', metrics: [['check_ok', '{check}']], format: plain, yMin: 0, yMax: 1.2 },
];

function fill(template, labels) {
  return template.replace(/\{(\w+)\}/g, (m, key) => labels[key] ?? '');
}

/** The chart specs for the series that have points, in CHARTS order; disks ordered by mount. */
export function buildCharts(series, range) {
  const byMetric = new Map();
  for (const s of series) {
    if (!s.points.length) continue;
    if (!byMetric.has(s.metric)) byMetric.set(s.metric, []);
    byMetric.get(s.metric).push(s);
  }
  const out = [];
  for (const def of CHARTS) {
    const groups = new Map();
    for (const [metric, label] of def.metrics) {
      for (const s of byMetric.get(metric) || []) {
        const key = def.split ? s.labels[def.split] ?? '' : '';
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push({ label: fill(label, s.labels), points: s.points });
      }
    }
    for (const key of [...groups.keys()].sort()) {
      const lines = groups.get(key);
      const spec = { title: fill(def.title, { [def.split]: key }), lines, format: def.format, yMin: def.yMin, yMax: def.yMax,
        range: { ...range }, note: null };
      if (def.predictZero) addPrediction(spec, range);
      out.push(spec);
    }
  }
  return out;
}

function addPrediction(spec, range) {
  const points = spec.lines[0].points;
  const fullAt = predictReach(points, 0, TREND_WINDOW_MS);
  if (fullAt === null) return;
  const last = points[points.length - 1];
  const horizon = range.max + (range.max - range.min) * 0.25;
  const end = Math.min(fullAt, horizon);
  const valueAtEnd = last[1] + (0 - last[1]) * ((end - last[0]) / Math.max(1, fullAt - last[0]));
  spec.lines.push({ label: 'predicted', points: [[last[0], last[1]], [end, Math.max(0, valueAtEnd)]], dash: [6, 4], colour: '#9a6700' });
  spec.range.max = Math.max(spec.range.max, end);
  spec.note = 'full in ' + duration((fullAt - Date.now()) / 1000) + ' at the rate of the last hour';
}

function currentValues(latest) {
  const one = (metric) => latest.find((v) => v.metric === metric);
  const cards = [];
  const add = (label, value) => { if (value !== null) cards.push(el('div', { class: 'stat' }, el('span', { class: 'stat-value' }, value), el('span', { class: 'stat-label' }, label))); };
  const fmt = (metric, f) => { const v = one(metric); return v ? f(v.value) : null; };
  add('CPU', fmt('cpu_usage_percent', pct));
  add('iowait', fmt('cpu_iowait_percent', pct));
  add('memory', fmt('memory_used_percent', pct));
  add('swap', fmt('swap_used_percent', pct));
  add('load 1m', fmt('load1', plain));
  add('uptime', fmt('uptime_seconds', duration));
  for (const disk of latest.filter((v) => v.metric === 'disk_used_percent').sort((a, b) => b.value - a.value)) {
    add('disk ' + (disk.labels.mount || '?'), pct(disk.value));
  }
  add('MySQL latency', fmt('mysql_query_latency_ms', ms));
  for (const check of latest.filter((v) => v.metric === 'check_ok')) {
    add('check ' + (check.labels.check || '?'), check.value >= 1 ? 'ok' : 'FAILING');
  }
  return el('section', { class: 'current', 'aria-label': 'Current values' }, cards);
}

function alertsTable(alerts, empty) {
  if (!alerts.length) return el('p', { class: 'muted' }, empty);
  return el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
    el('thead', {}, el('tr', {}, ['State', 'Severity', 'Alert', 'Since', 'Summary'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, alerts.map((a) => el('tr', {},
      el('td', {}, statusBadge(a.state === 'firing' ? a.severity : a.state, a.state)),
      el('td', {}, a.severity),
      el('td', {}, alertLink(a.id, a.rule)),
      el('td', { title: dateTime(a.startsAt) }, a.endsAt ? dateTime(a.startsAt) + ' – ' + dateTime(a.endsAt) : age(a.startsAt)),
      el('td', {}, a.summary || ''))))));
}

export default {
  title: 'Host',
  async render(view) {
    const name = view.params.name;
    document.title = name + ' · Vigil';
    const rangeKey = RANGES[view.query.get('range')] ? view.query.get('range') : '1h';
    const head = el('div', { class: 'host-head' }, el('h1', {}, name));
    const buttons = Object.keys(RANGES).map((key) => el('button', { type: 'button', 'aria-pressed': String(key === rangeKey),
      dataset: { range: key }, on: { click: () => view.navigate('host/' + encodeURIComponent(name) + '?range=' + key) } }, key));
    const toolbar = el('div', { class: 'toolbar' }, el('span', { class: 'segmented', role: 'group', 'aria-label': 'Range' }, buttons),
      el('span', { class: 'muted' }, 'Drag on a chart to zoom, double-click to zoom out.'));
    const current = el('div');
    const charts = el('div', { class: 'charts', id: 'host-charts' });
    const alertsHolder = el('div');
    const infoHolder = el('div');
    view.root.append(head, current, toolbar, charts, el('div', { class: 'two-col' }, alertsHolder, infoHolder));

    const group = new ChartGroup();
    view.onLeave(() => group.destroy());

    const [host, latest, alerts] = await Promise.all([
      api('api/v1/hosts/' + encodeURIComponent(name), { signal: view.signal }),
      api('api/v1/hosts/' + encodeURIComponent(name) + '/latest', { signal: view.signal }),
      api('api/v1/alerts', { query: { host: name }, signal: view.signal }),
    ]);
    head.append(statusBadge(host.up ? 'ok' : 'down', host.up ? 'up' : 'down'),
      el('span', { class: 'muted' }, 'last seen ' + age(host.lastSeenAt)));
    clear(current, currentValues(latest));
    const open = alerts.filter((a) => a.state !== 'resolved');
    const history = alerts.filter((a) => a.state === 'resolved').slice(0, 20);
    clear(alertsHolder, el('h2', {}, 'Open alerts'), alertsTable(open, 'No open alerts.'),
      el('h2', {}, 'Recent history'), alertsTable(history, 'No resolved alerts.'));
    clear(infoHolder, el('h2', {}, 'Host'), facts([
      ['Labels', Object.keys(host.labels).length ? labelChips(host.labels) : 'none'],
      ['Registered', dateTime(host.createdAt)],
      ['Last seen', host.lastSeenAt ? dateTime(host.lastSeenAt) : 'never'],
    ]));

    const to = Date.now();
    const from = to - RANGES[rangeKey];
    const step = RANGES[rangeKey] <= 3600e3 ? 0 : Math.round(RANGES[rangeKey] / POINTS_PER_CHART);
    let series;
    try {
      series = await api('api/v1/series', { query: { host: name, from, to, step: step || null }, signal: view.signal });
    } catch (e) {
      if (e.name === 'AbortError') return;
      charts.append(errorBox('Could not load the charts: ' + e.message));
      return;
    }
    const specs = buildCharts(series, { min: from, max: to });
    if (!specs.length) charts.append(el('p', { class: 'muted' }, 'No data in this range.'));
    let points = 0;
    for (const spec of specs) {
      const { panel, holder } = chartPanel(spec.title, spec.note);
      panel.dataset.points = String(spec.lines[0].points.length);
      charts.append(panel);
      group.add(holder, spec);
      points += spec.lines.reduce((n, l) => n + l.points.length, 0);
    }
    view.root.dataset.chartsDrawn = String(specs.length);
    view.root.dataset.points = String(points);
  },
};
