// The API key lives in this tab's sessionStorage only: never in a cookie, a URL or a log, gone when
// the tab closes, and sent only as the bearer token of the console's own API calls.
import {apiClient} from './api.js';

const KEY = 'amends.apiKey';

/** The key this tab signed in with, or null. */
export function storedKey() {
  return sessionStorage.getItem(KEY);
}

/** Checks the key with GET /v1/me before keeping it; answers who the key is. */
export async function signIn(secret) {
  const me = await apiClient(secret).get('/v1/me');
  sessionStorage.setItem(KEY, secret);
  return me;
}

/** Forgets the key, and everything else this tab kept. */
export function signOut() {
  sessionStorage.clear();
}
