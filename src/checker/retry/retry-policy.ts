import { HttpStatusError, type CheckError } from '../errors.ts';

/** What becomes of the numbers of a request that failed as a whole. */
export type RetryDecision<T> =
  | { readonly kind: 'fail' }
  /** Send these groups again (after the usual backoff), each as one request, in this order. */
  | { readonly kind: 'retry'; readonly groups: ReadonlyArray<readonly T[]> };

/**
 * The retry policy, for one number and for a batch alike. A failed request fails each of its numbers
 * unless it is retried:
 * - not retryable (4xx, unreadable reply, cancelled): every number fails with the request's error;
 * - one number, or a batch answered 429 (the service asked for less traffic, not smaller batches):
 *   retried whole, up to `maxAttempts`;
 * - a batch with any other retryable failure (5xx, timeout, network) is halved and both halves are
 *   retried, so one number that breaks its batch is cornered in log2(size) rounds while the others get
 *   answered. Halving goes on past `maxAttempts` (the cost is bounded: a batch of n costs at most
 *   2n - 1 requests, and the circuit breaker stops a service that is down).
 * @param attempt the failed request's attempt (1 for a number's first request)
 */
export function retryPolicy<T>(
  items: readonly T[],
  error: CheckError,
  attempt: number,
  maxAttempts: number,
): RetryDecision<T> {
  if (!error.retryable) return FAIL;
  const rateLimited = error instanceof HttpStatusError && error.status === 429;
  if (items.length > 1 && !rateLimited) {
    const half = Math.ceil(items.length / 2);
    return { kind: 'retry', groups: [items.slice(0, half), items.slice(half)] };
  }
  return attempt < maxAttempts ? { kind: 'retry', groups: [items] } : FAIL;
}

const FAIL = Object.freeze({ kind: 'fail' as const });
