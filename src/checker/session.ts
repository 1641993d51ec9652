import { Fifo } from './fifo.ts';
import type { Flight, Waiter } from './flight.ts';
import type { CheckResult } from './result.ts';
import type { JobSource } from './scheduler.ts';

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

/**
 * The one way from a session to the checker that runs it: the session forwards its caller's requests
 * here and is otherwise passive. The checker (session-runner.ts) drives the session's state; it never
 * calls the session back.
 */
export interface SessionDriver {
  check(session: SessionState, phone: string, signal: AbortSignal | undefined): Promise<CheckResult>;
  run(
    session: SessionState,
    phones: Iterable<string>,
    onResult: RunCallback,
    size: number | undefined,
  ): Promise<RunSummary>;
  cancel(session: SessionState): void;
}

/** A run in progress: an iterable of numbers checked as slots free up. */
export interface RunState {
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

/** One search's share of the checker, as data: what it has queued, who waits, its run. Only the driver changes it. */
export class SessionState {
  readonly controller = new AbortController();
  /** New checks, in the order asked. */
  readonly queue = new Fifo<Flight>();
  /** Checks to send again; they go ahead of new ones so started work finishes first. */
  readonly retries = new Fifo<Flight>();
  readonly waiters = new Set<Waiter>();
  running: RunState | undefined;
  unlinkParent: (() => void) | undefined;
  /** HTTP requests sent for checks this session owned (attempts, retries included). */
  requests = 0;

  /** @param source the scheduler's view of this session */
  constructor(readonly source: JobSource) {}

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }
}

/**
 * One search's share of the checker: its checks queue in it and the shared scheduler takes them,
 * least-served session first, with other sessions'. Cancelling drops everything queued, stops retries,
 * and settles every waiter at once; a request already at the order service is left to finish there
 * (it keeps its slot and socket, and its answer fills the cache), so a cancel never frees a slot the
 * service is still working on.
 */
export class CheckSession {
  constructor(
    private readonly driver: SessionDriver,
    private readonly state: SessionState,
  ) {}

  /** The state behind a session, for the checker that made it. */
  static stateOf(session: CheckSession): SessionState {
    return session.state;
  }

  /** HTTP requests sent for checks this session owned (attempts, retries included): a search's upstream cost. */
  get requests(): number {
    return this.state.requests;
  }

  /** Aborted when the session is cancelled. */
  get signal(): AbortSignal {
    return this.state.controller.signal;
  }

  get cancelled(): boolean {
    return this.state.cancelled;
  }

  /** Checks one number. Never rejects: cancellation resolves as a `cancelled` failure. */
  check(phone: string, options: { signal?: AbortSignal } = {}): Promise<CheckResult> {
    return this.driver.check(this.state, phone, options.signal);
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
    return this.driver.run(this.state, phones, onResult, options.size);
  }

  /** Cancels every queued and in-flight check of this session. Idempotent. */
  cancel(): void {
    this.driver.cancel(this.state);
  }
}
