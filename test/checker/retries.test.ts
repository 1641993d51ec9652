import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../../src/checker/index.ts';
import { startChecker } from '../support/checker.ts';

const PHONE = '13800001234';

describe('retries', () => {
  it.each(['error', 'hang', 'reset'] as const)('retries %s up to maxAttempts, then fails', async (kind) => {
    const { sim, checker } = await startChecker(
      { faults: { phoneFaults: new Map([[PHONE, kind]]) } },
      { timeoutMs: 150, retry: { maxAttempts: 3 } },
    );
    const result = await checker.check(PHONE);
    expect(result.outcome).toBe('failed');
    expect(sim.requestsFor(PHONE)).toBe(3);
    expect(checker.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('succeeds when a retry gets through', async () => {
    const events: RequestEvent[] = [];
    const { sim, checker } = await startChecker(
      { numbers: new Set([PHONE]), faults: { phoneFaults: new Map([[PHONE, { kind: 'error', times: 2 }]]) } },
      { retry: { maxAttempts: 4 } },
      { hooks: { onRequest: (e) => events.push(e) } },
    );
    expect(await checker.check(PHONE)).toEqual({ outcome: 'orders', cached: false });
    expect(sim.requestsFor(PHONE)).toBe(3);
    expect(events.map((e) => [e.outcome, e.status, e.attempt, e.willRetry])).toEqual([
      ['http-status', 503, 1, true],
      ['http-status', 503, 2, true],
      ['orders', undefined, 3, false],
    ]);
  });

  it('does not retry an unreadable reply', async () => {
    const { sim, checker } = await startChecker(
      { faults: { phoneFaults: new Map([[PHONE, 'malformed-html']]) } },
      { retry: { maxAttempts: 4 } },
    );
    expect(await checker.check(PHONE)).toMatchObject({ outcome: 'failed', reason: 'unreadable' });
    expect(sim.requestsFor(PHONE)).toBe(1);
  });

  it('waits at least Retry-After between attempts after a 429', async () => {
    const { sim, checker } = await startChecker(
      { faults: { retryAfter: '1', phoneFaults: new Map([[PHONE, { kind: 'rate-limit', times: 1 }]]) } },
      { retry: { maxAttempts: 2 } },
    );
    expect(await checker.check(PHONE)).toEqual({ outcome: 'no-orders', cached: false });
    const [first, second] = sim.requestLog;
    expect(first?.outcome).toBe('rate-limit');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('caps a long Retry-After at retryAfterMaxMs', async () => {
    const { sim, checker } = await startChecker(
      { faults: { retryAfter: '3600', phoneFaults: new Map([[PHONE, { kind: 'rate-limit', times: 1 }]]) } },
      { retry: { maxAttempts: 2, retryAfterMaxMs: 50 } },
    );
    expect(await checker.check(PHONE)).toEqual({ outcome: 'no-orders', cached: false });
    expect(sim.requestsFor(PHONE)).toBe(2);
  });
});
