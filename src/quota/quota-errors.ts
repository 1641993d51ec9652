/**
 * Why a search was refused for its API key, as named errors with stable codes. The GraphQL layer maps
 * them to client errors (schema/errors.ts) with HTTP 429 and a `Retry-After`.
 */
export abstract class SearchQuotaError extends Error {
  abstract override readonly name: string;
  abstract readonly code: 'TOO_MANY_SEARCHES' | 'RATE_LIMITED';
  constructor(
    message: string,
    /** The limit that was reached. */
    readonly limit: number,
    /** When trying again may succeed. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The key already runs as many searches as it may at once (SEARCHES_IN_FLIGHT_PER_KEY). */
export class TooManySearchesError extends SearchQuotaError {
  override readonly name = 'TooManySearchesError';
  readonly code = 'TOO_MANY_SEARCHES';
  constructor(limit: number) {
    super(`Too many searches running for this API key (at most ${limit} at once); retry when one finishes`, limit, 1);
  }
}

/** The key started as many searches this minute as it may (SEARCHES_PER_MINUTE_PER_KEY). */
export class SearchRateLimitError extends SearchQuotaError {
  override readonly name = 'SearchRateLimitError';
  readonly code = 'RATE_LIMITED';
  constructor(limit: number, retryAfterSeconds: number) {
    super(
      `Search rate limit reached for this API key (${limit} per minute); retry in ${retryAfterSeconds} s`,
      limit,
      retryAfterSeconds,
    );
  }
}
