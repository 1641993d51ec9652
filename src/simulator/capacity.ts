/**
 * The simulated order service's capacity: `workers` requests are worked on at once, up to `queue` more
 * wait for a worker, and any beyond that are refused at once (429 or 503), as a real service behind a
 * bounded thread pool does. Time in the queue adds to the reply latency, so the client sees its load
 * in the round trip. Without `workers` the simulator has no capacity limit (every request is worked on
 * at once), as before this model existed.
 */
export interface CapacityOptions {
  /** Requests worked on at once; undefined = unlimited. */
  workers?: number;
  /** Requests waiting for a worker before the service refuses more. @default 0 */
  queue?: number;
  /** Status of a refusal when the queue is full. @default 429 */
  overloadStatus?: 429 | 503;
}

export interface CapacityStats {
  workers: number | undefined;
  queueSize: number;
  working: number;
  queued: number;
  peakWorking: number;
  peakQueued: number;
  /** Requests refused because the queue was full. */
  refused: number;
}

/** A unit of work waiting for or holding a worker. */
export interface Work {
  /** Called when a worker takes it. */
  readonly begin: () => void;
  queued: boolean;
}

export class Capacity {
  private options: Required<Omit<CapacityOptions, 'workers'>> & { workers: number | undefined };
  private working = 0;
  private readonly waiting: Work[] = [];
  private peakWorking = 0;
  private peakQueued = 0;
  private refused = 0;

  constructor(options: CapacityOptions = {}) {
    this.options = resolve(options);
  }

  get overloadStatus(): 429 | 503 {
    return this.options.overloadStatus;
  }

  /** Changes the capacity at run time; more workers take queued work at once. */
  set(options: CapacityOptions): void {
    this.options = resolve({ ...this.options, ...options });
    this.drain();
  }

  /** Starts `work` now, queues it, or returns false when the queue is full (refuse it). */
  admit(work: Work): boolean {
    const { workers, queue } = this.options;
    if (workers === undefined || this.working < workers) {
      this.take(work);
      return true;
    }
    if (this.waiting.length >= queue) {
      this.refused++;
      return false;
    }
    work.queued = true;
    this.waiting.push(work);
    if (this.waiting.length > this.peakQueued) this.peakQueued = this.waiting.length;
    return true;
  }

  /** A worker finished its work (or its request went away while worked on). */
  finish(): void {
    this.working--;
    this.drain();
  }

  /** Work whose client went away while it waited leaves the queue without taking a worker. */
  withdraw(work: Work): void {
    const i = this.waiting.indexOf(work);
    if (i !== -1) this.waiting.splice(i, 1);
    work.queued = false;
  }

  stats(): CapacityStats {
    return {
      workers: this.options.workers,
      queueSize: this.options.queue,
      working: this.working,
      queued: this.waiting.length,
      peakWorking: this.peakWorking,
      peakQueued: this.peakQueued,
      refused: this.refused,
    };
  }

  resetStats(): void {
    this.peakWorking = this.working;
    this.peakQueued = this.waiting.length;
    this.refused = 0;
  }

  private take(work: Work): void {
    work.queued = false;
    if (++this.working > this.peakWorking) this.peakWorking = this.working;
    work.begin();
  }

  private drain(): void {
    const { workers } = this.options;
    while (this.waiting.length > 0 && (workers === undefined || this.working < workers))
      this.take(this.waiting.shift()!);
  }
}

function resolve(
  options: CapacityOptions,
): Required<Omit<CapacityOptions, 'workers'>> & { workers: number | undefined } {
  const { workers, queue = 0, overloadStatus = 429 } = options;
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1))
    throw new RangeError('workers must be a positive integer');
  if (!(Number.isInteger(queue) && queue >= 0)) throw new RangeError('queue must be a non-negative integer');
  if (overloadStatus !== 429 && overloadStatus !== 503) throw new RangeError('overloadStatus must be 429 or 503');
  return { workers, queue, overloadStatus };
}
