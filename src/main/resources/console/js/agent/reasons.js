// The reason-code catalogue, read once per signed-in client: the form offers the active codes,
// and the history names retired ones too.
const catalogues = new WeakMap();

/** A promise of Map(code → reason code). */
export function reasonCodes(api) {
  if (!catalogues.has(api)) {
    const loaded = api.all('/v1/reason-codes').then(list => new Map(list.map(reason => [reason.code, reason])));
    loaded.catch(() => catalogues.delete(api)); // a failed read is tried again next time
    catalogues.set(api, loaded);
  }
  return catalogues.get(api);
}
