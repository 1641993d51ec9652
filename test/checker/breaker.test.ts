import { describe, expect, it } from 'vitest';
import type { BreakerState } from '../../src/checker/index.ts';
import { numbers, startChecker } from '../support/checker.ts';
import { expectNoMoreRequests, waitFor } from '../support/wait-for.ts';

describe('circuit breaker', () => {
  it('opens after consecutive failures, fails fast, then probes and closes', async () => {
    const changes: BreakerState[] = [];
    const { sim, checker } = await startChecker(
      { faults: { errorRate: 1 } },
      { concurrency: 1, retry: { maxAttempts: 1 }, breaker: { consecutiveFailures: 3, cooldownMs: 150 } },
      { hooks: { onBreakerStateChange: (s) => changes.push(s) } },
    );
    const phones = numbers(10);
    const results = await Promise.all(phones.map((p) => checker.check(p)));
    expect(results.slice(0, 3).map((r) => r.outcome === 'failed' && r.reason)).toEqual([
      'http-status',
      'http-status',
      'http-status',
    ]);
    expect(results.slice(3).map((r) => r.outcome === 'failed' && r.reason)).toEqual(Array(7).fill('circuit-open'));
    expect(sim.stats().requests).toBe(3);
    expect(checker.breakerState).toBe('open');
    expect(checker.stats().outcomes.failed['circuit-open']).toBe(7);

    sim.setFaults({});
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await checker.check(phones[0]!)).toEqual({ outcome: 'no-orders', cached: false });
    expect(checker.breakerState).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens when the probe fails', async () => {
    const { checker } = await startChecker(
      { faults: { errorRate: 1 } },
      { concurrency: 1, retry: { maxAttempts: 1 }, breaker: { consecutiveFailures: 2, cooldownMs: 100 } },
    );
    await Promise.all(numbers(2).map((p) => checker.check(p)));
    expect(checker.breakerState).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await checker.check('13700000000')).toMatchObject({ reason: 'http-status' });
    expect(checker.breakerState).toBe('open');
    expect(await checker.check('13700000001')).toMatchObject({ reason: 'circuit-open' });
  });

  it('opens on a failure ratio even without a long streak', async () => {
    const { checker } = await startChecker(
      { faults: { errorRate: 0.7 }, seed: 7 },
      {
        concurrency: 1,
        retry: { maxAttempts: 1 },
        breaker: { consecutiveFailures: 1000, failureRatio: 0.5, windowSize: 20, minRequests: 10, cooldownMs: 60_000 },
      },
    );
    const results = await Promise.all(numbers(60).map((p) => checker.check(p)));
    expect(checker.breakerState).toBe('open');
    expect(results.some((r) => r.outcome === 'failed' && r.reason === 'circuit-open')).toBe(true);
  });

  it('half-open, holds the other checks until the probe answers instead of failing them', async () => {
    const { sim, checker } = await startChecker(
      { faults: { errorRate: 1 } },
      { concurrency: 8, retry: { maxAttempts: 1 }, breaker: { consecutiveFailures: 2, cooldownMs: 100 } },
    );
    await Promise.all(numbers(2).map((p) => checker.check(p)));
    expect(checker.breakerState).toBe('open');
    sim.setFaults({});
    sim.setLatency(30);
    await new Promise((resolve) => setTimeout(resolve, 150));
    sim.resetStats();
    const results = await Promise.all(numbers(20, '136').map((p) => checker.check(p)));
    expect(results.every((r) => r.outcome === 'no-orders')).toBe(true);
    expect(checker.breakerState).toBe('closed');
    expect(sim.stats().requests).toBe(20);
  });
});

describe('Retry-After speaks for the whole service', () => {
  it('a 429 with Retry-After pauses every new check, not just the one retried', async () => {
    const { sim, checker } = await startChecker(
      { faults: { rateLimitRate: 1, retryAfter: '1' } },
      { concurrency: 8, retry: { maxAttempts: 3 }, breaker: { consecutiveFailures: 1000 } },
    );
    const pending = Promise.all(numbers(100).map((p) => checker.check(p)));
    await waitFor(() => (sim.stats().outcomes['rate-limit'] ?? 0) >= 8, 'the first wave to meet the 429');
    // The first wave of 8 met the 429; nothing more is sent during (half of) the second asked for.
    await expectNoMoreRequests(sim, { quietMs: 500 });
    expect(sim.stats().requests).toBe(8);
    sim.setFaults({});
    const results = await pending;
    expect(results.every((r) => r.outcome === 'no-orders')).toBe(true);
  });
});
