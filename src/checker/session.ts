import { CheckCancelledError } from './errors.ts';
import { Fifo } from './fifo.ts';
import type { CheckEngine, Flight, Waiter } from './flight.ts';
import { failure, type CheckResult } from './result.ts';
import type { Job, JobSource } from './scheduler.ts';

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
 * One search's share of the checker: its checks queue here and the shared scheduler takes them
 * round-robin with other sessions'. Cancelling drops everything queued, aborts requests nobody else
 * is waiting for, and stops retries.
 */
export class CheckSession implements JobSource {
  private readonly controller = new AbortController();
  private readonly queue = new Fifo<Flight>();
  private readonly retries = new Fifo<Flight>();
  private readonly waiters = new Set<Waiter>();
  private running: RunState | undefined;
  private readonly unlinkParent: (() => void) | undefined;
  /** HTTP requests sent for checks this session owned (attempts, retries included): a search's upstream cost. */
  requests = 0;

  constructor(
    private readonly engine: CheckEngine,
    parent?: AbortSignal,
  ) {
    if (parent?.aborted) this.controller.abort();
    else if (parent) {
      const onAbort = () => this.cancel();
      parent.addEventListener('abort', onAbort, { once: true });
      this.unlinkParent = () => parent.removeEventListener('abort', onAbort);
    }
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
    if (this.cancelled || this.engine.closed || signal?.aborted) return Promise.resolve(cancelledResult());
    return new Promise<CheckResult>((resolve) => {
      const waiter: Waiter = { session: this, phone, flight: undefined, resolve };
      if (signal) {
        const onAbort = () => this.engine.detach(waiter, cancelledResult());
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.resolve = (result) => {
          signal.removeEventListener('abort', onAbort);
          resolve(result);
        };
      }
      const flight = this.engine.attach(phone, waiter);
      if (flight) this.enqueue(flight);
    });
  }

  /**
   * Checks every number from `phones`, pulling the next one only when the scheduler has a free slot
   * for this session, so a 100,000-candidate tier never materialises 100,000 pending checks.
   * `onResult` is called once per number as answers arrive (not in input order); nothing is delivered
   * after the session is cancelled. Resolves when every number has been answered or the session is
   * cancelled; rejects only if the iterable or the callback throws (the session is cancelled first).
   */
  run(phones: Iterable<string>, onResult: RunCallback): Promise<RunSummary> {
    if (this.running) return Promise.reject(new Error('this session is already running an iterable'));
    if (this.cancelled || this.engine.closed) return Promise.resolve({ delivered: 0, stopped: false, cancelled: true });
    return new Promise<RunSummary>((resolve, reject) => {
      this.running = {
        iterator: phones[Symbol.iterator](),
        onResult,
        resolve,
        reject,
        pending: 0,
        delivered: 0,
        exhausted: false,
        stopped: false,
        error: undefined,
      };
      this.engine.runStarted(this);
      this.engine.notify(this);
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
    for (const waiter of [...this.waiters]) this.engine.detach(waiter, result);
    this.finishRun();
  }

  /** @internal Scheduler hook: next request for this session, in retry-first order. */
  pull(): Job | undefined {
    while (!this.cancelled) {
      const flight = this.retries.shift() ?? this.queue.shift() ?? this.pullCandidate();
      if (flight === undefined) return undefined;
      // A flight can be handed to another session (its owner cancelled) or finished while queued.
      if (flight.owner !== this || flight.state !== 'queued') continue;
      if (this.engine.admit(flight)) return flight;
    }
    return undefined;
  }

  /** @internal */
  enqueue(flight: Flight): void {
    this.queue.push(flight);
    this.engine.notify(this);
  }

  /** @internal Retries go ahead of new checks so started work finishes first. */
  enqueueRetry(flight: Flight): void {
    this.retries.push(flight);
    this.engine.notify(this);
  }

  /** @internal */
  track(waiter: Waiter): void {
    this.waiters.add(waiter);
  }

  /** @internal Delivers a waiter's final result; a second delivery (answer racing a cancel) is ignored. */
  settle(waiter: Waiter, result: CheckResult): void {
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
      const flight = this.engine.attach(step.value, {
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
    this.engine.runEnded(this);
    if (run.error !== undefined) run.reject(run.error);
    else run.resolve({ delivered: run.delivered, stopped: run.stopped, cancelled: this.cancelled });
  }
}

function cancelledResult(): CheckResult {
  return failure(new CheckCancelledError('check was cancelled'));
}
