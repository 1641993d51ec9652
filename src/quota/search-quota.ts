import { randomUUID } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { SearchRateLimitError, TooManySearchesError } from './quota-errors.ts';

export interface SearchQuotaOptions {
  /** Searches one key may run at once. */
  inFlight: number;
  /** Searches one key may start per minute. */
  perMinute: number;
  /**
   * Shared stores (the fleet's Redis) that count for every instance; this process's memory otherwise,
   * and also whenever the shared running count answers `unavailable`.
   */
  shared?: { perMinute: RateLimiterAbstract; running: RunningSearchCounter };
}

/** Searches running per key, counted outside this process. */
export interface RunningSearchCounter {
  /** Counts `ticket` as running for `keyId` if fewer than `limit` run; `unavailable` when it cannot tell. */
  tryStart(keyId: string, ticket: string, limit: number): Promise<boolean | 'unavailable'>;
  end(keyId: string, ticket: string): void;
}

/**
 * Per-API-key admission of searches, applied where a search starts (matchPhone, matchPhoneEvents):
 * at most `inFlight` running at once (else TOO_MANY_SEARCHES) and `perMinute` started per rolling
 * minute (else RATE_LIMITED). Both refusals are named errors (quota-errors.ts) that say when to retry.
 */
export class SearchQuota {
  private readonly running = new Map<string, number>();
  private readonly perMinute: RateLimiterAbstract;

  constructor(readonly options: SearchQuotaOptions) {
    this.perMinute =
      options.shared?.perMinute ??
      new RateLimiterMemory({ keyPrefix: 'searches', points: options.perMinute, duration: 60 });
  }

  /**
   * Admits a search for `keyId` or throws a SearchQuotaError; call the returned function when the
   * search ends (later calls do nothing).
   */
  async acquire(keyId: string): Promise<() => void> {
    const running = this.running.get(keyId) ?? 0;
    // Taken before the await so concurrent admissions cannot both pass the in-flight check.
    this.running.set(keyId, running + 1);
    let released = false;
    let sharedTicket: string | undefined;
    const release = () => {
      if (released) return;
      released = true;
      const now = (this.running.get(keyId) ?? 1) - 1;
      if (now <= 0) this.running.delete(keyId);
      else this.running.set(keyId, now);
      if (sharedTicket !== undefined) this.options.shared?.running.end(keyId, sharedTicket);
    };
    const shared = this.options.shared?.running;
    let admitted = running < this.options.inFlight;
    if (shared) {
      const ticket = randomUUID();
      const verdict = await shared.tryStart(keyId, ticket, this.options.inFlight);
      if (verdict === true) sharedTicket = ticket;
      if (verdict !== 'unavailable') admitted = verdict;
    }
    if (!admitted) {
      release();
      throw new TooManySearchesError(this.options.inFlight);
    }
    try {
      await this.perMinute.consume(keyId);
    } catch (error) {
      release();
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new SearchRateLimitError(this.options.perMinute, retryAfterSeconds);
    }
    return release;
  }
}
