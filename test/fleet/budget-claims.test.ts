import { describe, expect, it } from 'vitest';
import { fleetKeys } from '../../src/fleet/fleet-keys.ts';
import type { RedisTarget } from '../../src/fleet/redis-connection.ts';
import { startBusyBudget } from '../support/busy-budget.ts';
import { leave } from '../support/leftovers.ts';
import { cleanKeys, testKeyPrefix, testRedis, testRedisClient } from '../support/redis.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The renewal script's head-start pass, on a real Redis: another instance's claim for a new search is
 * written by hand as that instance would write it, fresh or from a while ago, and a real FleetBudget
 * with a long-running search of its own renews beside it.
 */
describe('fleet budget: new searches are served first, while their instance is alive', () => {
  const LIMIT = 10;

  /** Writes instance `other` as wanting the whole limit, all of it for a new search, its claim `ageMs` old. */
  async function otherClaims(target: RedisTarget, prefix: string, ageMs: number): Promise<void> {
    const redis = testRedisClient(target, prefix);
    const keys = fleetKeys.budget;
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    await redis
      .multi()
      .zadd(keys.leases, now + 60_000, 'other')
      .hset(keys.want, 'other', LIMIT)
      .hset(keys.limit, 'other', LIMIT)
      .hset(keys.held, 'other', 0)
      .hset(keys.headStart, 'other', `${LIMIT}:${now - ageMs}`)
      .exec();
  }

  it('a fresh claim takes the whole limit first; one not renewed for a while is shared like any want', async () => {
    const { target } = await testRedis();
    const prefix = testKeyPrefix();
    leave(() => cleanKeys(target, prefix));

    // Stamped ahead, as if the other kept renewing all along: this test's own pace does not matter.
    await otherClaims(target, prefix, -10_000);
    const busy = await startBusyBudget(target, prefix, { instanceId: 'busy', limit: LIMIT });
    // Its fair share would be half; the other's new search comes first and it gets nothing.
    await waitFor(() => busy.stats().instances === 2, 'the busy instance to see the other');
    expect(busy.stats().granted).toBe(0);

    // The same claim, written a second ago (the other stopped renewing): an ordinary want, half each.
    await otherClaims(target, prefix, 1000);
    await waitFor(() => busy.stats().granted === LIMIT / 2, 'the busy instance to get its half');
  });
});
