import type { Permit } from './budget/in-flight-budget.ts';
import type { Flight } from './flight.ts';
import type { Job } from './scheduler.ts';

/** Where a request goes once the scheduler gives it a permit: the shared-answer step, then dispatch. */
export type RequestStarter = (request: OrderRequest, permit: Permit) => void;

/**
 * One request to the order service: one number under the per-number contract, up to `ORDERS_BATCH_SIZE`
 * numbers of one session under the batch contract. To the scheduler it is one job (one permit, one
 * token of the rate cap, one turn of its session); each flight still settles its own waiters, so
 * dedup, the cache and early stop work per number.
 */
export class OrderRequest implements Job {
  /** 1 for a number's first request; a retry (or a half of a failed batch) counts on. */
  readonly attempt: number;
  /** Leave to be at the order service, from dispatch until the service is done with the request. */
  permit: Permit | undefined;
  /** `performance.now()` when the request was sent. */
  startedAt = 0;
  /** Requests in flight when it was sent (for the limiter). */
  sentInFlight = 0;

  constructor(
    readonly flights: readonly Flight[],
    private readonly starter: RequestStarter,
  ) {
    let attempt = 0;
    for (const flight of flights) attempt = Math.max(attempt, flight.attempt);
    this.attempt = attempt + 1;
  }

  start(permit: Permit): void {
    this.starter(this, permit);
  }
}
