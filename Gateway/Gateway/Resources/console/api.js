// The console's one way to the API: JSON in and out, the access token on every call, errors in words.
//
// Tokens: the access token lives in this module's memory only (never in storage, so a reload or another tab cannot
// read it). The refresh token is kept in sessionStorage — this tab only, gone when it closes — so a reload or a deep
// link finds the session again. It is rotated before the access token expires; a refresh the API refuses (revoked or
// spent session) ends the session and sends the user to the login page with the API's words.

const REFRESH_KEY = 'devmentor.refresh';
const session = { access: null, expiresAt: 0, sessionId: null, user: null, timer: null, refreshing: null, loggingOut: false };
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, code, message, details, requestId) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details ?? {};
    this.requestId = requestId;
  }

  /** "Project is locked by someone else (RESOURCE_LOCKED)": what the UI shows. */
  get words() {
    return this.code ? `${this.message} (${this.code})` : this.message;
  }
}

/** Called with (reason) when the session ends: logout, revoked, refresh refused. */
export function onSessionEnd(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentUser() { return session.user; }
export function sessionId() { return session.sessionId; }
export function isSignedIn() { return session.access !== null; }
export function accessExpiresAt() { return session.expiresAt; }

async function toError(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  const error = body?.error;
  if (error?.code) return new ApiError(response.status, error.code, error.message, error.details, error.requestId);
  return new ApiError(response.status, null, `The gateway answered ${response.status} ${response.statusText}.`);
}

async function send(method, path, { body, headers = {}, auth = true, keepalive = false } = {}) {
  const all = { Accept: 'application/json', ...headers };
  if (body !== undefined) all['Content-Type'] = 'application/json';
  if (auth && session.access) all.Authorization = `Bearer ${session.access}`;
  try {
    return await fetch(path, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body), keepalive, credentials: 'omit' });
  } catch (error) {
    throw new ApiError(0, null, `The gateway cannot be reached (${error.message}).`);
  }
}

/**
 * Calls the API; resolves to {status, body, headers}. An expired access token is refreshed once and the call
 * repeated; a revoked one ends the session.
 */
export async function request(method, path, options = {}) {
  let response = await send(method, path, options);
  if (response.status === 401 && options.auth !== false && session.access) {
    const error = await toError(response);
    if (error.code === 'TOKEN_EXPIRED' && await refresh()) {
      response = await send(method, path, options);
    } else {
      if (error.code === 'TOKEN_REVOKED' || error.code === 'UNAUTHORIZED') end(`Your session has ended: ${error.words}`);
      throw error;
    }
  }
  if (!response.ok) throw await toError(response);
  const text = response.status === 204 ? '' : await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** A streaming answer (text/event-stream) with the access token: the Response, its body unread. */
export async function openStream(path) {
  let response = await send('GET', path, { headers: { Accept: 'text/event-stream' } });
  if (response.status === 401 && session.access && (await toError(response)).code === 'TOKEN_EXPIRED' && await refresh()) {
    response = await send('GET', path, { headers: { Accept: 'text/event-stream' } });
  }
  if (!response.ok || !response.body) throw await toError(response);
  return response;
}

export const api = {
  get: (path, options) => request('GET', path, options).then((r) => r.body),
  post: (path, body, options = {}) => request('POST', path, { ...options, body }).then((r) => r.body),
  put: (path, body, options = {}) => request('PUT', path, { ...options, body }).then((r) => r.body),
  patch: (path, body, options = {}) => request('PATCH', path, { ...options, body }).then((r) => r.body),
  delete: (path, options) => request('DELETE', path, options).then((r) => r.body),
};

function adopt(token) {
  session.access = token.accessToken;
  session.sessionId = token.sessionId;
  session.expiresAt = Date.now() + token.expiresIn * 1000;
  sessionStorage.setItem(REFRESH_KEY, token.refreshToken);
  clearTimeout(session.timer);
  // Rotate well before expiry: at 80 % of the lifetime, and at least 10 s before the end.
  const lead = Math.min(token.expiresIn * 0.8, Math.max(token.expiresIn - 10, 1)) * 1000;
  session.timer = setTimeout(() => { refresh(); }, lead);
}

export async function login(email, password) {
  const response = await send('POST', '/api/v1/auth/login', { body: { email, password }, auth: false });
  if (!response.ok) throw await toError(response);
  adopt(await response.json());
  session.user = await api.get('/api/v1/auth/me');
  return session.user;
}

export async function register(email, password, displayName) {
  const response = await send('POST', '/api/v1/auth/register', { body: { email, password, displayName }, auth: false });
  if (!response.ok) throw await toError(response);
  return login(email, password);
}

/** Rotates the refresh token; false (and the session ended) when the API refuses it. One refresh at a time. */
export function refresh() {
  if (session.refreshing) return session.refreshing;
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return Promise.resolve(false);
  session.refreshing = (async () => {
    try {
      const response = await send('POST', '/api/v1/auth/refresh', { body: { refreshToken }, auth: false });
      if (!response.ok) {
        const error = await toError(response);
        if (response.status === 401 || response.status === 400) {
          end(`Your session has ended: ${error.words}`);
          return false;
        }
        throw error;
      }
      adopt(await response.json());
      document.dispatchEvent(new CustomEvent('devmentor:refreshed'));
      return true;
    } finally {
      session.refreshing = null;
    }
  })();
  return session.refreshing;
}

/** A reload: the tab's refresh token, if any, becomes a session again. */
export async function resume() {
  if (!sessionStorage.getItem(REFRESH_KEY)) return null;
  try {
    if (!await refresh()) return null;
    session.user = await api.get('/api/v1/auth/me');
    return session.user;
  } catch {
    return null;
  }
}

/** Ends the session everywhere (every token of it stops working), then here. */
export async function logout() {
  // The feed may report this very revocation before the answer arrives: it is a logout, not a revocation.
  session.loggingOut = true;
  if (session.access && session.sessionId) {
    try { await request('DELETE', `/api/v1/auth/sessions/${session.sessionId}`); } catch { /* ended anyway */ }
  }
  end('You are logged out.', 'notice');
  session.loggingOut = false;
}

function end(reason, kind = 'error') {
  const wasSignedIn = session.access !== null || sessionStorage.getItem(REFRESH_KEY) !== null;
  clearTimeout(session.timer);
  session.access = null;
  session.expiresAt = 0;
  session.sessionId = null;
  session.user = null;
  sessionStorage.removeItem(REFRESH_KEY);
  if (wasSignedIn) for (const listener of listeners) listener(reason, kind);
}

/** The live feed calls this when auth says this session was revoked elsewhere. */
export function sessionRevoked() {
  if (session.loggingOut) return;
  end('Your session has ended: it was revoked elsewhere (TOKEN_REVOKED). Log in again.');
}

// Test and debugging hook: rotate the tokens now, as the timer would.
document.addEventListener('devmentor:refresh-now', () => { refresh(); });
