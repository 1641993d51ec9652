import { createGraphQLError } from 'graphql-yoga';
import { InputValidationError } from '../errors/input-error.ts';
import { SearchQuotaError } from '../quota/quota-errors.ts';
import { SearchNotFoundError } from '../search/search-errors.ts';

/**
 * Turns the domain's expected failures into client errors; anything else is returned as is (and
 * masked by Yoga as unexpected). Yoga's factory makes the error with the graphql instance Yoga itself
 * checks against, so it is recognised as expected however modules were loaded.
 *
 * - A refused input becomes `BAD_USER_INPUT`, naming the field at fault, the reason, what would be
 *   accepted and close suggestions; every violation is listed under `violations`.
 * - A per-key refusal becomes `TOO_MANY_SEARCHES` or `RATE_LIMITED` with the `limit` and
 *   `retryAfterSeconds`, over HTTP as 429 with `Retry-After`.
 * - An id that names no search of the caller's key becomes `SEARCH_NOT_FOUND` with `field: "id"`.
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
  if (error instanceof SearchNotFoundError) {
    return createGraphQLError(error.message, { extensions: { code: error.code, field: 'id' } });
  }
  return error;
}

/** Runs `fn`, rethrowing input problems as client errors. */
export function asUserInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toGraphQLError(error);
  }
}
