// The one way pages talk to Vigil: same-origin fetch with the session cookie. Changes carry the session's
// CSRF token; errors become ApiError with the API's own message; a 401 sends the user to the sign-in page.

let csrfToken = null;
let onUnauthorized = () => {};

/** Set by app.js after sign-in. */
export function setSession(session, unauthorizedHandler) {
  csrfToken = session ? session.csrfToken : null;
  if (unauthorizedHandler) onUnauthorized = unauthorizedHandler;
}

/** A failed call: status (0 when the network failed), message readable by a person, field when the API named one. */
export class ApiError extends Error {
  constructor(status, message, field = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field;
  }
}

/**
 * api('api/v1/hosts') -> parsed JSON (null for 204).
 * options: method, body (sent as JSON), query (object; empty values left out), signal, headers.
 * Paths are relative (no leading slash) so the console also works under an API Gateway stage prefix.
 */
export async function api(path, options = {}) {
  const response = await request(path, options);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** Like api() but returns the Response itself (for headers such as X-Vigil-Series-Truncated). */
export async function request(path, { method = 'GET', body, query, signal, headers = {} } = {}) {
  const url = path + queryString(query);
  const init = { method, credentials: 'same-origin', signal, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) init.headers['X-Vigil-CSRF'] = csrfToken;
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'Vigil did not answer (' + e.message + ')');
  }
  if (response.ok) return response;
  const problem = await readProblem(response);
  if (response.status === 401 && !path.startsWith('console/session')) onUnauthorized(problem.message);
  throw problem;
}

async function readProblem(response) {
  let message = response.status + ' ' + (response.statusText || 'error');
  let field = null;
  try {
    const body = await response.json();
    if (body && typeof body.error === 'string') { message = body.error; field = body.field || null; }
    else if (body && typeof body.message === 'string') message = body.message;
  } catch (e) { /* not JSON: keep the status line */ }
  if (response.status === 403 && !message) message = 'not allowed with this token';
  return new ApiError(response.status, field ? message + ' (' + field + ')' : message, field);
}

function queryString(query) {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.append(key, String(value));
  }
  const s = params.toString();
  return s ? '?' + s : '';
}

/** Sign-in: the token goes once, in the Authorization header; the answer sets the HttpOnly session cookie. */
export async function signIn(token) {
  const response = await request('console/session', { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
  return response.json();
}

/** The current session: {signedIn: false} or {signedIn: true, name, role, csrfToken, expiresAt}. */
export function currentSession() {
  return api('console/session');
}

export async function signOut() {
  await request('console/session', { method: 'DELETE' });
  csrfToken = null;
}
