import type { Job } from './scheduler.ts';
import type { CheckResult } from './result.ts';
import type { CheckSession } from './session.ts';

/** One caller waiting for the answer about one number. */
export interface Waiter {
  readonly session: CheckSession;
  readonly phone: string;
  flight: Flight | undefined;
  /** Set for promise-style checks; run-style waiters report through their session's callback. */
  resolve: ((result: CheckResult) => void) | undefined;
}

/**
 * The single in-progress check of one number, shared by every waiter asking about it (de-duplication).
 * It is queued in its owner session's queue, so it takes that session's fair share of the bound.
 */
export class Flight implements Job {
  waiters: Waiter[] = [];
  state: 'queued' | 'running' | 'backoff' | 'done' = 'queued';
  attempt = 0;
  /** The attempt on the wire, to abort it when nobody waits any more. */
  request: { abort(): void } | undefined;
  /** `performance.now()` when the current attempt started. */
  startedAt = 0;
  backoffTimer: NodeJS.Timeout | undefined;
  /** The fleet's shared store was asked about this number (once per flight, or again after a lapsed claim). */
  consulted = false;
  /** This process holds the fleet-wide claim on the number: it must record or release it. */
  claimed = false;
  /** Aborts a wait for another instance's answer when nobody wants this flight any more. */
  waitAbort: AbortController | undefined;

  constructor(
    readonly phone: string,
    public owner: CheckSession,
    private readonly starter: (flight: Flight) => void,
  ) {}

  start(): void {
    this.starter(this);
  }
}

/** What a session needs from the checker. */
export interface CheckEngine {
  readonly closed: boolean;
  /** Answers from cache, joins a flight in progress, or returns a new flight for the session to queue. */
  attach(phone: string, waiter: Waiter): Flight | undefined;
  /** Takes a waiter off its flight and settles it with `result`; aborts the flight if nobody else waits. */
  detach(waiter: Waiter, result: CheckResult): void;
  /** Breaker gate at dispatch; false means the flight was failed fast. */
  admit(flight: Flight): boolean;
  /** The session has work ready (or its run can pull more). */
  notify(session: CheckSession): void;
  runStarted(session: CheckSession): void;
  runEnded(session: CheckSession): void;
}
