// Fleet: every host as a tile, worst first, with the fleet's numbers on top. Refreshes every 15 s in place.
import { el, clear, hostLink, statusBadge, labelChips, errorBox } from '../dom.js';
import { api } from '../api.js';
import { percent, age, duration } from '../format.js';

const REFRESH_MS = 15_000;

/** 'web team=db' keeps hosts whose name contains "web" and that have label team=db (or team containing db). */
export function matches(tile, filter) {
  for (const word of filter.toLowerCase().split(/\s+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    if (eq > 0) {
      const key = word.slice(0, eq);
      const value = word.slice(eq + 1);
      const found = Object.entries(tile.labels).some(([k, v]) => k.toLowerCase() === key && v.toLowerCase().includes(value));
      if (!found) return false;
    } else if (!tile.name.toLowerCase().includes(word)
      && !Object.entries(tile.labels).some(([k, v]) => (k + '=' + v).toLowerCase().includes(word))) {
      return false;
    }
  }
  return true;
}

function stat(value, label, status) {
  return el('div', { class: ['stat', status && 'status-' + status] },
    el('span', { class: 'stat-value' }, value), el('span', { class: 'stat-label' }, label));
}

function summary(overview, now) {
  const evaluated = overview.lastEvaluationAt;
  return el('section', { class: 'summary', 'aria-label': 'Fleet summary' },
    stat(String(overview.hosts.up), 'hosts up'),
    stat(String(overview.hosts.down), 'hosts down', overview.hosts.down > 0 ? 'down' : null),
    stat(String(overview.firing.critical), 'critical firing', overview.firing.critical > 0 ? 'critical' : null),
    stat(String(overview.firing.warning), 'warning firing', overview.firing.warning > 0 ? 'warning' : null),
    stat(evaluated ? age(evaluated, now) : 'never', 'last evaluation'));
}

const STATUS_TEXT = { ok: 'OK', warning: 'Warning', critical: 'Critical', down: 'Down' };

function tile(host, now) {
  const firing = host.firing.critical + host.firing.warning;
  const alerts = [
    host.firing.critical ? host.firing.critical + ' critical' : null,
    host.firing.warning ? host.firing.warning + ' warning' : null,
    host.pending ? host.pending + ' pending' : null,
  ].filter(Boolean).join(', ');
  const disk = host.fullestDisk;
  return el('li', { class: ['tile', 'status-' + host.status], dataset: { host: host.name, status: host.status } },
    el('div', { class: 'tile-head' },
      hostLink(host.name, { class: 'tile-name' }),
      statusBadge(host.status, STATUS_TEXT[host.status] || host.status)),
    el('div', { class: 'tile-metrics' },
      el('span', {}, el('span', { class: 'metric-label' }, 'CPU'), percent(host.cpuPercent, 0)),
      el('span', {}, el('span', { class: 'metric-label' }, 'Memory'), percent(host.memoryPercent, 0)),
      el('span', { title: disk ? 'fullest disk: ' + disk.mount : 'no disk data' },
        el('span', { class: 'metric-label' }, disk ? 'Disk ' + disk.mount : 'Disk'), disk ? percent(disk.usedPercent, 0) : '–')),
    host.diskFull ? el('span', { class: 'predict' },
      'disk ' + (host.diskFull.mount || '') + ' full in ' + duration(Math.max(0, (host.diskFull.at - now) / 1000))) : null,
    firing || host.pending ? el('span', { class: 'tile-alerts' }, alerts) : null,
    !host.up ? el('span', { class: 'muted' }, 'last seen ' + age(host.lastSeenAt, now)) : null,
    Object.keys(host.labels).length ? labelChips(host.labels) : null);
}

export default {
  title: 'Fleet',
  async render(view) {
    const filter = el('input', { type: 'search', id: 'fleet-filter', placeholder: 'Filter: name or label=value',
      'aria-label': 'Filter hosts by name or label', value: view.query.get('q') || '' });
    const summaryHolder = el('div');
    const count = el('p', { class: 'fleet-count', id: 'fleet-count', 'aria-live': 'polite' });
    const list = el('ul', { class: 'tiles', id: 'fleet-tiles', 'aria-label': 'Hosts' });
    const problem = el('div');
    const updated = el('span', { class: 'muted', id: 'fleet-updated' });
    view.root.append(el('h1', {}, 'Fleet'), summaryHolder,
      el('div', { class: 'toolbar' }, filter, updated), problem, count, list);

    let fleet = null;
    const draw = () => {
      if (!fleet) return;
      const now = Date.now();
      const shown = fleet.hosts.filter((h) => matches(h, filter.value));
      clear(summaryHolder, summary(fleet.overview, now));
      count.textContent = shown.length === fleet.hosts.length
        ? fleet.hosts.length + ' hosts' : shown.length + ' of ' + fleet.hosts.length + ' hosts';
      list.replaceChildren(...shown.map((h) => tile(h, now)));
      if (fleet.hosts.length === 0) list.replaceChildren(el('li', { class: 'muted' }, 'No hosts yet: register one on the Hosts page.'));
      updated.textContent = 'updated ' + new Date(fleet.generatedAt).toLocaleTimeString();
      view.root.dataset.rendered = String(fleet.generatedAt);
    };
    const load = async () => {
      try {
        fleet = await api('api/v1/fleet', { signal: view.signal });
        clear(problem);
        draw();
      } catch (e) {
        if (e.name !== 'AbortError') clear(problem, errorBox('Could not refresh the fleet: ' + e.message));
      }
    };
    filter.addEventListener('input', () => { view.setQuery({ q: filter.value }); draw(); });
    view.every(REFRESH_MS, load);
    await load();
  },
};
