/**
 * How one request to the order service ended, as far as load is concerned:
 * - `answered`: the service did the work; its round-trip time measures the service's load
 * - `rate-limited` (429), `unavailable` (503), `timeout`: the service says (or shows) it is over capacity
 * - `ignored`: cancelled before an answer, or a failure that says nothing about load (a refused
 *   connection, an unreadable reply, a 4xx)
 */
export type SampleOutcome = 'answered' | 'rate-limited' | 'unavailable' | 'timeout' | 'ignored';

/** What a finished request tells the limiter. */
export interface RequestSample {
  readonly outcome: SampleOutcome;
  /** Send to last byte of the reply, in ms, as this process's clock saw it. */
  readonly rttMs: number;
  /**
   * How long the reply waited for this process's own event loop before it was read (ms, an estimate,
   * see `loop-delay.ts`). Part of `rttMs` spent here, not at the service; the adaptive limiter takes it
   * off. @default 0
   */
  readonly loopDelayMs?: number;
  /** Requests in flight (this one included) when it was sent: how loaded the service was by us. */
  readonly inFlight: number;
  /** Numbers the request carried: 1 for the per-number contract, N for a batch request. */
  readonly size: number;
}

/** Why the limit in force moved (the `reason` label of the limit metric and log line). */
export type LimitReason =
  'start' | 'ramp-up' | 'growing' | 'queueing' | 'rate-limited' | 'unavailable' | 'timeout' | 'probe' | 'probe-done';

export interface LimitChange {
  readonly limit: number;
  readonly previous: number;
  readonly reason: LimitReason;
}

/**
 * Decides how many requests may be in flight at the order service. Pure: it keeps no timers and reads no
 * clock; time comes in with each sample, so a test drives it with a fake clock, sample by sample.
 */
export interface ConcurrencyLimiter {
  /** The limit in force: a whole number >= 1. */
  readonly limit: number;
  /** Why the limit last moved. */
  readonly reason: LimitReason;
  /** Feeds one finished request; returns the change when the limit moved. */
  onSample(sample: RequestSample, now: number): LimitChange | undefined;
}

/** `CHECK_CONCURRENCY=<n>`: the operator knows the service's capacity; the bound never moves. */
export class FixedLimiter implements ConcurrencyLimiter {
  readonly reason: LimitReason = 'start';

  constructor(readonly limit: number) {}

  onSample(): undefined {
    return undefined;
  }
}
