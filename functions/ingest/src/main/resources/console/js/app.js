// The console shell: session, navigation, the Vigil-health banner and the hash router.
// URLs look like #/host/db-01?range=6h so any page can be pasted into a chat and opens the same view.
import { el, clear, errorBox } from './dom.js';
import { api, setSession, signIn, signOut, currentSession, ApiError } from './api.js';

/** Every page, in nav order. A route's pattern captures its params in order of `params`. */
const ROUTES = [
  { pattern: /^fleet$/, page: 'fleet', nav: 'fleet' },
  { pattern: /^host\/([^/]+)$/, params: ['name'], page: 'host', nav: 'fleet' },
  { pattern: /^alerts$/, page: 'alerts', nav: 'alerts' },
  { pattern: /^alert\/([^/]+)$/, params: ['id'], page: 'alerts', nav: 'alerts' },
  { pattern: /^silences$/, page: 'silences', nav: 'silences' },
  { pattern: /^hosts$/, page: 'hosts', nav: 'hosts' },
  { pattern: /^rules$/, page: 'rules', nav: 'rules' },
  { pattern: /^notifications$/, page: 'notifications', nav: 'notifications' },
  { pattern: /^database$/, page: 'database', nav: 'database' },
];
const NAV = [
  ['fleet', 'Fleet'], ['alerts', 'Alerts'], ['silences', 'Silences'], ['hosts', 'Hosts'],
  ['rules', 'Rules'], ['notifications', 'Notifications'], ['database', 'Database'],
];
const BANNER_REFRESH_MS = 30_000;

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const banner = document.getElementById('banner');

let session = null;
let leaving = null; // cleanup of the page on screen
let navigation = 0;

/** The route of a hash: {path, query}. '#/host/a?range=6h' -> {path: 'host/a', query: URLSearchParams}. */
function parseHash() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const q = hash.indexOf('?');
  return { path: q < 0 ? hash : hash.slice(0, q), query: new URLSearchParams(q < 0 ? '' : hash.slice(q + 1)) };
}

function match(path) {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (m) {
      const params = {};
      (route.params || []).forEach((name, i) => { params[name] = decodeURIComponent(m[i + 1]); });
      return { route, params };
    }
  }
  return null;
}

async function show() {
  const current = ++navigation;
  if (leaving) { try { leaving(); } catch (e) { console.warn(e); } leaving = null; }
  if (!session) { renderSignIn(); return; }
  const { path, query } = parseHash();
  if (path === '') { location.replace('#/fleet'); return; }
  const found = match(path);
  markNav(found ? found.route.nav : null);
  clear(main);
  for (const key of Object.keys(main.dataset)) delete main.dataset[key];
  if (!found) {
    document.title = 'Not found · Vigil';
    main.append(el('h1', {}, 'Page not found'), el('p', {}, 'No console page at #/' + path + '. '),
      el('a', { href: '#/fleet' }, 'Go to the fleet'));
    return;
  }
  const module = await import('./pages/' + found.route.page + '.js');
  if (current !== navigation) return;
  const page = module.default;
  document.title = page.title + ' · Vigil';
  const controller = new AbortController();
  const cleanups = [() => controller.abort()];
  const view = {
    root: main,
    params: found.params,
    query,
    session,
    canChange: session.role === 'admin',
    signal: controller.signal,
    /** Runs fn every ms while the page is on screen (not while the tab is hidden). */
    every(ms, fn) {
      const id = setInterval(() => { if (!document.hidden) fn(); }, ms);
      cleanups.push(() => clearInterval(id));
    },
    onLeave(fn) { cleanups.push(fn); },
    /** Changes the URL's query (e.g. a filter) without re-rendering, so the view stays paste-able. */
    setQuery(values) {
      const params = new URLSearchParams(query);
      for (const [k, v] of Object.entries(values)) {
        if (v === null || v === undefined || v === '') params.delete(k); else params.set(k, String(v));
      }
      const s = params.toString();
      history.replaceState(null, '', '#/' + path + (s ? '?' + s : ''));
    },
    navigate(route) { location.hash = '#/' + route; },
    refreshBanner,
  };
  leaving = () => cleanups.forEach((fn) => fn());
  try {
    const cleanup = await page.render(view);
    if (typeof cleanup === 'function') cleanups.push(cleanup);
  } catch (e) {
    if (controller.signal.aborted || e.name === 'AbortError') return;
    main.append(errorBox(e instanceof ApiError ? e.message : 'This page failed: ' + e.message));
  }
}

function markNav(current) {
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.page === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

function renderChrome() {
  clear(nav, session ? NAV.map(([page, label]) => el('a', { href: '#/' + page, dataset: { page } }, label)) : []);
  clear(who);
  document.body.classList.toggle('role-viewer', !!session && session.role !== 'admin');
  if (!session) return;
  who.append(
    el('span', { class: 'who-name', title: 'signed in as ' + session.name }, session.name + ' · ' + session.role),
    el('button', { type: 'button', class: 'link-button', id: 'sign-out', on: { click: doSignOut } }, 'Sign out'));
}

function renderSignIn(message) {
  markNav(null);
  renderChrome();
  document.title = 'Sign in · Vigil';
  const input = el('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true,
    spellcheck: 'false', 'aria-describedby': 'token-help' });
  const problem = el('p', { class: 'error', role: 'alert', id: 'sign-in-error', hidden: !message }, message || '');
  const form = el('form', { class: 'sign-in', id: 'sign-in-form' },
    el('h1', {}, 'Sign in to Vigil'),
    el('label', { for: 'token' }, 'Token'),
    input,
    el('p', { class: 'muted', id: 'token-help' },
      'An admin or viewer token (POST /api/v1/tokens). The token is sent once; the browser keeps only a session cookie.'),
    problem,
    el('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.hidden = true;
    try {
      const opened = await signIn(input.value.trim());
      input.value = '';
      startSession(opened);
    } catch (e) {
      input.value = '';
      problem.textContent = e.status === 401 ? 'That token is not valid (or was revoked).' : e.message;
      problem.hidden = false;
      input.focus();
    }
  });
  clear(main, form);
  input.focus();
}

function startSession(opened) {
  session = opened;
  setSession(session, expired);
  renderChrome();
  refreshBanner();
  show();
}

function expired(message) {
  if (!session) return;
  session = null;
  setSession(null);
  if (leaving) { leaving(); leaving = null; }
  renderSignIn(message || 'Your session ended; sign in again.');
}

async function doSignOut() {
  try { await signOut(); } catch (e) { /* the session is gone either way */ }
  session = null;
  setSession(null);
  if (leaving) { leaving(); leaving = null; }
  banner.hidden = true;
  renderSignIn();
}

/** The banner says when Vigil itself is unwell, on every page (from /health, which needs no token). */
async function refreshBanner() {
  if (!session) { banner.hidden = true; return; }
  let status;
  try {
    status = await api('console/status');
  } catch (e) {
    status = { status: 'DOWN', problems: { vigil: e.status === 0 ? 'Vigil does not answer' : e.message } };
  }
  const problems = Object.entries(status.problems || {});
  if (status.status === 'UP' || problems.length === 0) { banner.hidden = true; clear(banner); return; }
  clear(banner,
    el('strong', {}, status.status === 'DOWN' ? 'Vigil is down: ' : 'Vigil needs attention: '),
    problems.map(([part, problem], i) => [i ? '; ' : '', el('span', { class: 'banner-part' }, part), ': ', problem]));
  banner.hidden = false;
}

async function start() {
  window.addEventListener('hashchange', () => { if (session) show(); });
  setInterval(() => { if (!document.hidden) refreshBanner(); }, BANNER_REFRESH_MS);
  let current = null;
  try {
    current = await currentSession();
  } catch (e) {
    renderSignIn(e.message);
    return;
  }
  if (current && current.signedIn) startSession(current); else renderSignIn();
}

start();
