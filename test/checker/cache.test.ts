import { describe, expect, it } from 'vitest';
import { startChecker } from '../support/checker.ts';
import { waitFor } from '../support/wait-for.ts';

const PHONE = '13800001234';

describe('answer cache and de-duplication', () => {
  it('answers a repeated check from the cache', async () => {
    const { sim, checker } = await startChecker({ numbers: new Set([PHONE]) });
    expect(await checker.check(PHONE)).toEqual({ outcome: 'orders', cached: false });
    expect(await checker.check(PHONE)).toEqual({ outcome: 'orders', cached: true });
    const summary = await checker.session().run([PHONE, '13800000000'], () => {});
    expect(summary.delivered).toBe(2);
    expect(await checker.check('13800000000')).toEqual({ outcome: 'no-orders', cached: true });
    expect(sim.stats().requests).toBe(2);
    expect(checker.stats().cacheHits).toBe(3);
  });

  it('expires answers after the TTL', async () => {
    const { sim, checker } = await startChecker({}, { cache: { ttlMs: 30 } });
    await checker.check(PHONE);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await checker.check(PHONE)).toEqual({ outcome: 'no-orders', cached: false });
    expect(sim.stats().requests).toBe(2);
  });

  it('does not cache failures', async () => {
    const { sim, checker } = await startChecker({ faults: { failPhones: [PHONE] } }, { retry: { maxAttempts: 1 } });
    expect(await checker.check(PHONE)).toMatchObject({ outcome: 'failed' });
    sim.setFaults({});
    expect(await checker.check(PHONE)).toEqual({ outcome: 'no-orders', cached: false });
    expect(sim.stats().requests).toBe(2);
  });

  it('sends one request for identical checks in flight, from different sessions', async () => {
    const { sim, checker } = await startChecker({ numbers: new Set([PHONE]), latencyMs: 50 });
    const [a, b, c] = await Promise.all([
      checker.session().check(PHONE),
      checker.session().check(PHONE),
      checker.check(PHONE),
    ]);
    expect([a, b, c]).toEqual([
      { outcome: 'orders', cached: false },
      { outcome: 'orders', cached: false },
      { outcome: 'orders', cached: false },
    ]);
    expect(sim.requestsFor(PHONE)).toBe(1);
    expect(checker.stats().dedupHits).toBe(2);
  });

  it('keeps a shared request alive when one of its waiters cancels', async () => {
    const { sim, checker } = await startChecker({ numbers: new Set([PHONE]), latencyMs: 100 });
    const first = checker.session();
    const firstResult = first.check(PHONE);
    const second = checker.check(PHONE);
    await waitFor(() => sim.stats().inFlight === 1, 'request in flight', 2000);
    first.cancel();
    expect(await firstResult).toMatchObject({ outcome: 'failed', reason: 'cancelled' });
    expect(await second).toEqual({ outcome: 'orders', cached: false });
    expect(sim.requestsFor(PHONE)).toBe(1);
    expect(sim.stats().outcomes.aborted).toBeUndefined();
  });

  it('hands a queued shared check to the remaining session when its owner cancels', async () => {
    const { sim, checker } = await startChecker({ latencyMs: 50 }, { concurrency: 1 });
    const blocker = checker.check('13900000000'); // occupies the only slot
    const owner = checker.session();
    const ownerResult = owner.check(PHONE);
    const other = checker.session().check(PHONE);
    owner.cancel();
    expect(await ownerResult).toMatchObject({ outcome: 'failed', reason: 'cancelled' });
    expect(await other).toEqual({ outcome: 'no-orders', cached: false });
    await blocker;
    expect(sim.requestsFor(PHONE)).toBe(1);
  });

  it('keeps a request nobody waits for any more until the service answers; its answer fills the cache', async () => {
    const { sim, checker } = await startChecker({ numbers: new Set([PHONE]), latencyMs: 150 });
    const a = new AbortController();
    const b = new AbortController();
    const ra = checker.check(PHONE, { signal: a.signal });
    const rb = checker.session().check(PHONE, { signal: b.signal });
    await waitFor(() => sim.stats().inFlight === 1, 'request in flight', 2000);
    a.abort();
    b.abort();
    expect(await ra).toMatchObject({ reason: 'cancelled' });
    expect(await rb).toMatchObject({ reason: 'cancelled' });
    expect(checker.stats().inFlight).toBe(1);
    await waitFor(() => checker.stats().inFlight === 0, 'request answered', 2000);
    expect(sim.stats().outcomes).toMatchObject({ orders: 1 });
    expect(sim.stats().outcomes.aborted).toBeUndefined();
    expect(await checker.check(PHONE)).toEqual({ outcome: 'orders', cached: true });
    expect(sim.requestsFor(PHONE)).toBe(1);
  });

  it('a check asked while the same request is out after its askers left joins it', async () => {
    const { sim, checker } = await startChecker({ latencyMs: 150 });
    const gone = checker.session();
    const first = gone.check(PHONE);
    await waitFor(() => sim.stats().inFlight === 1, 'request in flight', 2000);
    gone.cancel();
    expect(await first).toMatchObject({ reason: 'cancelled' });
    expect(await checker.check(PHONE)).toEqual({ outcome: 'no-orders', cached: false });
    expect(sim.requestsFor(PHONE)).toBe(1);
  });
});
