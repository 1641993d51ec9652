/**
 * No search with this id for this API key: unknown, forgotten after its retention, or another key's
 * (the two are not told apart, so ids reveal nothing). Mapped to `SEARCH_NOT_FOUND` in schema/errors.ts.
 */
export class SearchNotFoundError extends Error {
  override readonly name = 'SearchNotFoundError';
  readonly code = 'SEARCH_NOT_FOUND';
  constructor(readonly id: string) {
    super('No such search for this API key (unknown id, another key’s search, or finished and no longer kept)');
  }
}

/**
 * Why a search stopped on this instance without ending (the abort reason of its run): it was handed
 * over to another instance at shutdown, which finishes it. Its ending here is not a result: no audit
 * row or metric for it, and not logged as finished.
 */
export class SearchHandedOver extends Error {
  override readonly name = 'SearchHandedOver';
  constructor() {
    super('handed over to another instance');
  }
}
