// Building blocks shared by the management pages (alerts, silences, hosts, rules, notifications, database):
// tables, tabs, dialogs, form fields, durations and matchers. Like dom.js, nothing here parses HTML.
import { el, clear } from '../dom.js';

/** A data table in a horizontally scrolling wrapper. rows: arrays of cells (text or nodes); rowAttrs(i) per row. */
export function table(headers, rows, { caption, empty = 'Nothing to show.', rowAttrs, id } = {}) {
  if (rows.length === 0) return el('p', { class: 'muted empty', id }, empty);
  return el('div', { class: 'table-wrap', id },
    el('table', { class: 'data' },
      caption ? el('caption', { class: 'visually-hidden' }, caption) : null,
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((cells, i) => el('tr', rowAttrs ? rowAttrs(i) : {},
        cells.map((c) => el('td', {}, c)))))));
}

/**
 * Tabs that keep their choice in the URL: items [[value, label]]; onSelect(value) re-renders the panel.
 * Arrow keys move between tabs (the WAI tabs pattern). The buttons are made once: setCounts({value: n}) updates
 * the numbers in place, so a refresh never replaces the tab a user is on.
 */
export function tabs(label, items, current, onSelect) {
  const counts = {};
  const buttons = items.map(([value, text]) => {
    counts[value] = el('span', { class: 'tab-count', hidden: true });
    return el('button', {
      type: 'button', role: 'tab', id: 'tab-' + value, 'aria-selected': String(value === current),
      tabIndex: value === current ? 0 : -1, dataset: { tab: value },
      on: { click: () => select(value) },
    }, text, counts[value]);
  });
  const node = el('div', { class: 'tabs', role: 'tablist', 'aria-label': label }, buttons);
  node.addEventListener('keydown', (event) => {
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const next = event.key === 'ArrowRight' ? (i + 1) % buttons.length
      : event.key === 'ArrowLeft' ? (i - 1 + buttons.length) % buttons.length : -1;
    if (next >= 0) { event.preventDefault(); buttons[next].focus(); select(buttons[next].dataset.tab); }
  });
  function select(value) {
    for (const b of buttons) {
      const on = b.dataset.tab === value;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    onSelect(value);
  }
  return {
    node,
    setCounts(values) {
      for (const [value, n] of Object.entries(values)) {
        if (!counts[value]) continue;
        counts[value].textContent = String(n);
        counts[value].hidden = false;
      }
    },
  };
}

let fieldIds = 0;

/** A labelled form field: the input gets an id and the label points at it. help is shown below it. */
export function field(labelText, input, help) {
  if (!input.id) input.id = 'f' + (++fieldIds);
  const helpNode = help ? el('span', { class: 'field-help muted', id: input.id + '-help' }, help) : null;
  if (helpNode) input.setAttribute('aria-describedby', helpNode.id);
  return el('div', { class: 'field' }, el('label', { for: input.id }, labelText), input, helpNode);
}

/** A polite status line for "saved"-style messages and a role=alert line for errors, in one node. */
export function messageLine() {
  const node = el('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  return {
    node,
    ok(text) { node.className = 'message ok'; node.setAttribute('role', 'status'); node.textContent = text; },
    error(text) { node.className = 'message error'; node.setAttribute('role', 'alert'); node.textContent = text; },
    clear() { node.className = 'message'; node.textContent = ''; },
  };
}

/**
 * A modal dialog (the native <dialog>: Escape closes it, focus stays inside). body: nodes; onSubmit() may throw
 * an ApiError, shown in the dialog. Resolves true when submitted, false when cancelled.
 */
export function dialog({ title, body, submitText = 'OK', danger = false, onSubmit }) {
  return new Promise((resolve) => {
    const message = messageLine();
    const submit = el('button', { type: 'submit', class: danger ? 'danger' : 'primary', dataset: { role: 'submit' } }, submitText);
    const cancel = el('button', { type: 'button', dataset: { role: 'cancel' } }, 'Cancel');
    const form = el('form', { method: 'dialog', class: 'dialog-form' },
      el('h2', { class: 'dialog-title' }, title), body, message.node, el('div', { class: 'dialog-actions' }, submit, cancel));
    const box = el('dialog', { class: 'dialog', 'aria-label': title }, form);
    let done = false;
    const finish = (result) => {
      if (done) return;
      done = true;
      box.close();
      box.remove();
      resolve(result);
    };
    cancel.addEventListener('click', () => finish(false));
    box.addEventListener('cancel', (event) => { event.preventDefault(); finish(false); });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      message.clear();
      try {
        if (onSubmit) await onSubmit();
        finish(true);
      } catch (e) {
        message.error(e.message);
        submit.disabled = false;
      }
    });
    document.body.append(box);
    box.showModal();
    const first = form.querySelector('input, textarea, select');
    (first || submit).focus();
  });
}

/** Duration presets offered wherever a silence is made, in milliseconds. */
export const DURATION_PRESETS = [
  ['1h', '1 hour'], ['2h', '2 hours'], ['4h', '4 hours'], ['8h', '8 hours'], ['24h', '1 day'], ['3d', '3 days'], ['7d', '1 week'],
];

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** '90m', '2h', '1d 12h' -> milliseconds; null when it is not a duration. */
export function parseDuration(text) {
  const parts = String(text || '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return null;
  let total = 0;
  for (const part of parts) {
    const m = /^(\d{1,6})([smhdw])$/.exec(part);
    if (!m) return null;
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return total > 0 ? total : null;
}

/** Epoch ms -> the value of an <input type="datetime-local"> in the browser's zone (minutes). */
export function toLocalInput(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
}

/** The value of a datetime-local input -> epoch ms, or null when empty or invalid. */
export function fromLocalInput(value) {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * An editor of name=value pairs (silence matchers, host labels): one row per pair, add and remove buttons.
 * value() returns {name: value}; it throws an Error naming the row when a name is not a label name.
 */
export function pairEditor({ pairs = {}, nameLabel = 'Name', valueLabel = 'Value', addText = 'Add', idPrefix = 'pair' } = {}) {
  const rows = el('div', { class: 'pairs' });
  let n = 0;
  function addRow(name = '', value = '') {
    const i = ++n;
    const nameInput = el('input', { type: 'text', value: name, id: idPrefix + '-name-' + i, class: 'pair-name',
      autocomplete: 'off', spellcheck: 'false', 'aria-label': nameLabel + ' ' + i });
    const valueInput = el('input', { type: 'text', value: value, id: idPrefix + '-value-' + i, class: 'pair-value',
      autocomplete: 'off', spellcheck: 'false', 'aria-label': valueLabel + ' ' + i });
    const row = el('div', { class: 'pair' }, nameInput, el('span', { class: 'pair-eq', 'aria-hidden': 'true' }, '='), valueInput,
      el('button', { type: 'button', class: 'pair-remove', 'aria-label': 'Remove ' + nameLabel.toLowerCase() + ' ' + i,
        on: { click: () => { row.remove(); } } }, '×'));
    rows.append(row);
    return nameInput;
  }
  for (const [k, v] of Object.entries(pairs)) addRow(k, v);
  if (Object.keys(pairs).length === 0) addRow();
  const node = el('div', { class: 'pair-editor' }, rows,
    el('button', { type: 'button', class: 'pair-add', on: { click: () => addRow().focus() } }, addText));
  return {
    node,
    value() {
      const out = {};
      for (const row of rows.querySelectorAll('.pair')) {
        const name = row.querySelector('.pair-name').value.trim();
        const value = row.querySelector('.pair-value').value;
        if (name === '' && value.trim() === '') continue;
        if (!LABEL_NAME.test(name)) throw new Error('"' + name + '" is not a label name (letters, digits and _, not starting with a digit)');
        out[name] = value.trim();
      }
      return out;
    },
    set(newPairs) {
      clear(rows);
      n = 0;
      for (const [k, v] of Object.entries(newPairs)) addRow(k, v);
      if (Object.keys(newPairs).length === 0) addRow();
    },
  };
}

/** Only http(s) links are followed; anything else (javascript:, data:) is shown as text. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

/** An external link that opens in a new tab without handing it this window; text when the URL is not http(s). */
export function externalLink(url, text) {
  const href = safeUrl(url);
  return href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text || url) : el('span', {}, text || String(url));
}

/** Copies text to the clipboard, falling back to selecting the field so Ctrl+C works (plain HTTP has no clipboard API). */
export function copyButton(source, label = 'Copy') {
  const button = el('button', { type: 'button', class: 'copy' }, label);
  button.addEventListener('click', async () => {
    source.focus();
    source.select();
    try {
      await navigator.clipboard.writeText(source.value);
      button.textContent = 'Copied';
    } catch (e) {
      button.textContent = 'Selected: press Ctrl+C';
    }
    setTimeout(() => { button.textContent = label; }, 2500);
  });
  return button;
}
