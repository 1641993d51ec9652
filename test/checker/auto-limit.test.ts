import { afterEach, describe, expect, it } from 'vitest';
import type { LimitChange, OrderChecker } from '../../src/checker/index.ts';
import { Metrics } from '../../src/metrics/metrics.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { TOKEN, checkerFor, numbers, waitFor } from './helpers.ts';

let sim: Simulator;
let checker: OrderChecker;

afterEach(async () => {
  await checker?.close();
  await sim?.stop();
});

describe('CHECK_CONCURRENCY=auto against the simulator', () => {
  it('finds the knee of a service with 8 workers and keeps its queue short', async () => {
    // Service times long against a busy machine's scheduling noise, so round trips measure the service.
    sim = await startSimulator({ token: TOKEN, latencyMs: 50, jitterMs: 10, capacity: { workers: 8, queue: 64 } });
    const changes: LimitChange[] = [];
    checker = checkerFor(sim, { timeoutMs: 5000 }, { hooks: { onLimitChange: (c) => changes.push(c) } });
    expect(checker.stats().limit).toBe(4); // starts at CHECK_CONCURRENCY_MIN
    await checker.session().run(numbers(800), () => {});
    const limit = checker.stats().limit;
    expect(limit).toBeGreaterThanOrEqual(8);
    // The modelled-service tests pin the exact band (knee + sqrt(knee)); here the round trips also carry
    // this machine's scheduling noise, which reads as a little queue or a little less.
    expect(limit).toBeLessThanOrEqual(2 * 8);
    expect(changes.map((c) => c.reason)).toContain('growing');
    expect(sim.stats().capacity.refused).toBe(0);
  });

  it('backs off while the service answers 429, then climbs back', async () => {
    sim = await startSimulator({ token: TOKEN, latencyMs: 50, capacity: { workers: 16, queue: 32 } });
    const metrics = new Metrics({ defaultMetrics: false });
    checker = checkerFor(sim, { timeoutMs: 5000, retry: { maxAttempts: 1 } }, { hooks: metrics.checkerHooks });
    metrics.bind({ checkerStats: () => checker.stats(), activeSearches: () => 0 });
    const session = checker.session();
    const run = session.run(numbers(50_000), () => {});
    await waitFor(() => checker.stats().limit >= 16, 'the limit to reach the knee', 10_000);
    sim.setFaults({ rateLimitRate: 0.5, retryAfter: '0' });
    await waitFor(() => checker.stats().limit <= 8, 'the limit to back off', 10_000);
    expect(checker.stats().limitReason).toBe('rate-limited');
    const during = await metrics.text();
    expect(during).toMatch(/^phonematch_checks_in_flight_limit\{reason="rate_limited"\} \d+$/m);
    sim.setFaults({});
    await waitFor(() => checker.stats().limit >= 12, 'the limit to climb back', 10_000);
    session.cancel();
    await run;
    expect(await metrics.text()).toMatch(
      /^phonematch_checks_in_flight_limit_changes_total\{reason="rate_limited"\} [1-9]/m,
    );
  });

  it('a pinned number never moves, whatever the service says', async () => {
    sim = await startSimulator({ token: TOKEN, latencyMs: 5, faults: { rateLimitRate: 0.5, retryAfter: '0' } });
    checker = checkerFor(sim, { concurrency: 6, retry: { maxAttempts: 1 } });
    await checker.session().run(numbers(600), () => {});
    expect(checker.stats()).toMatchObject({ limit: 6, limitReason: 'start' });
    expect(sim.stats().peakInFlight).toBeLessThanOrEqual(6);
  });
});
