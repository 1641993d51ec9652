import type { SchedulerDemand } from '../scheduler.ts';
import type { RequestSample } from '../limiter/limiter.ts';

/**
 * The seam between the scheduler and whoever decides how many requests may be at the order service.
 *
 * The scheduler never counts slots itself: before it sends a request it asks the budget for a permit,
 * and the request carries that permit until the order service is done with it (answer, timeout, or a
 * later release for a request that may still be worked on). The budget may say no; it then calls the
 * listener registered with `onAvailable` when a permit may be free again, and the scheduler retries.
 *
 * - `LocalBudget` (this process): permits up to a `ConcurrencyLimiter`'s limit, fed by the samples.
 * - A fleet-wide budget (several processes sharing one order service, e.g. a count on Redis) implements
 *   the same interface. `tryAcquire` stays synchronous so dispatch stays on the hot path without a
 *   round trip: such a budget keeps a local lease of permits it obtained asynchronously, grants from
 *   the lease, and calls the `onAvailable` listener when the lease grows. It may feed samples to a
 *   local limiter and publish the limit, or to a shared one.
 *
 * One permit is one request at the order service, whatever it carries: the per-number contract sends
 * one number per request, a batch request sends N (`RequestSample.size`), and still takes one permit,
 * because the bound the operator cares about is requests the service works on at once.
 */
export interface InFlightBudget {
  /** The limit in force for this process (for stats and metrics). */
  readonly limit: number;
  /** The bound for every process sharing the service together, when the budget is shared (a fleet's). */
  readonly sharedLimit?: number;
  /** Permits held now by this process. */
  readonly inFlight: number;
  /** A permit for one request now, or undefined when the budget is spent. */
  tryAcquire(now: number): Permit | undefined;
  /** Registers the single wake-up called whenever `tryAcquire` may succeed again. */
  onAvailable(listener: () => void): void;
  /**
   * Gives a budget shared with other processes a way to read what this process's searches want
   * (work waiting; dispatches owed to new searches' head start), so it keeps asking the others for its
   * share and claims new searches' first. A budget of this process alone has no use for it.
   */
  watchDemand?(read: () => SchedulerDemand): void;
}

/** Where a permit reports the end of its request: the budget that granted it. */
export interface RequestEnds {
  /** Reports how the request ended (feeds the limiter); at most once, before or after `release`. */
  observe(sample: RequestSample, now: number): void;
  /** The order service is no longer working on the request: frees the slot. Idempotent. */
  release(): void;
}

/** Leave to keep one request at the order service. */
export interface Permit extends RequestEnds {
  /**
   * Whether a request not sent yet may still go out on this permit. A permit is taken just before its
   * request is sent; one held across a wait (a lookup in the fleet's shared answers) may outlive the
   * grant it came from meanwhile (a fleet lease that ran out while the process was frozen), and its
   * request must then wait for a new one, or the bound would count it twice.
   */
  readonly usable: boolean;
}

/**
 * A budget's permit bookkeeping: passes the first `observe` and the first `release` on to the budget
 * that granted it and ignores any later ones, so a budget sees each request end once.
 */
export class OncePermit implements Permit {
  private released = false;
  private observed = false;

  /**
   * @param budget what the permit reports to: the budget that granted it.
   * @param granted whether the grant the permit came from is still in force (a budget of this process alone: always).
   */
  constructor(
    private readonly budget: RequestEnds,
    private readonly granted: () => boolean = () => true,
  ) {}

  get usable(): boolean {
    return !this.released && this.granted();
  }

  observe(sample: RequestSample, now: number): void {
    if (this.observed) return;
    this.observed = true;
    this.budget.observe(sample, now);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.budget.release();
  }
}
