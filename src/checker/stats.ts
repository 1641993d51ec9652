import type { BreakerState } from './breaker.ts';
import { FAILURE_REASONS, type FailureReason } from './errors.ts';
import type { LimitChange, LimitReason } from './limiter/limiter.ts';

/** Upper bounds (ms) of the request latency histogram buckets; the last bucket is +Inf. */
export const LATENCY_BUCKETS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/**
 * What happened to one request of ours to the order service (one attempt), as `hooks.onRequest` hears
 * it. (The simulator's `RequestOutcome` is how the service side ended a request: another thing.)
 */
export type AttemptOutcome = 'orders' | 'no-orders' | Exclude<FailureReason, 'circuit-open'>;

/** Passed to `hooks.onRequest` after every request to the order service. */
export interface RequestEvent {
  readonly outcome: AttemptOutcome;
  readonly latencyMs: number;
  /** 1 for the first attempt of a check. */
  readonly attempt: number;
  readonly status: number | undefined;
  /** Another attempt of the same check will follow. */
  readonly willRetry: boolean;
}

export interface CheckerHooks {
  /** Called synchronously after each request; keep it cheap (e.g. observe a Prometheus histogram). */
  onRequest?: (event: RequestEvent) => void;
  onBreakerStateChange?: (state: BreakerState) => void;
  /** The in-flight limit moved (each change is also logged at info). */
  onLimitChange?: (change: LimitChange) => void;
}

export interface CheckerStats {
  /** HTTP requests sent (attempts, including retries). */
  requests: number;
  retries: number;
  /** Final outcomes of checks, by kind (cache hits excluded). */
  outcomes: { orders: number; noOrders: number; failed: Record<FailureReason, number> };
  cacheHits: number;
  /** Checks that joined an identical check already in flight. */
  dedupHits: number;
  /** Checks answered by the fleet's shared cache (another instance asked). */
  sharedHits: number;
  /** Checks that waited for another instance asking the same number. */
  sharedWaits: number;
  cacheSize: number;
  inFlight: number;
  inFlightPeak: number;
  /** The in-flight limit in force (the pinned `concurrency`, or where the adaptive limiter has it now). */
  limit: number;
  /** Why the limit last moved. */
  limitReason: LimitReason;
  latency: { count: number; sumMs: number; bucketsMs: readonly number[]; counts: number[] };
  breaker: BreakerState;
}

/** Mutable counters behind `OrderChecker.stats()`. */
export class Counters {
  requests = 0;
  retries = 0;
  orders = 0;
  noOrders = 0;
  failed = Object.fromEntries(FAILURE_REASONS.map((reason) => [reason, 0])) as Record<FailureReason, number>;
  cacheHits = 0;
  dedupHits = 0;
  sharedHits = 0;
  sharedWaits = 0;
  latencyCount = 0;
  latencySumMs = 0;
  readonly latencyCounts: number[] = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);

  observeLatency(ms: number): void {
    this.latencyCount++;
    this.latencySumMs += ms;
    let i = 0;
    while (i < LATENCY_BUCKETS_MS.length && ms > (LATENCY_BUCKETS_MS[i] as number)) i++;
    this.latencyCounts[i] = (this.latencyCounts[i] ?? 0) + 1;
  }
}
