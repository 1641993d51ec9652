import type { RateGate } from '../checker/index.ts';
import type { RedisConnection } from './redis-connection.ts';
import type { RedisTraffic } from './redis-traffic.ts';

export interface FleetRateOptions {
  /** Requests per second for the whole fleet. */
  ratePerSecond: number;
  /** The bucket's size, i.e. the largest fleet-wide burst. */
  burst: number;
  traffic: RedisTraffic;
}

/**
 * `CHECK_RATE_LIMIT` for the whole fleet: a token bucket in Redis (scripts/takeRateTokens-1.lua), taken in blocks of about 50 ms of
 * rate (at least one), so Redis sees one call per block, not per request. Tokens not spent within a
 * second are dropped rather than banked, so a quiet instance cannot burst above the fleet's rate later.
 * Same shape as the local `TokenBucket` (`ready`, `take`, `msUntilReady`), so the scheduler takes either.
 *
 * Redis unreachable: no tokens are granted (checks wait, nothing exceeds the rate), and the scheduler
 * retries after `msUntilReady`.
 */
export class FleetRate implements RateGate {
  private tokens = 0;
  private tokensAt = 0;
  private waitUntil = 0;
  private fetching = false;
  private readonly block: number;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: FleetRateOptions,
  ) {
    this.block = Math.max(1, Math.min(options.burst, Math.round(options.ratePerSecond / 20)));
  }

  ready(now: number): boolean {
    if (this.tokens >= 1 && now - this.tokensAt > 1000) this.tokens = 0;
    if (this.tokens >= 1) return true;
    if (now >= this.waitUntil) this.fetch();
    return false;
  }

  take(): void {
    this.tokens -= 1;
  }

  msUntilReady(now: number): number {
    return this.tokens >= 1 ? 0 : Math.max(1, Math.ceil(this.waitUntil - now), 5);
  }

  private fetch(): void {
    if (this.fetching) return;
    this.fetching = true;
    this.options.traffic.count('rate-take', 1);
    this.redis.scripts
      .takeRateTokens(this.options.ratePerSecond, this.options.burst, this.block)
      .then(
        ({ taken, waitMs }) => {
          const now = performance.now();
          this.tokens += taken;
          this.tokensAt = now;
          this.waitUntil = taken > 0 ? now : now + waitMs;
        },
        () => {
          this.waitUntil = performance.now() + 100;
        },
      )
      .finally(() => {
        this.fetching = false;
      });
  }
}
