/**
 * Named failures of the fleet's Redis parts, with stable codes (like src/checker/errors.ts). Messages
 * never carry a credential: a Redis URL may hold a password, so it is never put in a message.
 */
export abstract class FleetError extends Error {
  abstract override readonly name: string;
  abstract readonly code: string;
}

/** Redis did not answer (not connected, connection lost, or the command timed out). */
export class RedisUnavailableError extends FleetError {
  override readonly name = 'RedisUnavailableError';
  readonly code = 'PM_REDIS_UNAVAILABLE';
}

/** Redis answered with something the fleet's scripts never produce (a bug or a foreign key). */
export class RedisProtocolError extends FleetError {
  override readonly name = 'RedisProtocolError';
  readonly code = 'PM_REDIS_PROTOCOL';
}

/** The search's owner stopped renewing its lease and no instance could resume it. */
export class SearchLeaseLostError extends FleetError {
  override readonly name = 'SearchLeaseLostError';
  readonly code = 'PM_SEARCH_LEASE_LOST';
}

/** Wraps whatever ioredis threw into a named error (its messages may quote the URL, so they are dropped). */
export function redisFailure(what: string, cause: unknown): RedisUnavailableError {
  const kind = cause instanceof Error ? cause.name : 'unknown';
  return new RedisUnavailableError(`Redis unavailable during ${what} (${kind})`, { cause });
}
