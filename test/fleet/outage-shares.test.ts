import { describe, expect, it } from 'vitest';
import { FixedLimiter } from '../../src/checker/index.ts';
import { FleetBudget, newcomerShare, outageShare } from '../../src/fleet/fleet-budget.ts';
import { RedisConnection } from '../../src/fleet/redis-connection.ts';
import { RedisTraffic } from '../../src/fleet/redis-traffic.ts';
import { freePort } from '../../scripts/lib/redis-server.ts';
import { startBusyBudget } from '../support/busy-budget.ts';
import { leave } from '../support/leftovers.ts';
import { startPrivateRedis, testKeyPrefix } from '../support/redis.ts';
import { waitFor } from '../support/wait-for.ts';

/** What instances cut off from Redis take, so that they and one instance started meanwhile keep the bound. */
describe('fleet budget: shares while Redis is away', () => {
  it('the instances last counted and one newcomer stay within the limit together, whenever a share can be split', () => {
    for (let limit = 1; limit <= 64; limit++)
      for (let startShare = 1; startShare <= limit + 2; startShare++) {
        const newcomer = newcomerShare(startShare, limit);
        expect(newcomer).toBeGreaterThanOrEqual(1);
        expect(newcomer).toBeLessThanOrEqual(Math.max(1, Math.min(startShare, limit / 2)));
        for (let instances = 1; instances <= 8; instances++) {
          const each = outageShare(limit, instances, startShare);
          expect(each).toBeGreaterThanOrEqual(1);
          // Fewer permits left than instances: nothing can be split (each still takes one, so searches go on).
          if (instances > limit - newcomer) continue;
          expect(
            instances * each + newcomer,
            `limit ${limit}, ${instances} + 1, min ${startShare}`,
          ).toBeLessThanOrEqual(limit);
        }
      }
    // The usual fleet loses little to the newcomer's room: 4 instances at 32 with a minimum of 4.
    expect(outageShare(32, 4, 4)).toBe(7);
  });

  it('a newcomer that cannot reach Redis takes nothing for one lease, then its share; an instance that knew the fleet leaves room for it', async () => {
    const LIMIT = 10;
    const LEASE_MS = 300;
    const redis = await startPrivateRedis();
    leave(() => redis.stop());
    const known = await startBusyBudget({ url: redis.url }, testKeyPrefix(), {
      instanceId: 'known',
      limit: LIMIT,
      leaseTtlMs: LEASE_MS,
    });
    await waitFor(() => known.stats().granted === LIMIT, 'the whole limit while alone');
    await redis.stop();

    // Nothing listens where the newcomer looks for Redis: its first renewal fails at once.
    const connection = new RedisConnection({
      target: { url: `redis://127.0.0.1:${await freePort()}` },
      keyPrefix: 'x:',
    });
    const newcomer = new FleetBudget(connection, {
      instanceId: 'newcomer',
      limiter: new FixedLimiter(LIMIT),
      leaseTtlMs: LEASE_MS,
      startShare: 4,
      traffic: new RedisTraffic(),
    });
    newcomer.watchDemand(() => ({ waiting: true, headStart: 0 }));
    leave(async () => {
      await newcomer.close();
      await connection.close();
    });
    const startedAt = performance.now();
    await newcomer.start();
    expect(newcomer.tryAcquire()).toBeUndefined();
    await waitFor(() => newcomer.stats().granted > 0, 'the newcomer share');
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(LEASE_MS);
    expect(newcomer.stats().granted).toBe(newcomerShare(4, LIMIT));

    await waitFor(() => !known.stats().connected && known.stats().granted < LIMIT, 'the known instance on its share');
    expect(known.stats().granted).toBe(outageShare(LIMIT, 1, 4));
    expect(known.stats().granted + newcomer.stats().granted).toBeLessThanOrEqual(LIMIT);
  });
});
