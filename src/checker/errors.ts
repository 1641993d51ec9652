/**
 * Named failures with stable codes, in the style of undici's errors.js: callers and metrics switch on
 * `code`/`reason`, never on message text. Messages never carry a full number or a credential.
 */

/**
 * Every reason a check can fail for, in the order the schema's FailureReason enum lists them (as
 * TIMEOUT, HTTP_STATUS, …). The type, the checker's failure counters and the enum are derived from it.
 */
export const FAILURE_REASONS = [
  'timeout',
  'http-status',
  'network',
  'unreadable',
  'missing-from-batch',
  'circuit-open',
  'cancelled',
] as const;
/** Why a check failed. A failure is never reported as "no orders". */
export type FailureReason = (typeof FAILURE_REASONS)[number];

export abstract class CheckError extends Error {
  abstract override readonly name: string;
  abstract readonly code: string;
  abstract readonly reason: FailureReason;
  /** Whether another attempt may give a different answer. */
  abstract readonly retryable: boolean;
  readonly status?: number;
}

/** The order service did not answer (headers or body) within the per-attempt timeout. */
export class CheckTimeoutError extends CheckError {
  override readonly name = 'CheckTimeoutError';
  readonly code = 'PM_CHECK_TIMEOUT';
  readonly reason = 'timeout';
  readonly retryable = true;
}

/** A non-2xx status the operator did not declare as "no orders". 5xx and 429 are retried. */
export class HttpStatusError extends CheckError {
  override readonly name = 'HttpStatusError';
  readonly code = 'PM_CHECK_HTTP_STATUS';
  readonly reason = 'http-status';
  readonly retryable: boolean;
  override readonly status: number;
  /** Parsed `Retry-After` in ms (already capped), when the reply carried one. */
  readonly retryAfterMs: number | undefined;
  constructor(status: number, message: string, retryAfterMs?: number) {
    super(message);
    this.status = status;
    this.retryable = status === 429 || status >= 500;
    this.retryAfterMs = retryAfterMs;
  }
}

/** Connection refused/reset, socket closed mid-reply, DNS failure and the like. */
export class NetworkError extends CheckError {
  override readonly name = 'NetworkError';
  readonly code = 'PM_CHECK_NETWORK';
  readonly reason = 'network';
  readonly retryable = true;
}

/** A 2xx reply whose body is not JSON or has no readable value at the configured path. */
export class UnreadableResponseError extends CheckError {
  override readonly name = 'UnreadableResponseError';
  readonly code = 'PM_CHECK_UNREADABLE';
  readonly reason = 'unreadable';
  readonly retryable = false;
}

/**
 * A batch reply that was read but held no answer for this number. Not retried: the service answered
 * the batch and chose to leave the number out; a later search asks again (failures are never cached).
 */
export class MissingFromBatchError extends CheckError {
  override readonly name = 'MissingFromBatchError';
  readonly code = 'PM_CHECK_MISSING_FROM_BATCH';
  readonly reason = 'missing-from-batch';
  readonly retryable = false;
}

/** The circuit breaker is open: the check failed fast without a request. */
export class CircuitOpenError extends CheckError {
  override readonly name = 'CircuitOpenError';
  readonly code = 'PM_CHECK_CIRCUIT_OPEN';
  readonly reason = 'circuit-open';
  readonly retryable = false;
}

/** The caller aborted the check or its session. */
export class CheckCancelledError extends CheckError {
  override readonly name = 'CheckCancelledError';
  readonly code = 'PM_CHECK_CANCELLED';
  readonly reason = 'cancelled';
  readonly retryable = false;
}

/** Invalid checker configuration. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'PM_CONFIG_INVALID';
}
