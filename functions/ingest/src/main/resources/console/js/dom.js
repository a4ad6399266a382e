// Element builders. Text only ever goes in through textContent / text nodes: nothing here parses HTML,
// so a host label like <img src=x onerror=...> is shown as the characters it is.

const PROPS = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'tabIndex']);

/**
 * el('a', {class: 'x', href: '#/fleet', on: {click: fn}}, 'text', child, [more, children])
 * Attributes: class, text, on (event map), dataset (object), aria-* and any other attribute (set as text).
 * Children: strings and numbers become text nodes; null/undefined/false are skipped; arrays are flattened.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'on') for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (PROPS.has(key)) node[key] = value;
    else if (key === 'style' || key.startsWith('on')) throw new Error('el: use classes and the on map, not ' + key);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends children (strings as text nodes, arrays flattened, empty values skipped). */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Removes every child of node; with children given, puts them in instead. */
export function clear(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A link inside the console: route is the part after '#/', e.g. link('host/' + enc(name), name). */
export function link(route, text, attrs = {}) {
  return el('a', { ...attrs, href: '#/' + route }, text);
}

/** URL-encodes one path segment of a route (host names, ids). */
export const enc = encodeURIComponent;

/** The link to a host's page. */
export function hostLink(name, attrs = {}) {
  return link('host/' + enc(name), name, attrs);
}

/** The link to an alert's page. */
export function alertLink(id, text, attrs = {}) {
  return link('alert/' + enc(String(id)), text, attrs);
}

/** A status word with its colour class: status is ok, warning, critical, down, pending, resolved, unknown. */
export function statusBadge(status, text = status) {
  return el('span', { class: ['badge', 'status-' + status] }, text);
}

/** Labels as key=value chips (text only). */
export function labelChips(labels) {
  return el('span', { class: 'labels' },
    Object.entries(labels || {}).map(([k, v]) => el('span', { class: 'label-chip' }, k + '=' + v)));
}

/** A small key/value table: rows is [[term, value-node-or-text], ...]. */
export function facts(rows) {
  return el('dl', { class: 'facts' }, rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

/** A message area for errors: role=alert so screen readers say it. */
export function errorBox(message) {
  return el('p', { class: 'error', role: 'alert' }, message);
}
