import { createGraphQLError } from 'graphql-yoga';
import { InputValidationError } from '../errors/input-error.ts';
import { RedisUnavailableError } from '../fleet/errors.ts';
import { SearchQuotaError } from '../quota/quota-errors.ts';
import { SearchNotFoundError } from '../search/search-errors.ts';

/**
 * Turns the domain's expected failures into client errors; anything else is returned as is (and
 * masked by Yoga as unexpected). Yoga's factory makes the error with the graphql instance Yoga itself
 * checks against, so it is recognised as expected however modules were loaded.
 *
 * - A refused input becomes `BAD_USER_INPUT`, naming the field at fault, the reason, what would be
 *   accepted and close suggestions (for places, with `picks`: the input that picks each); every
 *   violation is listed under `violations`.
 * - A per-key refusal becomes `TOO_MANY_SEARCHES` or `RATE_LIMITED` with the `limit` and
 *   `retryAfterSeconds`, over HTTP as 429 with `Retry-After`.
 * - An id that names no search of the caller's key becomes `SEARCH_NOT_FOUND` with `field: "id"`.
 * - In a fleet, Redis not answering where a search's record lives becomes `REDIS_UNAVAILABLE` with
 *   `retryAfterSeconds`, over HTTP as 503 with `Retry-After`: retryable, never "Unexpected error.".
 */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof InputValidationError) {
    const [first] = error.violations;
    return createGraphQLError(error.message, {
      extensions: {
        code: 'BAD_USER_INPUT',
        field: first?.field,
        reason: first?.reason,
        accepted: first?.accepted,
        suggestions: first?.suggestions ?? [],
        ...(first?.picks ? { picks: first.picks } : {}),
        violations: error.violations,
      },
    });
  }
  if (error instanceof SearchQuotaError) {
    const retryAfter = String(error.retryAfterSeconds);
    return createGraphQLError(error.message, {
      extensions: {
        code: error.code,
        limit: error.limit,
        retryAfterSeconds: error.retryAfterSeconds,
        http: { status: 429, headers: { 'Retry-After': retryAfter } },
      },
    });
  }
  if (error instanceof RedisUnavailableError) {
    return createGraphQLError('The fleet’s Redis does not answer; retry shortly', {
      extensions: {
        code: 'REDIS_UNAVAILABLE',
        retryAfterSeconds: REDIS_RETRY_AFTER_SECONDS,
        http: { status: 503, headers: { 'Retry-After': String(REDIS_RETRY_AFTER_SECONDS) } },
      },
    });
  }
  if (error instanceof SearchNotFoundError) {
    return createGraphQLError(error.message, { extensions: { code: error.code, field: 'id' } });
  }
  return error;
}

/** Redis reconnects within a second or two of coming back (the connection's backoff is capped at 1 s). */
const REDIS_RETRY_AFTER_SECONDS = 2;

/** Runs `fn`, rethrowing input problems as client errors. */
export function asUserInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toGraphQLError(error);
  }
}
