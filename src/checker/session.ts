import { CheckCancelledError } from './errors.ts';
import { Fifo } from './fifo.ts';
import type { Flight, FlightOwner, Waiter } from './flight.ts';
import { failure, type CheckResult } from './result.ts';
import type { Job, JobSource } from './scheduler.ts';
import { kCountRequest, kEnqueue, kEnqueueRetry, kJobs, kSettle, kTrack } from './symbols.ts';

/**
 * What a session needs from the checker that owns it (handed over privately by `OrderChecker.session()`),
 * as `FlightOwner` is what a flight needs from its session.
 */
export interface SessionOwner {
  isClosed(): boolean;
  /** Answers from cache, joins a flight in progress, or returns a new flight for the session to queue. */
  attach(phone: string, waiter: Waiter): Flight | undefined;
  /** Takes a waiter off its flight and settles it with `result`; a flight nobody waits for any more stops. */
  detach(waiter: Waiter, result: CheckResult): void;
  /** Breaker gate at dispatch; false means the flight was failed fast. */
  admit(flight: Flight): boolean;
  /** Numbers per batch request under the batch contract; 0 under the per-number contract. */
  batchSize(): number;
  /** Batch contract: the breaker gate, then the job for these flights; undefined when failed fast. */
  admitBatch(flights: Flight[]): Job | undefined;
  /** The session has work ready (or its run can pull more). */
  notify(session: CheckSession): void;
  runStarted(session: CheckSession): void;
  runEnded(session: CheckSession): void;
}

/** Return `'stop'` from a run callback to end the run early (e.g. at the first match). */
export type RunCallback = (phone: string, result: CheckResult) => void | 'stop';

export interface RunSummary {
  /** Results handed to the callback. */
  readonly delivered: number;
  /** The callback returned `'stop'`. */
  readonly stopped: boolean;
  /** The session was cancelled (by `cancel()`, its signal, `'stop'` or `checker.close()`). */
  readonly cancelled: boolean;
}

interface RunState {
  readonly iterator: Iterator<string>;
  /** How many numbers the iterable holds, when the caller knows. */
  readonly size: number | undefined;
  /** Numbers taken from the iterator so far. */
  pulled: number;
  readonly onResult: RunCallback;
  readonly resolve: (summary: RunSummary) => void;
  readonly reject: (err: unknown) => void;
  pending: number;
  delivered: number;
  exhausted: boolean;
  stopped: boolean;
  error: unknown;
}

/**
 * One search's share of the checker: its checks queue here and the shared scheduler takes them,
 * least-served session first, with other sessions'. Cancelling drops everything queued, stops retries,
 * and settles every waiter at once; a request already at the order service is left to finish there
 * (it keeps its slot and socket, and its answer fills the cache), so a cancel never frees a slot the
 * service is still working on.
 */
export class CheckSession implements FlightOwner {
  private readonly controller = new AbortController();
  private readonly queue = new Fifo<Flight>();
  private readonly retries = new Fifo<Flight>();
  private readonly waiters = new Set<Waiter>();
  private running: RunState | undefined;
  private readonly unlinkParent: (() => void) | undefined;
  private sent = 0;
  /** The scheduler's view of this session. */
  readonly [kJobs]: JobSource = { pull: () => this.pull(), backlog: () => this.backlog() };

  constructor(
    private readonly owner: SessionOwner,
    parent?: AbortSignal,
  ) {
    if (parent?.aborted) this.controller.abort();
    else if (parent) {
      const onAbort = () => this.cancel();
      parent.addEventListener('abort', onAbort, { once: true });
      this.unlinkParent = () => parent.removeEventListener('abort', onAbort);
    }
  }

  /** HTTP requests sent for checks this session owned (attempts, retries included): a search's upstream cost. */
  get requests(): number {
    return this.sent;
  }

  /** Aborted when the session is cancelled. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** Checks one number. Never rejects: cancellation resolves as a `cancelled` failure. */
  check(phone: string, options: { signal?: AbortSignal } = {}): Promise<CheckResult> {
    const { signal } = options;
    if (this.cancelled || this.owner.isClosed() || signal?.aborted) return Promise.resolve(cancelledResult());
    return new Promise<CheckResult>((resolve) => {
      const waiter: Waiter = { session: this, phone, flight: undefined, resolve };
      if (signal) {
        const onAbort = () => this.owner.detach(waiter, cancelledResult());
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.resolve = (result) => {
          signal.removeEventListener('abort', onAbort);
          resolve(result);
        };
      }
      const flight = this.owner.attach(phone, waiter);
      if (flight) this[kEnqueue](flight);
    });
  }

  /**
   * Checks every number from `phones` (`options.size` of them, when known: a fleet's budget then claims
   * no more than that for a new search's head start), pulling the next one only when the scheduler has a free slot
   * for this session, so a 100,000-candidate tier never materialises 100,000 pending checks.
   * `onResult` is called once per number as answers arrive (not in input order); nothing is delivered
   * after the session is cancelled. Resolves when every number has been answered or the session is
   * cancelled; rejects only if the iterable or the callback throws (the session is cancelled first).
   */
  run(phones: Iterable<string>, onResult: RunCallback, options: { size?: number } = {}): Promise<RunSummary> {
    if (this.running) return Promise.reject(new Error('this session is already running an iterable'));
    if (this.cancelled || this.owner.isClosed())
      return Promise.resolve({ delivered: 0, stopped: false, cancelled: true });
    return new Promise<RunSummary>((resolve, reject) => {
      this.running = {
        iterator: phones[Symbol.iterator](),
        size: options.size,
        pulled: 0,
        onResult,
        resolve,
        reject,
        pending: 0,
        delivered: 0,
        exhausted: false,
        stopped: false,
        error: undefined,
      };
      this.owner.runStarted(this);
      this.owner.notify(this);
    });
  }

  /** Cancels every queued and in-flight check of this session. Idempotent. */
  cancel(): void {
    if (this.cancelled) return;
    this.controller.abort();
    this.unlinkParent?.();
    this.queue.clear();
    this.retries.clear();
    const result = cancelledResult();
    for (const waiter of [...this.waiters]) this.owner.detach(waiter, result);
    this.finishRun();
  }

  [kEnqueue](flight: Flight): void {
    this.queue.push(flight);
    this.owner.notify(this);
  }

  /**
   * Retries go ahead of new checks so started work finishes first. The flights of one retried batch
   * come in one call, so they are all queued before the scheduler pulls and leave together.
   */
  [kEnqueueRetry](...flights: Flight[]): void {
    for (const flight of flights) this.retries.push(flight);
    this.owner.notify(this);
  }

  [kTrack](waiter: Waiter): void {
    this.waiters.add(waiter);
  }

  [kCountRequest](): void {
    this.sent++;
  }

  /** Delivers a waiter's final result; a second delivery (answer racing a cancel) is ignored. */
  [kSettle](waiter: Waiter, result: CheckResult): void {
    if (!this.waiters.delete(waiter)) return;
    if (waiter.resolve) return waiter.resolve(result);
    const run = this.running;
    if (!run) return;
    run.pending--;
    if (!this.cancelled) {
      run.delivered++;
      let verdict: void | 'stop';
      try {
        verdict = run.onResult(waiter.phone, result);
      } catch (err) {
        run.error = err;
        verdict = 'stop';
      }
      if (verdict === 'stop') {
        run.stopped = run.error === undefined;
        this.cancel();
        return;
      }
    }
    this.maybeFinishRun();
  }

  /**
   * Scheduler hook: the requests this session may still send (for its queued, retried, and not yet
   * pulled numbers), or undefined when its run did not say how many it holds.
   */
  private backlog(): number | undefined {
    const run = this.running;
    const unpulled =
      !run || run.exhausted ? 0 : run.size === undefined ? undefined : Math.max(0, run.size - run.pulled);
    if (unpulled === undefined) return undefined;
    // Under the batch contract a request carries up to `size` numbers (retries ride only with retries).
    const size = this.owner.batchSize();
    if (size === 0) return this.queue.length + this.retries.length + unpulled;
    return Math.ceil(this.retries.length / size) + Math.ceil((this.queue.length + unpulled) / size);
  }

  /** Scheduler hook: next request for this session, in retry-first order. */
  private pull(): Job | undefined {
    const batchSize = this.owner.batchSize();
    if (batchSize > 0) return this.pullBatch(batchSize);
    while (!this.cancelled) {
      const flight = this.retries.shift() ?? this.queue.shift() ?? this.pullCandidate();
      if (flight === undefined) return undefined;
      // A flight can be handed to another session (its owner cancelled) or finished while queued.
      if (flight.owner !== this || flight.state !== 'queued') continue;
      if (this.owner.admit(flight)) return flight;
    }
    return undefined;
  }

  /**
   * Batch contract: the next batch request, up to `size` numbers, taken from what is ready now (no
   * waiting for a batch to fill). Retries ride only with retries, so a failing half never drags fresh
   * numbers along, and no number rides in a batch bigger than its `cap` (the half it was split into).
   */
  private pullBatch(size: number): Job | undefined {
    while (!this.cancelled) {
      const picked = new Set<Flight>();
      let limit = size;
      const takeFrom = (queue: Fifo<Flight>) => {
        while (picked.size < limit) {
          const next = queue.peek();
          if (next === undefined) return;
          if (next.owner !== this || next.state !== 'queued' || picked.has(next)) {
            queue.shift();
            continue;
          }
          if (next.cap <= picked.size) return; // it waits for the next batch, which it can lead
          queue.shift();
          picked.add(next);
          limit = Math.min(limit, next.cap);
        }
      };
      takeFrom(this.retries);
      if (picked.size === 0) {
        takeFrom(this.queue);
        while (picked.size < limit) {
          const flight = this.pullCandidate();
          if (flight === undefined) break;
          picked.add(flight);
        }
      }
      if (picked.size === 0) return undefined;
      // Materialising candidates settles cache hits, and a callback may stop the run meanwhile.
      const flights = [...picked].filter((f) => f.owner === this && f.state === 'queued');
      if (this.cancelled) return undefined;
      if (flights.length === 0) continue;
      const job = this.owner.admitBatch(flights);
      if (job) return job;
    }
    return undefined;
  }

  private pullCandidate(): Flight | undefined {
    const run = this.running;
    while (run && !run.exhausted && !this.cancelled) {
      let step: IteratorResult<string>;
      try {
        step = run.iterator.next();
      } catch (err) {
        run.error = err;
        this.cancel();
        return undefined;
      }
      if (step.done) {
        run.exhausted = true;
        this.maybeFinishRun();
        return undefined;
      }
      run.pending++;
      run.pulled++;
      const flight = this.owner.attach(step.value, {
        session: this,
        phone: step.value,
        flight: undefined,
        resolve: undefined,
      });
      if (flight) return flight;
    }
    return undefined;
  }

  private maybeFinishRun(): void {
    const run = this.running;
    if (run && run.exhausted && run.pending === 0) this.finishRun();
  }

  private finishRun(): void {
    const run = this.running;
    if (!run) return;
    this.running = undefined;
    this.owner.runEnded(this);
    if (run.error !== undefined) run.reject(run.error);
    else run.resolve({ delivered: run.delivered, stopped: run.stopped, cancelled: this.cancelled });
  }
}

function cancelledResult(): CheckResult {
  return failure(new CheckCancelledError('check was cancelled'));
}
