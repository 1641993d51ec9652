import { describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY_MIN, type Permit } from '../../src/checker/index.ts';
import { outageShare, type FleetBudget } from '../../src/fleet/fleet-budget.ts';
import type { RedisTarget } from '../../src/fleet/redis-connection.ts';
import { RedisTraffic } from '../../src/fleet/redis-traffic.ts';
import { startBusyBudget } from '../support/busy-budget.ts';
import { leave } from '../support/leftovers.ts';
import { cleanKeys, startPrivateRedis, testKeyPrefix, testRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * A fleet budget in a process that stalls past its lease, on a real Redis. The stall is this test's
 * own thread blocked (what SIGSTOP does to an instance, seen from inside): Redis drops the lease
 * meanwhile, and the budget must learn it from its clock before it dispatches anything again.
 */
describe('fleet budget: a stall past the lease', () => {
  const LIMIT = 10;
  const LEASE_MS = 300;

  async function busyBudget(target: RedisTarget, prefix: string, traffic?: RedisTraffic): Promise<FleetBudget> {
    const budget = await startBusyBudget(target, prefix, {
      instanceId: 'stalled',
      limit: LIMIT,
      leaseTtlMs: LEASE_MS,
      traffic,
    });
    await waitFor(() => budget.stats().granted === LIMIT, 'the whole limit');
    return budget;
  }

  /**
   * Blocks this thread for `ms`, from the check phase: the next loop runs expired timers before reading
   * sockets. `first` runs in the same turn, just before (nothing is read between them).
   */
  const stall = (ms: number, first: () => void = () => {}) =>
    new Promise<void>((resolve) =>
      setImmediate(() => {
        first();
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
        resolve();
      }),
    );
  const nextLoop = () => new Promise((resolve) => setImmediate(resolve));
  /** The first permit the budget grants again (the grant from before the stall stays in its stats). */
  async function nextPermit(budget: FleetBudget): Promise<Permit> {
    let permit: Permit | undefined;
    await waitFor(() => (permit = budget.tryAcquire()) !== undefined, 'a grant renewed after the stall');
    return permit!;
  }

  it('a permit taken before it sends nothing after it, even once renewed, and no new one is granted until Redis renews the grant', async () => {
    const { target } = await testRedis();
    const prefix = testKeyPrefix();
    leave(() => cleanKeys(target, prefix));
    const budget = await busyBudget(target, prefix);

    const before = budget.tryAcquire();
    expect(before?.usable).toBe(true);
    await stall(LEASE_MS + 200);
    expect(before?.usable).toBe(false);
    expect(budget.tryAcquire()).toBeUndefined();

    // Redis dropped the lapsed lease: the first renewal is refused (stale token), the next one grants.
    const after = await nextPermit(budget);
    expect(after.usable).toBe(true);
    // The permit from before stays spent: Redis may have given its grant to another instance meanwhile.
    expect(before?.usable).toBe(false);
    before?.release();
    after.release();
  });

  it('a renewal sent before the stall that times out on waking is not taken for Redis being away', async () => {
    const redis = await startPrivateRedis();
    leave(() => redis.stop());
    const prefix = testKeyPrefix();
    const traffic = new RedisTraffic();
    const budget = await busyBudget({ url: redis.url }, prefix, traffic);

    // Redis held still until a renewal is on its way, and thawed as the stall begins: Redis answers
    // it during the stall, but its command timeout (1 s) expires first.
    redis.signal('SIGSTOP');
    const renewals = traffic.calls.get('budget-renew') ?? 0;
    await waitFor(() => (traffic.calls.get('budget-renew') ?? 0) > renewals, 'a renewal sent to the frozen Redis');
    await stall(1200, () => redis.signal('SIGCONT'));
    await nextLoop();
    expect(budget.stats().connected).toBe(true);
    // Before the fallback for an unreachable Redis (the whole limit for a lone instance) comes the
    // question whether the grant still holds: nothing is dispatched until Redis has answered it.
    expect(budget.tryAcquire()).toBeUndefined();
    (await nextPermit(budget)).release();
    expect(budget.stats().connected).toBe(true);
  });

  it('Redis gone during the stall: the fallback share wakes the scheduler, though it is no bigger than the grant', async () => {
    const redis = await startPrivateRedis();
    leave(() => redis.stop());
    const budget = await busyBudget({ url: redis.url }, testKeyPrefix());
    let wakeUps = 0;
    budget.onAvailable(() => wakeUps++);

    await redis.stop();
    await stall(LEASE_MS + 200);
    // Refused on the clock, as the scheduler would be; then nothing is in flight to wake it but the budget.
    expect(budget.tryAcquire()).toBeUndefined();
    const refusedAt = wakeUps;
    await waitFor(() => wakeUps > refusedAt, 'the budget to wake the scheduler on its fallback share');
    (await nextPermit(budget)).release();
    // Alone in the fleet it knew: the limit, less the room it leaves for an instance started meanwhile.
    expect(budget.stats()).toMatchObject({ connected: false, granted: outageShare(LIMIT, 1, DEFAULT_CONCURRENCY_MIN) });
  });
});
