import type { Logger } from '../log/logger.ts';
import { HttpStatusError, type CheckError } from './errors.ts';
import type { FairScheduler } from './scheduler.ts';
import type { SharedPause } from './shared-pause.ts';

/**
 * A 429 or 503 with Retry-After asks every client to wait, not just the request that heard it: no new
 * dispatch here, nor (in a fleet) on the other instances, until it has passed.
 */
export class ServicePause {
  constructor(
    private readonly scheduler: FairScheduler,
    private readonly shared: SharedPause | undefined,
    private readonly retryAfterMaxMs: number,
    private readonly log: Logger,
  ) {
    shared?.onPause((ms) => {
      // Capped as our own Retry-After would be: another instance's configuration may differ.
      const wait = Math.min(ms, this.retryAfterMaxMs);
      this.log.info({ retryAfterMs: wait }, 'another instance was asked to wait (Retry-After); pausing new checks');
      this.scheduler.pauseUntil(performance.now() + wait);
    });
  }

  /** Pauses dispatch if `err` asked for it; returns the reply's Retry-After, if any (it replaces the backoff). */
  afterFailure(err: CheckError, now: number): number | undefined {
    if (!(err instanceof HttpStatusError)) return undefined;
    const { status, retryAfterMs } = err;
    if (retryAfterMs === undefined || (status !== 429 && status !== 503)) return retryAfterMs;
    this.scheduler.pauseUntil(now + retryAfterMs);
    if (retryAfterMs > 0) this.shared?.announce(retryAfterMs);
    this.log.warn({ status, retryAfterMs }, 'order service asked to wait (Retry-After); pausing new checks');
    return retryAfterMs;
  }
}
