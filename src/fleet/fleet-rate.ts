import type { RateGate } from '../checker/index.ts';
import type { RedisConnection } from './redis-connection.ts';
import type { RedisTraffic } from './redis-traffic.ts';

/**
 * A token bucket in Redis (key `rate:bucket`, on Redis' clock): takes up to ARGV[3] tokens, refilling
 * at ARGV[1] per second up to ARGV[2]. Returns { tokens taken, ms until the next token }.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local rate, burst, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(b[1]), tonumber(b[2])
if tokens == nil then tokens, at = burst, now end
if now > at then tokens = math.min(burst, tokens + (now - at) * rate / 1000) end
local take = math.min(want, math.floor(tokens))
tokens = tokens - take
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) * 1000 / rate) end
return { take, wait }`;

export interface FleetRateOptions {
  /** Requests per second for the whole fleet. */
  ratePerSecond: number;
  /** The bucket's size, i.e. the largest fleet-wide burst. */
  burst: number;
  traffic: RedisTraffic;
}

/**
 * `CHECK_RATE_LIMIT` for the whole fleet: a token bucket in Redis, taken in blocks of about 50 ms of
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
    redis.client.defineCommand('pmRateTake', { numberOfKeys: 1, lua: TAKE });
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
    (this.redis.client as unknown as { pmRateTake(...a: Array<string | number>): Promise<[number, number]> })
      .pmRateTake('rate:bucket', this.options.ratePerSecond, this.options.burst, this.block)
      .then(
        ([taken, waitMs]) => {
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
