/*
 * HTTP to the service: same origin, no cache, JSON in and out. No call throws: each resolves to
 * {ok, status, data, message} where data is the parsed body (also for errors, so forms can read
 * the 422 detail list or the render error envelope) and message a one-line explanation.
 */
import { isObject } from './format.js';

export const base = (document.body.dataset.basePath || '').replace(/\/+$/, '');

export function url(path) {
  return base + path;
}

const TOKEN_KEY = 'trafalgar.dashboardToken';
let memoryToken = null;

export function readToken() {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) || null;
  } catch (e) {
    return memoryToken;
  }
}

export function writeToken(token) {
  memoryToken = token;
  try {
    if (token) {
      window.sessionStorage.setItem(TOKEN_KEY, token);
    } else {
      window.sessionStorage.removeItem(TOKEN_KEY);
    }
  } catch (e) {
    // Storage disabled: the token lasts as long as the page.
  }
}

/** The one-line message of an error body: a string detail, an envelope message, or the status. */
export function messageOf(data, response) {
  if (isObject(data) && typeof data.detail === 'string') {
    return data.detail;
  }
  if (isObject(data) && isObject(data.error) && typeof data.error.message === 'string') {
    return data.error.message;
  }
  if (isObject(data) && Array.isArray(data.detail)) {
    return data.detail.map((d) => (isObject(d) ? d.msg : String(d))).join(' ');
  }
  if (response.ok) {
    return 'The response was not valid JSON.';
  }
  return response.statusText || 'Request failed';
}

/**
 * One request. Options: auth (send the stored token as Bearer), body (sent as JSON), headers.
 */
export async function request(method, path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  const token = options.auth ? readToken() : null;
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  const init = { method, cache: 'no-store', credentials: 'same-origin', headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(url(path), init);
  } catch (e) {
    return { ok: false, status: 0, data: null, message: 'The service could not be reached.' };
  }
  const raw = await response.text().catch(() => '');
  let data = null;
  let parsed = true;
  try {
    data = raw === '' ? null : JSON.parse(raw);
  } catch (e) {
    parsed = false;
  }
  const ok = response.ok && parsed;
  return { ok, status: response.status, data, message: ok ? '' : messageOf(data, response) };
}

export function getJson(path, options) {
  return request('GET', path, options);
}

/** "HTTP 403: Caller is missing required roles." for a failed answer. */
export function describe(result) {
  return (result.status ? 'HTTP ' + result.status + ': ' : '') + result.message;
}
