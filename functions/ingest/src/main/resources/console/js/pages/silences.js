// Silences (#/silences?tab=active|scheduled|expired): what is muted now, what will be, what was; admins create
// silences (matchers, start and end or a duration, comment, or a recurring window) and expire them.
// #/silences?new=1&m.host=db-01&m.rule=DiskSpaceLow&comment=… opens the form filled in (the alert page links here).
import { el, clear, labelChips } from '../dom.js';
import { api } from '../api.js';
import { age, dateTime, duration } from '../format.js';
import { tabs, table, field, dialog, messageLine, pairEditor, DURATION_PRESETS, parseDuration, toLocalInput, fromLocalInput }
  from './controls.js';

const TABS = [['active', 'Active'], ['scheduled', 'Scheduled'], ['expired', 'Expired']];
const REFRESH_MS = 30_000;

export default {
  title: 'Silences',
  async render(view) {
    const root = view.root;
    const q = view.query;
    let tab = TABS.some(([t]) => t === q.get('tab')) ? q.get('tab') : 'active';
    let data = { active: [], scheduled: [], expired: [] };
    const message = messageLine();
    const listNode = el('div', { id: 'silence-list' });
    const tabBar = tabs('Silence state', TABS, tab, (t) => {
      tab = t;
      view.setQuery({ tab: t === 'active' ? null : t });
      draw();
    });

    function drawTabs() {
      tabBar.setCounts(Object.fromEntries(TABS.map(([t]) => [t, data[t].length])));
    }

    function draw() {
      const now = Date.now();
      const rows = data[tab];
      const headers = ['Matchers', tab === 'expired' ? 'Was' : 'When', 'Comment', 'Created by'];
      if (view.canChange && tab !== 'expired') headers.push('');
      clear(listNode, table(headers, rows.map((s) => {
        const cells = [labelChips(s.matchers), when(s, tab, now), s.comment || '', (s.createdBy || '–') + ' · ' + age(s.createdAt)];
        if (view.canChange && tab !== 'expired') {
          cells.push(el('button', { type: 'button', class: 'expire-button', dataset: { silenceId: String(s.id) },
            on: { click: () => expire(s) } }, 'Expire'));
        }
        return cells;
      }), { empty: tab === 'active' ? 'Nothing is silenced.' : 'No ' + tab + ' silences.', caption: tab + ' silences' }));
    }

    async function load() {
      try {
        const [current, expired] = await Promise.all([
          api('api/v1/silences', { signal: view.signal }),
          api('api/v1/silences/expired', { signal: view.signal }),
        ]);
        const now = Date.now();
        data = {
          active: current.filter((s) => s.startsAt <= now),
          scheduled: current.filter((s) => s.startsAt > now),
          expired,
        };
        drawTabs();
        draw();
      } catch (e) {
        if (e.name !== 'AbortError') message.error(e.message);
      }
    }

    async function expire(s) {
      message.clear();
      const ok = await dialog({
        title: 'Expire this silence?',
        body: [el('p', {}, 'Alerts matching ', labelChips(s.matchers), ' will notify again.')],
        submitText: 'Expire', danger: true,
        onSubmit: () => api('api/v1/silences/' + encodeURIComponent(String(s.id)), { method: 'DELETE' }),
      });
      if (ok) {
        message.ok('Silence ' + s.id + ' expired.');
        await load();
      }
    }

    clear(root, el('h1', {}, 'Silences'),
      view.canChange ? createForm(view, message, load) : null,
      message.node, tabBar.node, listNode);
    await load();
    view.every(REFRESH_MS, () => { if (!document.querySelector('dialog[open]') && !listNode.contains(document.activeElement)) load(); });
  },
};

function when(s, tab, now) {
  if (s.cron) {
    return el('span', {}, 'every ', el('code', {}, s.cron), ' UTC for ' + duration((s.durationMs || 0) / 1000),
      s.endsAt < 253_402_300_799_000 ? ' until ' + dateTime(s.endsAt) : '');
  }
  if (tab === 'scheduled') return 'from ' + dateTime(s.startsAt) + ' (' + age(s.startsAt, now) + ') to ' + dateTime(s.endsAt);
  if (tab === 'expired') {
    const ended = s.expiredAt && s.expiredAt < s.endsAt ? s.expiredAt : s.endsAt;
    return dateTime(s.startsAt) + ' – ' + dateTime(ended) + (s.expiredAt && s.expiredAt < s.endsAt ? ' (expired by hand)' : '');
  }
  return 'since ' + dateTime(s.startsAt) + ', ends ' + age(s.endsAt, now) + ' (' + dateTime(s.endsAt) + ')';
}

/** The create form, open and filled in when the URL carries new=1 and m.<name>=<value> matchers. */
function createForm(view, message, after) {
  const q = view.query;
  const prefill = {};
  for (const [k, v] of q.entries()) if (k.startsWith('m.') && k.length > 2) prefill[k.slice(2)] = v;
  if (Object.keys(prefill).length === 0) prefill.host = '';
  const matchers = pairEditor({ pairs: prefill, nameLabel: 'Matcher name', valueLabel: 'Matcher value',
    addText: 'Add matcher', idPrefix: 'matcher' });

  const presetSelect = el('select', { id: 'silence-duration', name: 'duration' },
    DURATION_PRESETS.map(([v, text]) => el('option', { value: v }, text)), el('option', { value: 'custom' }, 'until a time…'));
  presetSelect.value = '2h';
  const startInput = el('input', { type: 'datetime-local', id: 'silence-start', name: 'start' });
  const endInput = el('input', { type: 'datetime-local', id: 'silence-end', name: 'end' });
  const endField = field('Ends at', endInput);
  endField.hidden = true;
  presetSelect.addEventListener('change', () => {
    endField.hidden = presetSelect.value !== 'custom';
    if (!endField.hidden && !endInput.value) endInput.value = toLocalInput(Date.now() + 2 * 3_600_000);
  });

  const recurring = el('input', { type: 'checkbox', id: 'silence-recurring', name: 'recurring' });
  const cronInput = el('input', { type: 'text', id: 'silence-cron', name: 'cron', placeholder: '0 2 * * SUN', spellcheck: 'false',
    autocomplete: 'off' });
  const windowInput = el('input', { type: 'text', id: 'silence-window', name: 'window', placeholder: '2h', value: '2h' });
  const recurringFields = el('div', { class: 'recurring-fields' },
    field('Cron (UTC: minute hour day month weekday)', cronInput, 'e.g. 0 2 * * SUN: every Sunday at 02:00 UTC'),
    field('Window length', windowInput, 'how long each window lasts: 30m, 2h, 1d'));
  recurringFields.hidden = true;
  const oneOffFields = el('div', { class: 'oneoff-fields form-row' },
    field('Starts', startInput, 'empty: now'), field('Duration', presetSelect), endField);
  recurring.addEventListener('change', () => {
    recurringFields.hidden = !recurring.checked;
    oneOffFields.hidden = recurring.checked;
  });
  const comment = el('textarea', { id: 'silence-comment', name: 'comment', rows: 2, maxlength: 1000,
    value: q.get('comment') || '' });
  const formMessage = messageLine();

  const form = el('form', { class: 'panel silence-form', id: 'silence-form', 'aria-label': 'New silence' },
    el('fieldset', {}, el('legend', {}, 'Matchers'),
      el('p', { class: 'muted' }, 'Exact values of host, rule, severity or any alert or host label; every matcher must match.'),
      matchers.node),
    el('div', { class: 'field field-inline' }, recurring, el('label', { for: 'silence-recurring' }, 'Recurring maintenance window')),
    oneOffFields, recurringFields,
    field('Comment', comment),
    formMessage.node,
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'primary' }, 'Create silence')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formMessage.clear();
    message.clear();
    let body;
    try {
      body = { matchers: matchers.value() };
      if (Object.keys(body.matchers).length === 0) throw new Error('Add at least one matcher.');
      if (recurring.checked) {
        const windowMs = parseDuration(windowInput.value);
        if (!cronInput.value.trim()) throw new Error('A recurring window needs a cron expression.');
        if (!windowMs) throw new Error('Window length must be a duration such as 30m or 2h.');
        body.cron = cronInput.value.trim();
        body.durationMs = windowMs;
      } else {
        const start = fromLocalInput(startInput.value);
        const from = start === null ? Date.now() : start;
        if (start !== null) body.startsAt = start;
        if (presetSelect.value === 'custom') {
          const end = fromLocalInput(endInput.value);
          if (end === null) throw new Error('Choose when the silence ends.');
          body.endsAt = end;
        } else {
          body.endsAt = from + parseDuration(presetSelect.value);
        }
      }
      if (comment.value.trim()) body.comment = comment.value.trim();
      if (view.session && view.session.name) body.createdBy = view.session.name;
    } catch (e) {
      formMessage.error(e.message);
      return;
    }
    try {
      const created = await api('api/v1/silences', { method: 'POST', body });
      formMessage.clear();
      message.ok('Silence ' + created.id + ' created: ' + Object.entries(created.matchers).map(([k, v]) => k + '=' + v).join(', ')
        + (created.cron ? ' (recurring)' : ', until ' + dateTime(created.endsAt)) + '.');
      matchers.set({ host: '' });
      comment.value = '';
      view.setQuery({ new: null, comment: null, ...Object.fromEntries([...view.query.keys()].filter((k) => k.startsWith('m.')).map((k) => [k, null])) });
      details.open = false;
      await after();
    } catch (e) {
      formMessage.error(e.message);
    }
  });
  const details = el('details', { class: 'create', id: 'silence-create', open: q.get('new') === '1' ? true : null },
    el('summary', {}, 'New silence'), form);
  return details;
}
