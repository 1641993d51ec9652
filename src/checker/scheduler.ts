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
 * The process-wide bound on requests in flight, shared fairly by every search: sources with work sit
 * in a ring and each dispatch takes one job from the next source in turn (round-robin), so a search
 * with 10,000 candidates cannot starve one with 200 started after it.
 */
export class FairScheduler {
  private readonly ring: JobSource[] = [];
  private readonly inRing = new Set<JobSource>();
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
   */
  constructor(
    private readonly limit: () => number,
    private readonly bucket?: TokenBucket,
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
    if (!this.inRing.has(source)) {
      this.inRing.add(source);
      this.ring.push(source);
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
    this.ring.length = 0;
    this.inRing.clear();
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
    // that work lands in the ring and this loop picks it up, instead of recursing.
    if (this.pumping || this.wakeTimer !== undefined) return;
    this.pumping = true;
    try {
      while (this.running < this.limit() && this.ring.length > 0) {
        const now = performance.now();
        if (now < this.resumeAt) return this.wakeAfter(this.resumeAt - now);
        if (this.bucket && !this.bucket.ready(now)) return this.wakeAfter(this.bucket.msUntilReady(now));
        const source = this.ring.shift() as JobSource;
        const job = source.pull();
        if (job === undefined) {
          this.inRing.delete(source);
          continue;
        }
        this.ring.push(source); // back of the ring: its next job waits for everyone else's turn
        this.bucket?.take();
        if (++this.running > this.peak) this.peak = this.running;
        job.start();
      }
    } finally {
      this.pumping = false;
    }
  }
}
