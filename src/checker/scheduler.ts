import type { InFlightBudget, Permit } from './budget/in-flight-budget.ts';
import type { RateGate } from './token-bucket.ts';

/**
 * One request to dispatch. It owns `permit` from here on and must release it exactly when the order
 * service is done with the request (not when the caller stops waiting: see the budget's docblock).
 * A job may carry one number or, with a batch contract, several: it still takes one permit.
 */
export interface Job {
  start(permit: Permit): void;
}

/** What the searches of one scheduler want of its budget, for a budget shared with other processes. */
export interface SchedulerDemand {
  /**
   * The last dispatch round found the budget spent with sources still active: work is (most likely)
   * waiting for a permit. A source's emptiness is only learnt by pulling, which needs a permit, so
   * this can read true for one request's time after the last job went out.
   */
  readonly waiting: boolean;
  /**
   * Dispatches the active sources are still owed under their head start (every search's first
   * `headStart` dispatches, whether or not it had company here), each no more than the work it says
   * it has left. A budget shared with other processes claims these first, so a new search is served
   * first across the fleet too. (A number a fleet instance looks up in Redis first is dispatched
   * twice, so there the head start covers about half as many numbers.)
   */
  readonly headStart: number;
}

/**
 * A queue of work owned by one search. The scheduler pulls from it only when a slot is free and it is
 * this source's turn, so a source can produce jobs lazily (e.g. from an iterator of candidates).
 */
export interface JobSource {
  /** The next job to dispatch, or undefined when the source has nothing ready right now. */
  pull(): Job | undefined;
  /** How many jobs the source can still produce, when it knows (caps what it claims as head start). */
  backlog?(): number | undefined;
}

/**
 * The process-wide bound on requests in flight, shared fairly by every search. The bound itself is the
 * injected `InFlightBudget`'s (a permit per request); this class decides who gets the next permit. Like a CFS run queue,
 * each dispatch goes to the source (search) that has been served least so far, so searches of equal
 * standing interleave one request each, and a 10,000-candidate search cannot starve one with 200
 * started after it. A source that joins starts at the least-served level minus a head start of
 * `headStart` dispatches: a new city search gets the next freed slots first and is not made to wait
 * its turn behind a long-running nationwide one, yet cannot starve it for more than that head start.
 */
export class FairScheduler {
  /** Sources that may have work, in the order they joined (ties go to the earlier one). */
  private readonly active: JobSource[] = [];
  private readonly isActive = new Set<JobSource>();
  /** Dispatches each source has had (its "virtual runtime"); kept while it is briefly idle. */
  private readonly served = new WeakMap<JobSource, number>();
  /** Dispatches each source still has under its head start, counted from the first time it joined. */
  private readonly headStartLeft = new WeakMap<JobSource, number>();
  private peak = 0;
  private pumping = false;
  /** The last dispatch round stopped for want of a permit, with work left in the queues. */
  private waitingForPermit = false;
  /** Set while dispatching waits for the rate cap or a pause. */
  private wakeTimer: NodeJS.Timeout | undefined;
  /** No dispatch before this time (`performance.now()` clock): the service asked us to wait. */
  private resumeAt = 0;
  private closed = false;

  /**
   * @param budget grants a permit per request; its listener wakes the scheduler when one frees up
   * @param options.bucket optional requests-per-second cap
   * @param options.headStart dispatches a newly joined source may take ahead of those already running
   * @param options.cap a local ceiling below the budget's (read on every dispatch; e.g. 1 while the
   *   circuit breaker lets a single probe through)
   */
  constructor(
    private readonly budget: InFlightBudget,
    private readonly options: { bucket?: RateGate | undefined; headStart?: () => number; cap?: () => number } = {},
  ) {
    budget.onAvailable(() => this.pump());
    budget.watchDemand?.(() => this.demand());
  }

  get inFlight(): number {
    return this.budget.inFlight;
  }

  get peakInFlight(): number {
    return this.peak;
  }

  /** What the searches here want of the budget now (see `SchedulerDemand`). */
  demand(): SchedulerDemand {
    let headStart = 0;
    for (const source of this.active) {
      const left = this.headStartLeft.get(source) ?? 0;
      if (left > 0) headStart += Math.min(left, source.backlog?.() ?? left);
    }
    return { waiting: this.waitingForPermit, headStart };
  }

  /** Tells the scheduler `source` may have work; cheap to call repeatedly. */
  notify(source: JobSource): void {
    if (this.closed) return;
    if (!this.isActive.has(source)) {
      if (!this.headStartLeft.has(source)) this.headStartLeft.set(source, this.options.headStart?.() ?? 0);
      const floor = this.active.length > 0 ? this.leastServed() - (this.options.headStart?.() ?? 0) : 0;
      this.served.set(source, Math.max(this.served.get(source) ?? 0, floor));
      this.isActive.add(source);
      this.active.push(source);
    }
    this.pump();
  }

  /**
   * Holds every new dispatch until `until` (a 429 or 503 with Retry-After speaks for the whole
   * service, not for one request). Requests already in flight are not touched.
   */
  pauseUntil(until: number): void {
    if (until <= this.resumeAt) return;
    this.resumeAt = until;
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    this.pump();
  }

  close(): void {
    this.closed = true;
    this.active.length = 0;
    this.isActive.clear();
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
  }

  private wakeAfter(ms: number): void {
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.pump();
    }, ms);
  }

  private pump(): void {
    // Pulling can settle checks synchronously (cache hits, fail-fast) whose callbacks submit more work;
    // that work lands in the queue and this loop picks it up, instead of recursing.
    if (this.pumping || this.wakeTimer !== undefined) return;
    this.pumping = true;
    this.waitingForPermit = false;
    try {
      const { bucket, cap } = this.options;
      while (this.active.length > 0 && (cap === undefined || this.budget.inFlight < cap())) {
        const now = performance.now();
        if (now < this.resumeAt) return this.wakeAfter(this.resumeAt - now);
        if (bucket && !bucket.ready(now)) return this.wakeAfter(bucket.msUntilReady(now));
        // The permit comes first: pulling may materialise a candidate, which should wait in its
        // iterator, not in a queue, while the budget is spent.
        const permit = this.budget.tryAcquire(now);
        if (permit === undefined) {
          this.waitingForPermit = true;
          return; // the budget's listener pumps again when a permit frees up
        }
        const at = this.nextSource();
        const source = this.active[at]!;
        const job = source.pull();
        if (job === undefined) {
          this.active.splice(at, 1);
          this.isActive.delete(source);
          permit.release();
          continue;
        }
        this.served.set(source, this.served.get(source)! + 1);
        const left = this.headStartLeft.get(source)!;
        if (left > 0) this.headStartLeft.set(source, left - 1);
        bucket?.take();
        if (this.budget.inFlight > this.peak) this.peak = this.budget.inFlight;
        job.start(permit);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Index of the least-served active source; the earliest joined wins a tie. */
  private nextSource(): number {
    let best = 0;
    let bestServed = this.served.get(this.active[0]!)!;
    for (let i = 1; i < this.active.length; i++) {
      const served = this.served.get(this.active[i]!)!;
      if (served < bestServed) {
        best = i;
        bestServed = served;
      }
    }
    return best;
  }

  private leastServed(): number {
    return this.served.get(this.active[this.nextSource()]!)!;
  }
}
