// Calls to the service's JSON API (same origin, relative paths) and its RFC 9457 problem details.

const KEY_STORAGE = 'seqcast.apiKey';

/** An error answer of the API, with the problem's title, detail and field when it had them. */
export class ApiError extends Error {
  constructor(status, title, detail, field) {
    super(ApiError.describe(status, title, detail, field));
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.field = field;
  }

  static describe(status, title, detail, field) {
    let text = `${title || 'Error'} (${status})`;
    if (detail) text += `: ${detail}`;
    if (field && !(detail || '').includes(field)) text += ` [${field}]`;
    if (status === 401) text += ' Type the API key at the top of the page.';
    if (status === 403) text += ' The API key was refused: check it at the top of the page.';
    return text;
  }
}

/** The API key typed into the page: this tab's session storage only, never a cookie or local storage. */
export const apiKey = {
  get: () => sessionStorage.getItem(KEY_STORAGE) || '',
  set: (value) => {
    if (value) sessionStorage.setItem(KEY_STORAGE, value);
    else sessionStorage.removeItem(KEY_STORAGE);
  },
};

/**
 * Sends a request and answers the parsed JSON body (null when there is none).
 * body: a string (sent with contentType), FormData, or an object (sent as JSON).
 * withKey: send the API key as X-API-Key.
 */
export async function call(method, path, { body, contentType, withKey = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  let payload = body;
  if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
    payload = JSON.stringify(body);
    contentType = 'application/json';
  }
  if (contentType) headers['Content-Type'] = contentType;
  if (withKey && apiKey.get()) headers['X-API-Key'] = apiKey.get();
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'Network error', `the service did not answer (${e.message})`);
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
  }
  if (!response.ok) {
    const problem = json || {};
    throw new ApiError(response.status, problem.title || response.statusText, problem.detail, problem.field);
  }
  return json;
}

/** A query string of the defined, non-empty parameters. */
export function query(params) {
  const parts = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
