import type { CheckResult } from './result.ts';
import type { SessionState } from './session.ts';

/** One caller waiting for the answer about one number. */
export interface Waiter {
  /** The session the caller asked in: its result is delivered there. */
  readonly owner: SessionState;
  readonly phone: string;
  flight: Flight | undefined;
  /** Set for promise-style checks; run-style waiters report through their session's run callback. */
  resolve: ((result: CheckResult) => void) | undefined;
}

/**
 * The single in-progress check of one number, shared by every waiter asking about it (de-duplication).
 * It is queued in its owner session's queue, so it takes that session's fair share of the bound.
 * A running flight whose waiters all left stays running (an orphan) until the order service answers:
 * its request is the service's real load, and its answer still fills the cache.
 */
export class Flight {
  waiters: Waiter[] = [];
  state: 'queued' | 'running' | 'backoff' | 'done' = 'queued';
  /** Requests sent for this number so far (1 while its first is out). */
  attempt = 0;
  /**
   * Batch contract: the most numbers a batch carrying this one may hold. A batch that failed is
   * halved, and each half's numbers keep to their half's size until answered (see retry/retry-policy.ts).
   */
  cap = Infinity;

  constructor(
    readonly phone: string,
    public owner: SessionState,
  ) {}
}
