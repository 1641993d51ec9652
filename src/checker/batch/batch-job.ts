import type { Permit } from '../budget/in-flight-budget.ts';
import type { Flight } from '../flight.ts';
import type { Job } from '../scheduler.ts';

/**
 * One batch request: the flights of up to `ORDERS_BATCH_SIZE` numbers from one session, sent together.
 * To the scheduler it is one job (one permit, one token of the rate cap, one turn of its session);
 * each flight still settles its own waiters, so dedup, the cache and early stop work per number.
 */
export class BatchJob implements Job {
  /** Attempt of this lineage: 1 for a batch's first request; halves of a failed batch count on. */
  attempt = 0;
  /** The request on the wire, aborted only when hung (undici's timeout) or when the checker closes. */
  request: { abort(): void } | undefined;
  permit: Permit | undefined;
  /** `performance.now()` when the request was sent. */
  startedAt = 0;
  /** Requests in flight when it was sent (for the limiter). */
  sentInFlight = 0;

  constructor(
    readonly flights: readonly Flight[],
    private readonly starter: (job: BatchJob, permit: Permit) => void,
  ) {}

  start(permit: Permit): void {
    this.starter(this, permit);
  }
}
