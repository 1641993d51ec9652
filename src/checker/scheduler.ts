import type { TokenBucket } from './token-bucket.ts';

/** One request to dispatch. `start` must eventually lead to exactly one `FairScheduler.release()`. */
export interface Job {
  start(): void;
}

/**
 * A queue of work owned by one search. The scheduler pulls from it only when a slot is free and it is
 * this source's turn, so a source can produce jobs lazily (e.g. from an iterator of candidates).
 */
export interface JobSource {
  /** The next job to dispatch, or undefined when the source has nothing ready right now. */
  pull(): Job | undefined;
}

/**
 * The process-wide bound on requests in flight, shared fairly by every search. Like a CFS run queue,
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
  private running = 0;
  private peak = 0;
  private pumping = false;
  /** Set while dispatching waits for the rate cap or a pause. */
  private wakeTimer: NodeJS.Timeout | undefined;
  /** No dispatch before this time (`performance.now()` clock): the service asked us to wait. */
  private resumeAt = 0;
  private closed = false;

  /**
   * @param limit current in-flight limit (read on every dispatch, so AIMD changes apply at once)
   * @param bucket optional requests-per-second cap
   * @param headStart dispatches a newly joined source may take ahead of those already running
   */
  constructor(
    private readonly limit: () => number,
    private readonly bucket?: TokenBucket,
    private readonly headStart = 0,
  ) {}

  get inFlight(): number {
    return this.running;
  }

  get peakInFlight(): number {
    return this.peak;
  }

  /** Tells the scheduler `source` may have work; cheap to call repeatedly. */
  notify(source: JobSource): void {
    if (this.closed) return;
    if (!this.isActive.has(source)) {
      const floor = this.active.length > 0 ? this.leastServed() - this.headStart : 0;
      this.served.set(source, Math.max(this.served.get(source) ?? 0, floor));
      this.isActive.add(source);
      this.active.push(source);
    }
    this.pump();
  }

  /** A started job finished (answer, failure or abort): frees its slot. */
  release(): void {
    this.running--;
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
    try {
      while (this.running < this.limit() && this.active.length > 0) {
        const now = performance.now();
        if (now < this.resumeAt) return this.wakeAfter(this.resumeAt - now);
        if (this.bucket && !this.bucket.ready(now)) return this.wakeAfter(this.bucket.msUntilReady(now));
        const at = this.nextSource();
        const source = this.active[at]!;
        const job = source.pull();
        if (job === undefined) {
          this.active.splice(at, 1);
          this.isActive.delete(source);
          continue;
        }
        this.served.set(source, this.served.get(source)! + 1);
        this.bucket?.take();
        if (++this.running > this.peak) this.peak = this.running;
        job.start();
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
