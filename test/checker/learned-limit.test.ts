import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { SqliteLearnedLimits } from '../../src/audit/learned-limit-store.ts';
import {
  AdaptiveLimiter,
  FixedLimiter,
  LearnedLimitKeeper,
  serviceKey,
  type LearnedLimitStore,
} from '../../src/checker/index.ts';
import { fleetKeys } from '../../src/fleet/fleet-keys.ts';
import { RedisLearnedLimits } from '../../src/fleet/limit-memory.ts';
import { RedisConnection } from '../../src/fleet/redis-connection.ts';
import { auditPath } from '../support/audit-files.ts';
import { numbers, startChecker } from '../support/checker.ts';
import { leave } from '../support/leftovers.ts';
import { cleanKeys, keysUnder, testKeyPrefix, testRedisUrl } from '../support/redis.ts';
import { startTestService } from '../support/test-service.ts';
import { ServiceModel } from './service-model.ts';

const DAY = 24 * 3_600_000;

describe('the limit last learned for an order service', () => {
  it('is keyed by the service’s URL without credentials, query or fragment', () => {
    expect(serviceKey('https://ops:s3cret@orders.example.com:8443/api/orders/{phone}?token=abc&x=1#frag')).toBe(
      'https://orders.example.com:8443/api/orders/{phone}',
    );
    expect(serviceKey('http://127.0.0.1:4000/orders?phone={phone}&key=k')).toBe('http://127.0.0.1:4000/orders');
    expect(serviceKey('http://a.example/{phone}/orders')).toBe('http://a.example/{phone}/orders');
  });

  it('is kept beside the audit (SQLite): another instance on the same file reads it, until it is too old', async () => {
    const path = auditPath();
    new AuditLog({ path }).close(); // the audit made the file
    let now = 1_000_000;
    const store: LearnedLimitStore = new SqliteLearnedLimits(path, () => now);
    expect(await store.recall('http://svc/{phone}', DAY)).toBeUndefined();
    await store.remember('http://svc/{phone}', { limit: 214, noLoadRttMs: 20.5 }, DAY);
    await store.remember('http://svc/{phone}', { limit: 220, noLoadRttMs: 20.1 }, DAY); // the last one counts
    const restarted = new SqliteLearnedLimits(path, () => now);
    expect(await restarted.recall('http://svc/{phone}', DAY)).toEqual({ limit: 220, noLoadRttMs: 20.1 });
    expect(await restarted.recall('http://other/{phone}', DAY)).toBeUndefined();
    now += DAY + 1;
    expect(await restarted.recall('http://svc/{phone}', DAY)).toBeUndefined();
    // The audit still opens (and appends to) the same file.
    new AuditLog({ path }).close();
  });

  it('is kept in Redis for a fleet, under the fleet’s prefix, expiring with its age limit', async () => {
    const url = await testRedisUrl();
    const prefix = testKeyPrefix();
    const redis = new RedisConnection({ target: { url }, keyPrefix: prefix });
    leave(async () => {
      await redis.close();
      await cleanKeys(url, prefix);
    });
    await redis.connect();
    const store = new RedisLearnedLimits(redis);
    expect(await store.recall('http://svc/{phone}')).toBeUndefined();
    await store.remember('http://svc/{phone}', { limit: 214, noLoadRttMs: 20.5 }, DAY);
    const other = new RedisConnection({ target: { url }, keyPrefix: prefix });
    leave(() => other.close());
    await other.connect();
    expect(await new RedisLearnedLimits(other).recall('http://svc/{phone}')).toEqual({ limit: 214, noLoadRttMs: 20.5 });
    expect(await keysUnder(url, prefix)).toEqual([fleetKeys.learnedLimit('http://svc/{phone}')]);
    const ttl = await redis.client.pttl(fleetKeys.learnedLimit('http://svc/{phone}'));
    expect(ttl).toBeGreaterThan(DAY - 60_000);
    expect(ttl).toBeLessThanOrEqual(DAY);
  });

  it('a restarted checker starts from what the last one learned on the same service (real checker, simulator)', async () => {
    const path = auditPath();
    new AuditLog({ path }).close();
    const store = new SqliteLearnedLimits(path);
    const simulator = { latencyMs: 30, jitterMs: 5, capacity: { workers: 16, queue: 64 } };
    const first = new AdaptiveLimiter({ min: 4, max: 256 });
    const { sim, checker } = await startChecker(simulator, { timeoutMs: 5000 }, { limiter: first });
    const keeper = LearnedLimitKeeper.for(first, store, sim.ordersUrlTemplate)!;
    await keeper.start();
    expect(first.limit).toBe(4); // nothing learned yet: it ramps up
    await checker.session().run(numbers(1500), () => {});
    await keeper.close();
    const learned = first.learned!;
    expect(learned.limit).toBeGreaterThanOrEqual(8);

    const next = new AdaptiveLimiter({ min: 4, max: 256 });
    const again = LearnedLimitKeeper.for(next, store, sim.ordersUrlTemplate)!;
    await again.start();
    leave(() => again.close());
    expect(next.limit).toBe(learned.limit);
    expect(next.learned).toEqual(learned);
  });

  it('a restarted service resumes from the limit its last run learned for the same order service', async () => {
    const path = auditPath();
    const env = { CHECK_CONCURRENCY: 'auto', AUDIT_DB_PATH: path };
    const first = await startTestService({ simulator: { latencyMs: 30, capacity: { workers: 16, queue: 64 } }, env });
    expect(first.checker.stats().limit).toBe(4);
    await first.checker.session().run(numbers(1500), () => {});
    const url = first.simulator.ordersUrlTemplate;
    await first.close(); // keeps what it learned
    const store = new SqliteLearnedLimits(path);
    expect(await store.recall(serviceKey(url), DAY)).toBeDefined();
    // What it learned depends on this machine's load: the next start is pinned with a known value.
    await store.remember(serviceKey(url), { limit: 37, noLoadRttMs: 30 });
    const second = await startTestService({ env: { ...env, ORDERS_URL: url } });
    expect(second.checker.stats().limit).toBe(37);
  });

  it('a store that fails costs the head start, never a search; a pinned limit keeps nothing', async () => {
    const failing: LearnedLimitStore = {
      recall: () => Promise.reject(new Error('store down')),
      remember: () => Promise.reject(new Error('store down')),
    };
    const limiter = new AdaptiveLimiter({ min: 4, max: 256 });
    const keeper = LearnedLimitKeeper.for(limiter, failing, 'http://svc/{phone}')!;
    await keeper.start();
    expect(limiter.limit).toBe(4);
    new ServiceModel(limiter, { workers: 32, queue: 64, serviceMs: 20 }).runUntil(2000);
    expect(limiter.learned).toBeDefined();
    await expect(keeper.close()).resolves.toBeUndefined(); // the write fails: logged, not thrown
    expect(LearnedLimitKeeper.for(new FixedLimiter(16), failing, 'http://svc/{phone}')).toBeUndefined();
    expect(LearnedLimitKeeper.for(limiter, undefined, 'http://svc/{phone}')).toBeUndefined();
  });
});
