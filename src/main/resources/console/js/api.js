// The one way the console talks to Amends: the public /v1 API, the signed-in key as a bearer token,
// JSON in and out. Every refusal becomes a Problem carrying the API's own words (its detail), and a
// request that got no answer says so, because then the change may or may not have happened.

const TIMEOUT_MS = 30_000;

export class Problem extends Error {
  constructor({status, code, title, detail, errors}) {
    super(detail || title || `The server answered ${status}`);
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.errors = Array.isArray(errors) ? errors : [];
  }

  /** No answer, or the server failed: the request may have had its effect. */
  get unanswered() {
    return this.status === 0 || this.status >= 500;
  }
}

/** A client for one key. onUnauthorized runs when the server no longer accepts the key (revoked). */
export function apiClient(key, {onUnauthorized} = {}) {
  async function request(method, path, {query, body, text: rawText, contentType, idempotencyKey, accept} = {}) {
    const url = new URL(path, location.origin);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value != null && value !== '') url.searchParams.set(name, value);
    }
    const headers = {Accept: accept ?? 'application/json', Authorization: `Bearer ${key}`};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (rawText !== undefined) headers['Content-Type'] = contentType;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let response;
    let text;
    try {
      // credentials: 'omit': the key is the only credential; no cookie goes with it.
      response = await fetch(url, {
        method, headers, body: rawText ?? (body === undefined ? undefined : JSON.stringify(body)),
        credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      throw new Problem({
        status: 0, code: 'no_answer', title: 'No answer',
        detail: error?.name === 'TimeoutError' ? 'The server did not answer in time.' : 'The server could not be reached.',
      });
    }
    if (response.ok && accept) return {text, type: response.headers.get('Content-Type'), filename: filename(response)};
    const json = parse(text);
    if (response.ok) return json;
    if (response.status === 401) onUnauthorized?.();
    throw new Problem({...(json && typeof json === 'object' ? json : {}), status: response.status,
      detail: json?.detail ?? `The server answered ${response.status}.`});
  }

  return {
    get: (path, query) => request('GET', path, {query}),
    post: (path, body, idempotencyKey) => request('POST', path, {body, idempotencyKey}),
    put: (path, body) => request('PUT', path, {body}),
    patch: (path, body) => request('PATCH', path, {body}),
    delete: path => request('DELETE', path),
    /** A body that is not JSON (a CSV file, as text/csv). */
    postText: (path, text, contentType, idempotencyKey) => request('POST', path, {text, contentType, idempotencyKey}),
    /** The API's own CSV form of a report: {text, type, filename} (the name its Content-Disposition gives). */
    csv: (path, query) => request('GET', path, {query, accept: 'text/csv'}),
    /** Every item of a paginated list, following next_cursor (at most `max` items). */
    async all(path, query = {}, max = 1000) {
      const items = [];
      let cursor;
      do {
        const page = await request('GET', path, {query: {...query, limit: 100, cursor}});
        items.push(...page.data);
        cursor = page.next_cursor;
      } while (cursor && items.length < max);
      return items;
    },
  };
}

function filename(response) {
  return /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'report.csv';
}

function parse(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
