import { afterEach, describe, expect, it } from 'vitest';
import type { OrderChecker, RequestEvent } from '../../src/checker/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { TOKEN, checkerFor } from './helpers.ts';

const PHONE = '13800001234';

let sim: Simulator;
let checker: OrderChecker;

afterEach(async () => {
  await checker?.close();
  await sim?.stop();
});

describe('retries', () => {
  it.each(['error', 'hang', 'reset'] as const)('retries %s up to maxAttempts, then fails', async (kind) => {
    sim = await startSimulator({ token: TOKEN, faults: { phoneFaults: new Map([[PHONE, kind]]) } });
    checker = checkerFor(sim, { timeoutMs: 150, retry: { maxAttempts: 3 } });
    const result = await checker.check(PHONE);
    expect(result.outcome).toBe('failed');
    expect(sim.requestsFor(PHONE)).toBe(3);
    expect(checker.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('succeeds when a retry gets through', async () => {
    sim = await startSimulator({
      token: TOKEN,
      numbers: new Set([PHONE]),
      faults: { phoneFaults: new Map([[PHONE, { kind: 'error', times: 2 }]]) },
    });
    const events: RequestEvent[] = [];
    checker = checkerFor(sim, { retry: { maxAttempts: 4 } }, { hooks: { onRequest: (e) => events.push(e) } });
    expect(await checker.check(PHONE)).toEqual({ outcome: 'orders', cached: false });
    expect(sim.requestsFor(PHONE)).toBe(3);
    expect(events.map((e) => [e.outcome, e.status, e.attempt, e.willRetry])).toEqual([
      ['http-status', 503, 1, true],
      ['http-status', 503, 2, true],
      ['orders', undefined, 3, false],
    ]);
  });

  it('does not retry an unreadable reply', async () => {
    sim = await startSimulator({ token: TOKEN, faults: { phoneFaults: new Map([[PHONE, 'malformed-html']]) } });
    checker = checkerFor(sim, { retry: { maxAttempts: 4 } });
    expect(await checker.check(PHONE)).toMatchObject({ outcome: 'failed', reason: 'unreadable' });
    expect(sim.requestsFor(PHONE)).toBe(1);
  });

  it('waits at least Retry-After between attempts after a 429', async () => {
    sim = await startSimulator({
      token: TOKEN,
      faults: { retryAfter: '1', phoneFaults: new Map([[PHONE, { kind: 'rate-limit', times: 1 }]]) },
    });
    checker = checkerFor(sim, { retry: { maxAttempts: 2 } });
    expect(await checker.check(PHONE)).toEqual({ outcome: 'no-orders', cached: false });
    const [first, second] = sim.requestLog;
    expect(first?.outcome).toBe('rate-limit');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('caps a long Retry-After at retryAfterMaxMs', async () => {
    sim = await startSimulator({
      token: TOKEN,
      faults: { retryAfter: '3600', phoneFaults: new Map([[PHONE, { kind: 'rate-limit', times: 1 }]]) },
    });
    checker = checkerFor(sim, { retry: { maxAttempts: 2, retryAfterMaxMs: 50 } });
    expect(await checker.check(PHONE)).toEqual({ outcome: 'no-orders', cached: false });
    expect(sim.requestsFor(PHONE)).toBe(2);
  });
});
