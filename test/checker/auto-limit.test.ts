import { describe, expect, it } from 'vitest';
import type { LimitChange } from '../../src/checker/index.ts';
import { Metrics } from '../../src/metrics/metrics.ts';
import { numbers, startChecker } from '../support/checker.ts';
import { waitFor } from '../support/wait-for.ts';

// Each step waits for the limit to move, generously: a full suite on two cores slows every round trip.
const LOADED_WAIT_MS = 20_000;

describe('CHECK_CONCURRENCY=auto against the simulator', () => {
  it('grows to the knee of a service with 8 workers without overflowing its queue', async () => {
    const changes: LimitChange[] = [];
    // Service times long against a busy machine's scheduling noise, so round trips measure the service.
    const { sim, checker } = await startChecker(
      { latencyMs: 50, jitterMs: 10, capacity: { workers: 8, queue: 64 } },
      { timeoutMs: 5000 },
      { hooks: { onLimitChange: (c) => changes.push(c) } },
    );
    expect(checker.stats().limit).toBe(4); // starts at CHECK_CONCURRENCY_MIN
    await checker.session().run(numbers(800), () => {});
    const limit = checker.stats().limit;
    expect(limit).toBeGreaterThanOrEqual(8);
    // The exact band (knee + sqrt(knee)) is pinned by the modelled-service tests. Here round trips also
    // carry this process's event-loop lag, during which a request holds our slot but no worker, so on a
    // busy machine keeping 8 workers busy legitimately takes more in flight: the service's own view is
    // what is asserted, its queue never overflowed.
    expect(changes.map((c) => c.reason)).toContain('ramp-up');
    expect(sim.stats().capacity.refused).toBe(0);
  });

  it(
    'backs off while the service answers 429, then climbs back',
    async () => {
      const metrics = new Metrics({ defaultMetrics: false });
      const { sim, checker } = await startChecker(
        { latencyMs: 50, capacity: { workers: 16, queue: 32 } },
        { timeoutMs: 5000, retry: { maxAttempts: 1 } },
        { hooks: metrics.checkerHooks },
      );
      metrics.bind({ checkerStats: () => checker.stats(), activeSearches: () => 0 });
      const session = checker.session();
      const run = session.run(numbers(50_000), () => {});
      await waitFor(() => checker.stats().limit >= 16, 'the limit to reach the knee', LOADED_WAIT_MS);
      sim.setFaults({ rateLimitRate: 0.5, retryAfter: '0' });
      await waitFor(() => checker.stats().limit <= 8, 'the limit to back off', LOADED_WAIT_MS);
      expect(checker.stats().limitReason).toBe('rate-limited');
      const during = await metrics.text();
      expect(during).toMatch(/^phonematch_checks_in_flight_limit\{reason="rate_limited"\} \d+$/m);
      sim.setFaults({});
      await waitFor(() => checker.stats().limit >= 12, 'the limit to climb back', LOADED_WAIT_MS);
      session.cancel();
      await run;
      expect(await metrics.text()).toMatch(
        /^phonematch_checks_in_flight_limit_changes_total\{reason="rate_limited"\} [1-9]/m,
      );
    },
    3 * LOADED_WAIT_MS,
  );

  it('a pinned number never moves, whatever the service says', async () => {
    const { sim, checker } = await startChecker(
      { latencyMs: 5, faults: { rateLimitRate: 0.5, retryAfter: '0' } },
      { concurrency: 6, retry: { maxAttempts: 1 } },
    );
    await checker.session().run(numbers(600), () => {});
    expect(checker.stats()).toMatchObject({ limit: 6, limitReason: 'start' });
    expect(sim.stats().peakInFlight).toBeLessThanOrEqual(6);
  });
});
