import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RunningSearchCounter } from '../quota/search-quota.ts';
import type { RedisConnection } from './redis-connection.ts';
import type { RedisTraffic } from './redis-traffic.ts';

/**
 * Admits one search into `quota:running:<key>` (a zset of search ids scored by lease expiry, on
 * Redis' clock) when fewer than ARGV[2] are live; an instance that died leaves entries that lapse.
 */
const START = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1`;

export interface FleetQuotaOptions {
  perMinute: number;
  /** How long a running search counts against its key if its instance dies without ending it. */
  runningLeaseMs: number;
  traffic: RedisTraffic;
}

/**
 * Per-key quotas for the whole fleet: searches per minute with rate-limiter-flexible's Redis limiter,
 * searches running at once with a lease set. When Redis is unreachable, both fall back to this
 * instance's memory (rate-limiter-flexible's insurance limiter; the local running count): searches go
 * on, limited per instance instead of per fleet, until Redis answers again. Refusing every search
 * during a Redis blip would hurt more than a short-lived looser quota, and the order service stays
 * protected by the fleet budget, which fails safe on its own.
 */
export function fleetQuotaStores(
  redis: RedisConnection,
  options: FleetQuotaOptions,
): { perMinute: RateLimiterAbstract; running: RunningSearchCounter } {
  const perMinute = new RateLimiterRedis({
    storeClient: redis.client,
    keyPrefix: 'quota:minute',
    points: options.perMinute,
    duration: 60,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: 'quota:minute', points: options.perMinute, duration: 60 }),
  });
  redis.client.defineCommand('pmQuotaStart', { numberOfKeys: 1, lua: START });
  const client = redis.client as unknown as { pmQuotaStart(...a: Array<string | number>): Promise<number> };
  const running: RunningSearchCounter = {
    async tryStart(keyId, ticket, limit) {
      options.traffic.count('quota', 1);
      if (!redis.reachable) return 'unavailable';
      try {
        return (await client.pmQuotaStart(`quota:running:${keyId}`, ticket, limit, options.runningLeaseMs)) === 1;
      } catch {
        return 'unavailable';
      }
    },
    end(keyId, ticket) {
      options.traffic.count('quota', 1);
      redis.client.zrem(`quota:running:${keyId}`, ticket).catch(() => {});
    },
  };
  return { perMinute, running };
}
