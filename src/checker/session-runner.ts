import { CheckCancelledError } from './errors.ts';
import type { Fifo } from './fifo.ts';
import type { Flight, Waiter } from './flight.ts';
import type { FlightTable } from './flight-table.ts';
import { OrderRequest, type RequestStarter } from './order-request.ts';
import { failure, type CheckResult } from './result.ts';
import type { FairScheduler } from './scheduler.ts';
import { CheckSession, SessionState, type RunCallback, type RunSummary, type SessionDriver } from './session.ts';

export interface SessionRunnerParts {
  readonly flights: FlightTable;
  readonly scheduler: FairScheduler;
  /** Numbers per request: 1 under the per-number contract, else the batch size. */
  readonly batchSize: number;
  /** The breaker's gate for one request; false means its flights were failed fast. */
  admit(flights: readonly Flight[]): boolean;
  /** Where an admitted request goes when the scheduler gives it a permit. */
  readonly start: RequestStarter;
  isClosed(): boolean;
}

/**
 * Drives every session of one checker: takes their callers' checks and runs, fills and drains their
 * queues when the scheduler asks for a session's next request, and delivers results to their waiters
 * and run callbacks. Sessions hold the state; all the logic is here.
 */
export class SessionRunner implements SessionDriver {
  /** Sessions running an iterable (close() cancels them). */
  private readonly running = new Set<SessionState>();

  constructor(private readonly parts: SessionRunnerParts) {}

  /** A new session; aborting `signal` cancels it. */
  open(signal?: AbortSignal): CheckSession {
    const state: SessionState = new SessionState({ pull: () => this.pull(state), backlog: () => this.backlog(state) });
    if (signal?.aborted) state.controller.abort();
    else if (signal) {
      const onAbort = () => this.cancel(state);
      signal.addEventListener('abort', onAbort, { once: true });
      state.unlinkParent = () => signal.removeEventListener('abort', onAbort);
    }
    return new CheckSession(this, state);
  }

  check(session: SessionState, phone: string, signal: AbortSignal | undefined): Promise<CheckResult> {
    if (session.cancelled || this.parts.isClosed() || signal?.aborted) return Promise.resolve(cancelledResult());
    return new Promise<CheckResult>((resolve) => {
      const waiter: Waiter = { owner: session, phone, flight: undefined, resolve };
      if (signal) {
        const onAbort = () => this.parts.flights.detach(waiter, cancelledResult());
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.resolve = (result) => {
          signal.removeEventListener('abort', onAbort);
          resolve(result);
        };
      }
      session.waiters.add(waiter);
      const flight = this.parts.flights.attach(waiter);
      if (flight) this.enqueue(flight);
    });
  }

  run(
    session: SessionState,
    phones: Iterable<string>,
    onResult: RunCallback,
    size: number | undefined,
  ): Promise<RunSummary> {
    if (session.running) return Promise.reject(new Error('this session is already running an iterable'));
    if (session.cancelled || this.parts.isClosed())
      return Promise.resolve({ delivered: 0, stopped: false, cancelled: true });
    return new Promise<RunSummary>((resolve, reject) => {
      session.running = {
        iterator: phones[Symbol.iterator](),
        size,
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
      this.running.add(session);
      this.parts.scheduler.notify(session.source);
    });
  }

  /** Cancels every queued and in-flight check of the session. Idempotent. */
  cancel(session: SessionState): void {
    if (session.cancelled) return;
    session.controller.abort();
    session.unlinkParent?.();
    session.queue.clear();
    session.retries.clear();
    const result = cancelledResult();
    for (const waiter of [...session.waiters]) this.parts.flights.detach(waiter, result);
    this.finishRun(session);
  }

  /** Cancels every session running an iterable (the checker is closing). */
  cancelAll(): void {
    for (const session of [...this.running]) this.cancel(session);
  }

  /** Queues a new check in its owner session. */
  enqueue(flight: Flight): void {
    flight.owner.queue.push(flight);
    this.parts.scheduler.notify(flight.owner.source);
  }

  /**
   * Queues checks to send again in their owner sessions' retry queues, ahead of new checks. The flights
   * of one retried batch come in one call, so they are all queued before the scheduler pulls and leave together.
   */
  requeue(flights: Flight[]): void {
    for (const flight of flights) flight.owner.retries.push(flight);
    let told: SessionState | undefined;
    for (const { owner } of flights) if (owner !== told) this.parts.scheduler.notify((told = owner).source);
  }

  /** Delivers a waiter's final result; a second delivery (answer racing a cancel) is ignored. */
  settle(waiter: Waiter, result: CheckResult): void {
    const session = waiter.owner;
    if (!session.waiters.delete(waiter)) return;
    if (waiter.resolve) return waiter.resolve(result);
    const run = session.running;
    if (!run) return;
    run.pending--;
    if (!session.cancelled) {
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
        this.cancel(session);
        return;
      }
    }
    this.maybeFinishRun(session);
  }

  /**
   * Scheduler hook: the requests the session may still send (for its queued, retried, and not yet
   * pulled numbers), or undefined when its run did not say how many it holds.
   */
  private backlog(session: SessionState): number | undefined {
    const run = session.running;
    const unpulled =
      !run || run.exhausted ? 0 : run.size === undefined ? undefined : Math.max(0, run.size - run.pulled);
    if (unpulled === undefined) return undefined;
    // A request carries up to `batchSize` numbers (retries ride only with retries).
    const size = this.parts.batchSize;
    return Math.ceil(session.retries.length / size) + Math.ceil((session.queue.length + unpulled) / size);
  }

  /**
   * Scheduler hook: the session's next request, up to `batchSize` numbers, taken from what is ready now
   * (no waiting for a batch to fill), retries first. Retries ride only with retries, so a failing half
   * never drags fresh numbers along, and no number rides in a batch bigger than its `cap` (the half
   * it was split into).
   */
  private pull(session: SessionState): OrderRequest | undefined {
    while (!session.cancelled) {
      const picked = new Set<Flight>();
      const limit = this.takeFrom(session, session.retries, picked, this.parts.batchSize);
      if (picked.size === 0) {
        this.takeFrom(session, session.queue, picked, limit);
        while (picked.size < limit) {
          const flight = this.pullCandidate(session);
          if (flight === undefined) break;
          picked.add(flight);
        }
      }
      if (picked.size === 0) return undefined;
      // Materialising candidates settles cache hits, and a callback may stop the run meanwhile.
      const flights = [...picked].filter((f) => f.owner === session && f.state === 'queued');
      if (session.cancelled) return undefined;
      if (flights.length === 0) continue;
      if (this.parts.admit(flights)) return new OrderRequest(flights, this.parts.start);
    }
    return undefined;
  }

  /** Moves ready flights from `queue` into `picked`, up to `limit` and their caps; returns the limit left in force. */
  private takeFrom(session: SessionState, queue: Fifo<Flight>, picked: Set<Flight>, limit: number): number {
    while (picked.size < limit) {
      const next = queue.peek();
      if (next === undefined) break;
      // A flight can be handed to another session (its owner cancelled) or finished while queued.
      if (next.owner !== session || next.state !== 'queued' || picked.has(next)) {
        queue.shift();
        continue;
      }
      if (next.cap <= picked.size) break; // it waits for the next batch, which it can lead
      queue.shift();
      picked.add(next);
      limit = Math.min(limit, next.cap);
    }
    return limit;
  }

  private pullCandidate(session: SessionState): Flight | undefined {
    const run = session.running;
    while (run && !run.exhausted && !session.cancelled) {
      let step: IteratorResult<string>;
      try {
        step = run.iterator.next();
      } catch (err) {
        run.error = err;
        this.cancel(session);
        return undefined;
      }
      if (step.done) {
        run.exhausted = true;
        this.maybeFinishRun(session);
        return undefined;
      }
      run.pending++;
      run.pulled++;
      const waiter: Waiter = { owner: session, phone: step.value, flight: undefined, resolve: undefined };
      session.waiters.add(waiter);
      const flight = this.parts.flights.attach(waiter);
      if (flight) return flight;
    }
    return undefined;
  }

  private maybeFinishRun(session: SessionState): void {
    const run = session.running;
    if (run && run.exhausted && run.pending === 0) this.finishRun(session);
  }

  private finishRun(session: SessionState): void {
    const run = session.running;
    if (!run) return;
    session.running = undefined;
    this.running.delete(session);
    if (run.error !== undefined) run.reject(run.error);
    else run.resolve({ delivered: run.delivered, stopped: run.stopped, cancelled: session.cancelled });
  }
}

function cancelledResult(): CheckResult {
  return failure(new CheckCancelledError('check was cancelled'));
}
