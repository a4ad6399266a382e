// Rules (#/rules?q=&source=): the rules in force (built-in defaults, the operator's rules file, rules made
// through the API) with thresholds, for, clear levels, matchers and overrides, and whether the rules file was
// refused (then the previous rules stay in force). Read-only here: rules are changed through PUT /api/v1/rules.
import { el, clear, statusBadge, labelChips } from '../dom.js';
import { api } from '../api.js';
import { age, bytes } from '../format.js';
import { table, field, messageLine, externalLink } from './controls.js';

const SOURCES = [['', 'any'], ['default', 'built-in default'], ['file', 'rules file'], ['api', 'API']];

export default {
  title: 'Rules',
  async render(view) {
    const root = view.root;
    const message = messageLine();
    const fileNode = el('div', { id: 'rules-file' });
    const listNode = el('div', { id: 'rule-list' });
    const search = el('input', { type: 'search', id: 'rules-filter', name: 'q', value: view.query.get('q') || '',
      placeholder: 'rule or metric' });
    const source = el('select', { id: 'rules-source', name: 'source' }, SOURCES.map(([v, t]) => el('option', { value: v }, t)));
    source.value = view.query.get('source') || '';
    let answer = null;

    function draw() {
      if (!answer) return;
      const needle = search.value.trim().toLowerCase();
      const shown = answer.rules.filter((r) => (!source.value || r.source === source.value)
        && (!needle || r.name.toLowerCase().includes(needle) || String(r.metric || '').toLowerCase().includes(needle)));
      clear(listNode,
        el('p', { class: 'muted list-count' }, shown.length + ' of ' + answer.rules.length + ' rules'),
        table(['Rule', 'Source', 'Condition', 'Warning', 'Critical', 'Clear', 'For', 'Matchers', 'Overrides'],
          shown.map((r) => [
            el('span', {}, el('strong', { class: 'rule-name' }, r.name),
              r.active === false || r.enabled === false ? el('span', { class: 'flag' }, ' disabled') : null,
              r.summary ? el('span', { class: 'rule-summary muted' }, r.summary) : null,
              r.runbook_url ? el('span', { class: 'rule-runbook' }, externalLink(r.runbook_url, 'runbook')) : null),
            el('span', { title: r.definedIn || '' }, sourceBadge(r.source)),
            condition(r),
            threshold(r, 'warning'),
            threshold(r, 'critical'),
            r.clear === null || r.clear === undefined ? '–' : inUnit(r.clear, r.unit),
            r.for || '–',
            Object.keys(r.labels || {}).length ? labelChips(r.labels) : el('span', { class: 'muted' }, 'all series'),
            overrides(r.overrides || [], r.unit),
          ]), { caption: 'Rules in force', empty: 'No rule matches.', rowAttrs: (i) => ({ dataset: { rule: shown[i].name } }) }));
    }
    const onFilter = () => { view.setQuery({ q: search.value.trim(), source: source.value }); draw(); };
    search.addEventListener('input', onFilter);
    source.addEventListener('change', onFilter);

    clear(root, el('h1', {}, 'Rules'), message.node, fileNode,
      el('div', { class: 'toolbar' }, field('Filter', search), field('Source', source)), listNode);
    try {
      answer = await api('api/v1/rules', { signal: view.signal });
    } catch (e) {
      if (e.name !== 'AbortError') message.error(e.message);
      return;
    }
    answer.rules = answer.rules || [];
    drawFile(fileNode, answer);
    draw();
  },
};

function drawFile(node, answer) {
  const parts = [];
  if (answer.rulesFileRefused) {
    parts.push(el('div', { class: 'error', role: 'alert', id: 'rules-file-refused' },
      el('strong', {}, 'The rules file was refused'), answer.rulesFile ? ' (' + answer.rulesFile + ')' : '',
      ': ' + (answer.rulesFileError || 'no reason given') + '. The rules below are the last good set.'));
  } else {
    parts.push(el('p', { class: 'muted', id: 'rules-file-state' }, answer.rulesFile
      ? 'Rules file in force: ' + answer.rulesFile + '.'
      : 'No rules file is configured (vigil.rules-file): the built-in defaults and API rules are in force.'));
  }
  if ((answer.notInForce || []).length > 0) {
    parts.push(el('div', { class: 'panel', id: 'rules-not-in-force' }, el('h2', {}, 'API rules not in force'),
      el('ul', {}, answer.notInForce.map((p) => el('li', {}, el('strong', {}, p.name), ': ' + p.problem)))));
  }
  clear(node, parts);
}

function sourceBadge(source) {
  const text = source === 'default' ? 'default' : source === 'file' ? 'file' : source === 'api' ? 'api' : String(source);
  return el('span', { class: ['badge', 'source-badge', 'source-' + text] }, text);
}

function condition(r) {
  const aggregate = r.aggregation && r.aggregation !== 'last' ? r.aggregation + '(' + r.metric + (r.window ? ' over ' + r.window : '') + ')' : r.metric;
  const divided = r['divide-by'] ? aggregate + ' / ' + r['divide-by'] : aggregate;
  const guard = r['only-if'] ? el('span', { class: 'muted' }, ' only if ' + r['only-if'].metric + ' ' + r['only-if'].op + ' '
    + inUnit(r['only-if'].value, /bytes/.test(r['only-if'].metric) ? 'bytes' : null)) : null;
  if (r.kind === 'absent') {
    return el('span', {}, r.metric ? ['no ', el('code', {}, r.metric)] : 'no samples from the host', ' for ' + r['absent-for'], guard);
  }
  if (r.kind === 'trend') return el('span', {}, el('code', {}, r.metric), ' reaches ' + r.level + ' within ' + r.horizon, guard);
  const levels = [r.warning, r.critical].filter((v) => v !== null && v !== undefined).map((v) => inUnit(v, r.unit)).join(' / ');
  return el('span', {}, el('code', {}, divided), ' ' + (r.op || '>') + ' ' + levels, guard);
}

function threshold(r, severity) {
  if (r.kind === 'absent' || r.kind === 'trend') return r.severity === severity ? statusBadge(severity, severity) : '–';
  const v = r[severity];
  return v === null || v === undefined ? '–' : inUnit(v, r.unit);
}

/** A threshold in the rule's unit: 10737418240 bytes reads "10.0 GiB", 80 percent "80 %". */
function inUnit(v, unit) {
  if (typeof v !== 'number') return String(v);
  const base = String(unit || '').split(' ')[0];
  if (base === 'bytes') return bytes(v);
  if (base === 'bytes_per_second') return bytes(v) + '/s';
  if (base === 'percent') return v + ' %';
  if (base === 'ms') return v + ' ms';
  if (base === 'seconds') return v + ' s';
  if (base === 'per_second') return v + '/s';
  return String(v);
}

function overrides(list, unit) {
  if (list.length === 0) return el('span', { class: 'muted' }, 'none');
  return el('ul', { class: 'overrides' }, list.map((o) => el('li', {},
    o.host ? 'host ' + o.host : 'all hosts',
    o.labels && Object.keys(o.labels).length ? [' ', labelChips(o.labels)] : null,
    ': ',
    o.disabled ? 'disabled' : [o.warning !== null && o.warning !== undefined ? 'warning ' + inUnit(o.warning, unit) : null,
      o.critical !== null && o.critical !== undefined ? ' critical ' + inUnit(o.critical, unit) : null,
      o.clear !== null && o.clear !== undefined ? ' clear ' + inUnit(o.clear, unit) : null,
      o.for ? ' for ' + o.for : null],
    el('span', { class: 'muted' }, ' (' + o.source + (o.updatedBy ? ', ' + o.updatedBy + ' ' + age(o.updatedAt) : '') + ')'))));
}
