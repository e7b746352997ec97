// The event types an endpoint may choose. The API has no list operation for them; its OpenAPI
// document (served beside it, the one the API is built from) names them in the Event schema, so the
// page offers exactly what the server accepts, and a new type appears here without a change.
let catalogue;

/** A promise of the wire names, e.g. ['grant.issued', …], in the document's order. */
export function eventTypes(api) {
  catalogue ??= api.get('/openapi.json').then(spec => spec?.components?.schemas?.Event?.properties?.type?.enum ?? []);
  catalogue.catch(() => { catalogue = undefined; }); // a failed read is tried again next time
  return catalogue;
}
