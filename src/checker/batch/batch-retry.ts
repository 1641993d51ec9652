import { HttpStatusError, type CheckError } from '../errors.ts';

/** What becomes of a batch whose request failed as a whole. */
export type BatchRetry<T> =
  | { readonly kind: 'fail' }
  /** Send these batches again (after the usual backoff), in this order. */
  | { readonly kind: 'retry'; readonly batches: ReadonlyArray<readonly T[]> };

/**
 * The retry policy of the batch contract. A failed batch fails each of its numbers unless it is retried:
 * - not retryable (4xx, unreadable reply, cancelled): every number fails with the batch's error;
 * - 429: the service asked for less traffic, not smaller batches, so the batch is retried whole, up to
 *   `maxAttempts` like one number;
 * - any other retryable failure (5xx, timeout, network) halves the batch and retries both halves, so one
 *   number that breaks its batch is cornered in log2(size) rounds while the others get answered. Halving
 *   goes on past `maxAttempts` (the cost is bounded: a batch of n costs at most 2n - 1 requests, and the
 *   circuit breaker stops a service that is down); a single number is retried up to `maxAttempts`.
 * @param attempt the failed request's attempt number for this lineage (1 for a batch's first request)
 */
export function batchRetry<T>(
  items: readonly T[],
  error: CheckError,
  attempt: number,
  maxAttempts: number,
): BatchRetry<T> {
  if (!error.retryable) return FAIL;
  const rateLimited = error instanceof HttpStatusError && error.status === 429;
  if (items.length > 1 && !rateLimited) {
    const half = Math.ceil(items.length / 2);
    return { kind: 'retry', batches: [items.slice(0, half), items.slice(half)] };
  }
  return attempt < maxAttempts ? { kind: 'retry', batches: [items] } : FAIL;
}

const FAIL = Object.freeze({ kind: 'fail' as const });
