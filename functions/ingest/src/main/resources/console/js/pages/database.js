// Database (#/database): Vigil's own database — size and rows per table, growth, partitions, and the last
// housekeeping and maintenance runs with their result. Read-only, the same for viewers and admins.
import { el, clear, statusBadge, facts } from '../dom.js';
import { api } from '../api.js';
import { age, bytes, dateTime, duration, number } from '../format.js';
import { table, messageLine } from './controls.js';

const REFRESH_MS = 60_000;
const GROWTH_DAYS = 30;

export default {
  title: 'Database',
  async render(view) {
    const root = view.root;
    const message = messageLine();
    const summaryNode = el('div', { id: 'db-summary' });
    const growthNode = el('div', { id: 'db-growth', class: 'chart' });
    const tablesNode = el('div', { id: 'db-tables' });
    const partitionsNode = el('div', { id: 'db-partitions' });
    const runsNode = el('div', { id: 'db-runs' });
    let chart = null;
    view.onLeave(() => { if (chart) chart.destroy(); });

    async function load() {
      let size;
      let partitions;
      let runs;
      let growth;
      try {
        [size, partitions, runs, growth] = await Promise.all([
          api('api/v1/db-stats', { signal: view.signal }),
          api('api/v1/db-stats/partitions', { signal: view.signal }),
          Promise.all(['housekeeping', 'maintenance'].map((job) => api('api/v1/job-runs', { signal: view.signal, query: { job, limit: 10 } }))),
          api('api/v1/series', { signal: view.signal, query: { host: 'vigil', metric: 'mysql_database_size_bytes',
            from: Date.now() - GROWTH_DAYS * 86_400_000, to: Date.now(), step: 3_600_000 } }).catch((e) => {
            if (e.name === 'AbortError') throw e;
            return [];
          }),
        ]);
      } catch (e) {
        if (e.name !== 'AbortError') message.error(e.message);
        return;
      }
      message.clear();
      drawSummary(size);
      drawTables(size);
      drawPartitions(partitions);
      drawRuns([...runs[0], ...runs[1]].sort((a, b) => b.finishedAt - a.finishedAt));
      drawGrowth(growth);
    }

    function drawSummary(size) {
      const growth = size.growthBytesPerDay;
      clear(summaryNode, el('div', { class: 'summary' },
        stat(bytes(size.totalBytes), 'total size'),
        stat(number(size.totalRows, 0), 'rows (estimated)'),
        stat(growth === null || growth === undefined ? '–' : (growth >= 0 ? '+' : '') + bytes(growth) + '/day',
          growth === null || growth === undefined ? 'growth (after an hour of history)' : 'growth'),
        stat(String((size.tables || []).length), 'tables')),
        facts([['Schema', size.schema], ['Engine', size.engine === 'MYSQL' ? 'MySQL / MariaDB' : 'embedded (H2)'],
          ['Measured', dateTime(size.measuredAt)]]));
    }

    function drawTables(size) {
      const sorted = [...(size.tables || [])].sort((a, b) => b.bytes - a.bytes);
      const total = Math.max(1, size.totalBytes);
      clear(tablesNode, table(['Table', 'Size', 'Share', 'Rows', 'Free (reclaimable)'], sorted.map((t) => [
        el('code', {}, t.table), bytes(t.bytes),
        el('span', { class: 'share' }, el('meter', { min: 0, max: 100, value: (100 * t.bytes) / total, 'aria-hidden': 'true' }),
          ' ' + number((100 * t.bytes) / total, 1) + ' %'),
        number(t.rows, 0), t.freeBytes ? bytes(t.freeBytes) : '–',
      ]), { caption: 'Tables', empty: 'No tables.' }));
    }

    function drawPartitions(partitions) {
      if (partitions.length === 0) {
        clear(partitionsNode, el('p', { class: 'muted' },
          'No partitioned tables: the embedded database has none, and on MySQL housekeeping converts the time-series tables on its first run.'));
        return;
      }
      clear(partitionsNode, partitions.map((t) => el('details', { class: 'partitions', dataset: { table: t.table } },
        el('summary', {}, el('code', {}, t.table), ' — ' + t.partitions.length + ' partitions, ' + bytes(t.bytes) + ', '
          + number(t.rows, 0) + ' rows'
          + (t.partitions.length > 1 ? ', ' + range(t.partitions) : '')),
        table(['Partition', 'Holds', 'Rows', 'Size'], t.partitions.map((p, i) => [
          el('code', {}, p.name),
          p.lessThan === null ? 'everything later (catch-all)' : (i > 0 && t.partitions[i - 1].lessThan !== null
            ? dateTime(t.partitions[i - 1].lessThan) + ' – ' : 'before ') + dateTime(p.lessThan),
          number(p.rows, 0), bytes(p.bytes),
        ])))));
    }

    function drawRuns(runs) {
      clear(runsNode, table(['Finished', 'Job', 'Result', 'Took', 'What it did'], runs.map((r) => [
        el('span', { title: dateTime(r.finishedAt) }, age(r.finishedAt)),
        r.job,
        statusBadge(r.ok ? 'ok' : 'critical', r.ok ? 'ok' : 'failed'),
        duration(r.durationMs / 1000),
        describeRun(r),
      ]), { caption: 'Housekeeping runs', empty: 'Housekeeping has not run yet (the local app runs it hourly).',
        rowAttrs: (i) => ({ class: runs[i].ok ? null : 'row-failed' }) }));
    }

    function drawGrowth(series) {
      if (chart) { chart.destroy(); chart = null; }
      const points = (series[0] && series[0].points) || [];
      if (points.length < 2 || typeof window.uPlot !== 'function') {
        clear(growthNode, el('h3', {}, 'Size over ' + GROWTH_DAYS + ' days'),
          el('p', { class: 'chart-empty' }, 'Housekeeping records the size every hour; the chart appears after two measurements.'));
        return;
      }
      clear(growthNode, el('h3', {}, 'Size over ' + GROWTH_DAYS + ' days'));
      const width = Math.max(280, growthNode.clientWidth - 16);
      chart = new window.uPlot({
        width, height: 180,
        scales: { x: { time: true } },
        axes: [{}, { values: (u, ticks) => ticks.map((v) => bytes(v)), size: 70 }],
        series: [{}, { label: 'size', stroke: '#1f6feb', width: 2, value: (u, v) => (v === null ? '–' : bytes(v)) }],
      }, [points.map((p) => p[0] / 1000), points.map((p) => p[1])], growthNode);
    }

    clear(root, el('h1', {}, 'Database'), message.node, summaryNode,
      el('h2', {}, 'Growth'), growthNode,
      el('h2', {}, 'Tables'), tablesNode,
      el('h2', {}, 'Partitions'), partitionsNode,
      el('h2', {}, 'Housekeeping runs'), runsNode);
    await load();
    view.every(REFRESH_MS, () => { if (!root.contains(document.activeElement) || document.activeElement === root) load(); });
  },
};

function stat(value, label) {
  return el('div', { class: 'stat' }, el('span', { class: 'stat-value' }, value), el('span', { class: 'stat-label' }, label));
}

function range(parts) {
  const bounded = parts.filter((p) => p.lessThan !== null);
  if (bounded.length === 0) return '';
  return 'up to ' + dateTime(bounded[bounded.length - 1].lessThan);
}

/** A housekeeping report (JSON) in a few words, with the raw details one click away; an error as it is. */
function describeRun(r) {
  if (!r.details) return '';
  let d = null;
  try { d = JSON.parse(r.details); } catch (e) { /* a failed run's error text */ }
  if (!d || typeof d !== 'object') return el('span', { class: r.ok ? '' : 'delivery-error' }, r.details);
  const words = [];
  if (Array.isArray(d.partitions)) {
    const created = d.partitions.reduce((n, p) => n + (p.created ? p.created.length : 0), 0);
    const dropped = d.partitions.reduce((n, p) => n + (p.dropped ? p.dropped.length : 0), 0);
    words.push(created + ' partitions created, ' + dropped + ' dropped');
  }
  if (Array.isArray(d.sweeps) && d.sweeps.length) words.push(d.sweeps.reduce((n, s) => n + s.rowsDeleted, 0) + ' expired rows deleted');
  if (Array.isArray(d.rollups)) words.push(d.rollups.reduce((n, x) => n + x.rows, 0) + ' rollup rows');
  if (d.alertHistory) words.push(d.alertHistory.alerts + ' old alerts removed');
  if (typeof d.databaseBytes === 'number') words.push('database ' + bytes(d.databaseBytes));
  if (Array.isArray(d.analyzed)) words.push(d.analyzed.length + ' tables analyzed');
  if (Array.isArray(d.optimized)) words.push(d.optimized.length + ' optimized');
  if (typeof d.reclaimableBytes === 'number') words.push(bytes(d.reclaimableBytes) + ' reclaimable');
  return el('details', { class: 'run-details' }, el('summary', {}, words.join(', ') || 'details'),
    el('pre', {}, JSON.stringify(d, null, 2)));
}
