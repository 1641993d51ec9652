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
