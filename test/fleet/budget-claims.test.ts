import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { FixedLimiter } from '../../src/checker/index.ts';
import { FleetBudget } from '../../src/fleet/fleet-budget.ts';
import { RedisConnection } from '../../src/fleet/redis-connection.ts';
import { RedisTraffic } from '../../src/fleet/redis-traffic.ts';
import { cleanKeys, testKeyPrefix, testRedisUrl } from '../support/redis.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The renewal script's head-start pass, on a real Redis: another instance's claim for a new search is
 * written by hand as that instance would write it, fresh or from a while ago, and a real FleetBudget
 * with a long-running search of its own renews beside it.
 */
describe('fleet budget: new searches are served first, while their instance is alive', () => {
  const LIMIT = 10;
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Writes instance `other` as wanting the whole limit, all of it for a new search, its claim `ageMs` old. */
  async function otherClaims(url: string, prefix: string, ageMs: number): Promise<void> {
    const redis = new Redis(url, { keyPrefix: prefix });
    cleanups.push(() => redis.quit());
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    await redis
      .multi()
      .zadd('budget:leases', now + 60_000, 'other')
      .hset('budget:want', 'other', LIMIT)
      .hset('budget:limit', 'other', LIMIT)
      .hset('budget:held', 'other', 0)
      .hset('budget:urgent', 'other', `${LIMIT}:${now - ageMs}`)
      .exec();
  }

  /** A FleetBudget whose searches always have work waiting and none of it new. */
  async function busyBudget(url: string, prefix: string): Promise<FleetBudget> {
    const redis = new RedisConnection({ url, keyPrefix: prefix });
    await redis.connect();
    const budget = new FleetBudget(redis, {
      instanceId: 'busy',
      limiter: new FixedLimiter(LIMIT),
      traffic: new RedisTraffic(),
    });
    budget.watchDemand(() => ({ waiting: true, headStart: 0 }));
    cleanups.push(async () => {
      await budget.close();
      await redis.close();
    });
    await budget.start();
    return budget;
  }

  it('a fresh claim takes the whole limit first; one not renewed for a while is shared like any want', async () => {
    const url = await testRedisUrl();
    const prefix = testKeyPrefix();
    cleanups.push(() => cleanKeys(url, prefix));

    // Stamped ahead, as if the other kept renewing all along: this test's own pace does not matter.
    await otherClaims(url, prefix, -10_000);
    const busy = await busyBudget(url, prefix);
    // Its fair share would be half; the other's new search comes first and it gets nothing.
    await waitFor(() => busy.stats().instances === 2, 'the busy instance to see the other');
    expect(busy.stats().granted).toBe(0);

    // The same claim, written a second ago (the other stopped renewing): an ordinary want, half each.
    await otherClaims(url, prefix, 1000);
    await waitFor(() => busy.stats().granted === LIMIT / 2, 'the busy instance to get its half');
  });
});
