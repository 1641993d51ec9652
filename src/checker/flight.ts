import type { Permit } from './budget/in-flight-budget.ts';
import type { CheckResult } from './result.ts';
import type { Job, JobSource } from './scheduler.ts';
import type { kCountRequest, kEnqueue, kEnqueueRetry, kJobs, kSettle, kTrack } from './symbols.ts';

/** What flights and waiters need from the session that owns them (`CheckSession`, by symbol). */
export interface FlightOwner {
  readonly cancelled: boolean;
  readonly [kJobs]: JobSource;
  [kEnqueue](flight: Flight): void;
  [kEnqueueRetry](...flights: Flight[]): void;
  [kTrack](waiter: Waiter): void;
  [kSettle](waiter: Waiter, result: CheckResult): void;
  [kCountRequest](): void;
}

/** One caller waiting for the answer about one number. */
export interface Waiter {
  readonly session: FlightOwner;
  readonly phone: string;
  flight: Flight | undefined;
  /** Set for promise-style checks; run-style waiters report through their session's callback. */
  resolve: ((result: CheckResult) => void) | undefined;
}

/**
 * The single in-progress check of one number, shared by every waiter asking about it (de-duplication).
 * It is queued in its owner session's queue, so it takes that session's fair share of the bound.
 * A running flight whose waiters all left stays running (an orphan) until the order service answers:
 * its permit is the service's real load, and its answer still fills the cache.
 */
export class Flight implements Job {
  waiters: Waiter[] = [];
  state: 'queued' | 'running' | 'backoff' | 'done' = 'queued';
  attempt = 0;
  /** The attempt on the wire, aborted only when hung (undici's timeout) or when the checker closes. */
  request: { abort(): void } | undefined;
  /** The current attempt's leave to be at the order service. */
  permit: Permit | undefined;
  /** `performance.now()` when the current attempt started. */
  startedAt = 0;
  /** Requests in flight when the current attempt was sent (for the limiter). */
  sentInFlight = 0;
  backoffTimer: NodeJS.Timeout | undefined;
  /**
   * Batch contract: the most numbers a batch carrying this one may hold. A batch that failed is
   * halved, and each half's numbers keep to their half's size until answered (see batch-retry.ts).
   */
  cap = Infinity;
  /** The fleet's shared store was asked about this number (once per flight, or again after a lapsed claim). */
  consulted = false;
  /** This process holds the fleet-wide claim on the number: it must record or release it. */
  claimed = false;
  /** Aborts a wait for another instance's answer when nobody wants this flight any more. */
  waitAbort: AbortController | undefined;

  constructor(
    readonly phone: string,
    public owner: FlightOwner,
    private readonly starter: (flight: Flight, permit: Permit) => void,
  ) {}

  start(permit: Permit): void {
    this.starter(this, permit);
  }
}
