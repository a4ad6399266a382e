// Alerts: the list (#/alerts?state=firing&host=&severity=&rule=&label=) and one alert's page (#/alert/{id}) with
// its timeline and the notifications sent about it. Admins acknowledge (with a comment) and silence from here.
import { el, clear, link, enc, hostLink, alertLink, statusBadge, labelChips, facts, errorBox } from '../dom.js';
import { api } from '../api.js';
import { age, dateTime, number } from '../format.js';
import { tabs, field, dialog, messageLine, externalLink, table } from './controls.js';

const STATES = [['firing', 'Firing'], ['pending', 'Pending'], ['resolved', 'Resolved']];
const REFRESH_MS = 15_000;
const RESOLVED_SHOWN = 200;

export default {
  title: 'Alerts',
  render(view) {
    return view.params.id !== undefined ? renderAlert(view) : renderList(view);
  },
};

/** The severity badge of an alert: its state when not firing, so colour and word agree. */
function severityBadge(a) {
  if (a.state === 'resolved') return statusBadge('resolved', 'resolved');
  if (a.state === 'pending') return statusBadge('pending', 'pending · ' + a.severity);
  return statusBadge(a.severity === 'critical' ? 'critical' : 'warning', a.severity);
}

function flags(a) {
  return el('span', { class: 'alert-flags' },
    a.acknowledged ? el('span', { class: 'flag flag-ack', title: a.acknowledgedComment || '' },
      'acknowledged' + (a.acknowledgedBy ? ' by ' + a.acknowledgedBy : '')) : null,
    a.silenced ? el('span', { class: 'flag flag-silenced' }, 'silenced') : null,
    a.inhibited ? el('span', { class: 'flag flag-inhibited' }, 'inhibited') : null);
}

function valueOf(a) {
  if (a.valueText) return a.valueText;
  return a.value === null || a.value === undefined ? '–' : number(a.value);
}

/** 'team=db' -> ['team', 'db']; a bare word matches any label with that name. */
function parseLabelFilter(text) {
  const t = (text || '').trim();
  if (!t) return null;
  const i = t.indexOf('=');
  return i < 0 ? [t, null] : [t.slice(0, i).trim(), t.slice(i + 1).trim()];
}

function matches(a, f) {
  if (f.host && !a.host.toLowerCase().includes(f.host.toLowerCase())) return false;
  if (f.severity && a.severity !== f.severity) return false;
  if (f.rule && a.rule !== f.rule) return false;
  const label = parseLabelFilter(f.label);
  if (label) {
    const all = { ...(a.hostLabels || {}), ...(a.labels || {}) };
    if (!(label[0] in all)) return false;
    if (label[1] !== null && all[label[0]] !== label[1]) return false;
  }
  return true;
}

async function renderList(view) {
  const root = view.root;
  const q = view.query;
  const filters = { host: q.get('host') || '', severity: q.get('severity') || '', rule: q.get('rule') || '', label: q.get('label') || '' };
  let state = STATES.some(([s]) => s === q.get('state')) ? q.get('state') : 'firing';
  let rows = { firing: [], pending: [], resolved: [] };

  const message = messageLine();
  const listNode = el('div', { id: 'alert-list', 'aria-live': 'polite' });
  const ruleSelect = el('select', { id: 'filter-rule', name: 'rule' });
  const hostInput = el('input', { type: 'search', id: 'filter-host', name: 'host', value: filters.host, placeholder: 'host name' });
  const severitySelect = el('select', { id: 'filter-severity', name: 'severity' },
    el('option', { value: '' }, 'any'), el('option', { value: 'critical' }, 'critical'), el('option', { value: 'warning' }, 'warning'));
  severitySelect.value = filters.severity;
  const labelInput = el('input', { type: 'search', id: 'filter-label', name: 'label', value: filters.label, placeholder: 'team=db' });
  const tabBar = tabs('Alert state', STATES, state, (s) => {
    state = s;
    view.setQuery({ state: s === 'firing' ? null : s });
    draw();
  });

  function drawTabs() {
    tabBar.setCounts(Object.fromEntries(STATES.map(([s]) => [s, rows[s].length])));
  }

  function drawRuleOptions() {
    const rules = [...new Set(Object.values(rows).flat().map((a) => a.rule))].sort();
    if (filters.rule && !rules.includes(filters.rule)) rules.unshift(filters.rule);
    clear(ruleSelect, el('option', { value: '' }, 'any'), rules.map((r) => el('option', { value: r }, r)));
    ruleSelect.value = filters.rule;
  }

  function onFilter() {
    filters.host = hostInput.value.trim();
    filters.severity = severitySelect.value;
    filters.rule = ruleSelect.value;
    filters.label = labelInput.value.trim();
    view.setQuery(filters);
    draw();
  }
  hostInput.addEventListener('input', onFilter);
  labelInput.addEventListener('input', onFilter);
  severitySelect.addEventListener('change', onFilter);
  ruleSelect.addEventListener('change', onFilter);

  function draw() {
    const shown = rows[state].filter((a) => matches(a, filters));
    const total = rows[state].length;
    clear(listNode,
      el('p', { class: 'muted list-count' }, shown.length === total ? total + ' ' + state : shown.length + ' of ' + total + ' ' + state
        + ' (filtered)'),
      shown.length === 0
        ? el('p', { class: 'muted empty' }, state === 'firing' ? 'Nothing is firing.' : 'No ' + state + ' alerts.')
        : el('ul', { class: 'alert-list' }, shown.map((a) => alertCard(a))));
  }

  function alertCard(a) {
    const since = a.state === 'resolved' ? 'resolved ' + age(a.endsAt) : (a.state === 'firing' ? 'firing since ' : 'pending since ')
      + age(a.firingAt || a.startsAt);
    return el('li', { class: ['alert-card', 'sev-' + (a.state === 'firing' ? a.severity : a.state)], dataset: { alertId: String(a.id) } },
      el('div', { class: 'alert-head' },
        severityBadge(a),
        alertLink(a.id, a.rule, { class: 'alert-rule' }),
        el('span', { class: 'muted' }, 'on'),
        hostLink(a.host, { class: 'alert-host' }),
        flags(a)),
      a.summary ? el('p', { class: 'alert-summary' }, a.summary) : null,
      el('div', { class: 'alert-meta' },
        el('span', {}, el('span', { class: 'muted' }, 'value '), el('strong', { class: 'alert-value' }, valueOf(a)),
          a.thresholdText ? el('span', { class: 'muted' }, ' (threshold ' + a.thresholdText + ')') : null),
        el('span', { title: dateTime(a.firingAt || a.startsAt) }, since),
        labelChips(a.labels),
        a.runbookUrl ? externalLink(a.runbookUrl, 'runbook') : null),
      view.canChange && a.state !== 'resolved' ? el('div', { class: 'alert-actions admin-only' },
        a.acknowledged ? null : el('button', { type: 'button', class: 'ack-button', on: { click: () => acknowledge(a, view.session, message, () => load(true)) } },
          'Acknowledge'),
        el('a', { class: 'button silence-button', href: silenceRoute(a) }, 'Silence…')) : null);
  }

  async function load(force) {
    try {
      const [firing, pending, resolved] = await Promise.all([
        api('api/v1/alert-rows', { query: { state: 'firing' }, signal: view.signal }),
        api('api/v1/alert-rows', { query: { state: 'pending' }, signal: view.signal }),
        api('api/v1/alert-rows', { query: { state: 'resolved', limit: RESOLVED_SHOWN }, signal: view.signal }),
      ]);
      rows = { firing, pending, resolved };
      if (loadFailed) { message.clear(); loadFailed = false; }
      if (force !== true && !first && userIsActing(listNode)) return;
      first = false;
      drawTabs();
      drawRuleOptions();
      draw();
    } catch (e) {
      if (e.name === 'AbortError') return;
      loadFailed = true;
      message.error(e.message);
    }
  }
  let loadFailed = false;
  let first = true;

  clear(root,
    el('h1', {}, 'Alerts'),
    el('div', { class: 'toolbar filters', role: 'search', 'aria-label': 'Filter alerts' },
      field('Host', hostInput), field('Severity', severitySelect), field('Rule', ruleSelect),
      field('Label', labelInput)),
    tabBar.node,
    message.node,
    listNode);
  await load();
  view.every(REFRESH_MS, load);
}

/** A refresh waits while a dialog is open or the keyboard focus is inside the part it would redraw. */
function userIsActing(part) {
  return !!document.querySelector('dialog[open]') || part.contains(document.activeElement);
}

/** The silences page with the create form filled in from the alert: its rule, host and own labels. */
function silenceRoute(a) {
  const params = new URLSearchParams({ new: '1' });
  params.set('m.rule', a.rule);
  params.set('m.host', a.host);
  for (const [k, v] of Object.entries(a.labels || {})) params.set('m.' + k, v);
  params.set('comment', 'silenced from alert #' + a.id);
  return '#/silences?' + params.toString();
}

async function acknowledge(a, session, message, after) {
  const comment = el('textarea', { id: 'ack-comment', name: 'comment', rows: 3, maxlength: 1000,
    placeholder: 'on it, OPS-123' });
  const done = await dialog({
    title: 'Acknowledge ' + a.rule + ' on ' + a.host,
    body: [el('p', { class: 'muted' }, 'Stops repeat notifications for this alert. It keeps firing until it clears.'),
      field('Comment', comment)],
    submitText: 'Acknowledge',
    onSubmit: () => {
      const body = {};
      if (session && session.name) body.by = session.name;
      if (comment.value.trim()) body.comment = comment.value.trim();
      return api('api/v1/alerts/' + enc(String(a.id)) + '/ack', { method: 'POST', body });
    },
  });
  if (done) {
    message.ok('Acknowledged ' + a.rule + ' on ' + a.host + '.');
    await after();
  }
}

async function renderAlert(view) {
  const root = view.root;
  const id = view.params.id;
  const message = messageLine();
  const body = el('div', { id: 'alert-detail' });
  clear(root, el('p', {}, link('alerts', '← All alerts')), message.node, body);

  async function load(force) {
    if (force !== true && body.childNodes.length > 0 && userIsActing(body)) return;
    let a;
    try {
      a = await api('api/v1/alerts/' + enc(id), { signal: view.signal });
    } catch (e) {
      if (e.name === 'AbortError') return;
      clear(body, el('h1', {}, 'Alert ' + id), errorBox(e.status === 404 ? 'There is no alert ' + id + '.' : e.message));
      return;
    }
    document.title = a.rule + ' on ' + a.host + ' · Vigil';
    clear(body,
      el('div', { class: 'alert-title' },
        el('h1', {}, a.rule, el('span', { class: 'muted' }, ' on '), hostLink(a.host)),
        severityBadge(a), statusBadge(a.state === 'firing' ? (a.severity === 'critical' ? 'critical' : 'warning') : a.state, a.state),
        flags(a)),
      a.summary ? el('p', { class: 'alert-summary' }, a.summary) : null,
      view.canChange && a.state !== 'resolved' ? el('div', { class: 'alert-actions admin-only' },
        a.acknowledged ? null : el('button', { type: 'button', class: 'ack-button primary',
          on: { click: () => acknowledge(a, view.session, message, () => load(true)) } }, 'Acknowledge'),
        el('a', { class: 'button silence-button', href: silenceRoute(a) }, 'Silence…')) : null,
      el('div', { class: 'two-col' },
        el('section', { class: 'panel' }, el('h2', {}, 'Details'), facts([
          ['Host', hostLink(a.host)],
          ['Severity', a.severity],
          ['State', a.state + (a.resolutionText ? ' — ' + a.resolutionText : '')],
          ['Value', valueOf(a)],
          ['Threshold', a.thresholdText || (a.threshold === null ? '–' : number(a.threshold))],
          ['Started', dateTime(a.startsAt) + ' (' + age(a.startsAt) + ')'],
          ['Firing since', a.firingAt ? dateTime(a.firingAt) : '–'],
          ['Ended', a.endsAt ? dateTime(a.endsAt) : '–'],
          ['Predicted', a.predictedAt ? dateTime(a.predictedAt) : null],
          ['Labels', labelChips(a.labels)],
          ['Host labels', labelChips(a.hostLabels)],
          ['Acknowledged', a.acknowledged ? (a.acknowledgedBy || '') + ' ' + age(a.acknowledgedAt)
            + (a.acknowledgedComment ? ': ' + a.acknowledgedComment : '') : 'no'],
          ['Silenced', a.silenced ? 'yes' : 'no'],
          ['Inhibited', a.inhibited ? 'yes (another alert of this host mutes it)' : 'no'],
          ['Fingerprint', el('code', {}, a.fingerprint)],
        ].filter(([, v]) => v !== null))),
        el('section', { class: 'panel' }, el('h2', {}, 'Runbook'),
          a.runbookUrl ? el('p', {}, externalLink(a.runbookUrl, 'Open the runbook')) : null,
          a.runbook ? el('p', { class: 'runbook' }, a.runbook) : null,
          !a.runbook && !a.runbookUrl ? el('p', { class: 'muted' }, 'This rule has no runbook.') : null)),
      el('h2', {}, 'Timeline'),
      a.eventsTruncated ? el('p', { class: 'muted' }, 'Only the newest events are shown.') : null,
      (a.events || []).length === 0 ? el('p', { class: 'muted' }, 'No events recorded.')
        : el('ol', { class: 'timeline', id: 'alert-timeline' }, (a.events || []).map((e) => el('li', { class: 'event event-' + e.kind },
          el('time', { datetime: new Date(e.at).toISOString() }, dateTime(e.at)), ' ',
          el('strong', {}, e.kind.replace('_', ' ')),
          e.severity ? ' · ' + e.severity : '',
          e.value !== null && e.value !== undefined ? ' · value ' + number(e.value) : '',
          e.detail ? el('span', { class: 'muted' }, ' — ' + e.detail) : null))),
      el('h2', {}, 'Notifications sent'),
      table(['Queued', 'Receiver', 'Kind', 'Status', 'Attempts', 'Sent', 'Error'],
        (a.notifications || []).map((n) => [dateTime(n.createdAt), n.receiver, n.kind,
          statusBadge(n.status === 'delivered' ? 'ok' : n.status === 'failed' ? 'critical' : 'pending', n.status),
          String(n.attempts), n.sentAt ? dateTime(n.sentAt) : '–', n.lastError || '']),
        { empty: 'Nothing was sent about this alert.', id: 'alert-notifications',
          rowAttrs: (i) => ({ class: a.notifications[i].status === 'failed' ? 'row-failed' : null }) }),
      el('p', {}, link('notifications?alert=' + enc(String(a.id)), 'This alert in the notification history')));
  }
  await load();
  view.every(REFRESH_MS, load);
}
