import { describe, expect, it } from 'vitest';
import { MatchPhoneDocument, type MatchPhoneInput } from '../../schema/generated/graphql.ts';
import type { FaultKind } from '../../src/simulator/faults.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';

/** 1,000 candidates, all in the CITY tier: small enough to run every fault in seconds. */
const INPUT = { prefix: '1380571', suffix: '1', city: '杭州' } as const satisfies MatchPhoneInput;
const WITH_ORDERS = candidateAt(INPUT, 'CITY', 500);
const FAULTY = [
  candidateAt(INPUT, 'CITY', 7),
  candidateAt(INPUT, 'CITY', 250),
  WITH_ORDERS,
  candidateAt(INPUT, 'CITY', 900),
];

describe('faults of the order service: nothing is lost, nothing is mistaken for "no orders"', () => {
  let running: TestService | undefined;

  it.each<[FaultKind, string]>([
    ['error', 'HTTP_STATUS'],
    ['rate-limit', 'HTTP_STATUS'],
    ['hang', 'TIMEOUT'],
    ['reset', 'NETWORK'],
    ['malformed-html', 'UNREADABLE'],
    ['malformed-json', 'UNREADABLE'],
  ])('%s replies: INCOMPLETE with the failed numbers listed, and a repeat checks only those', async (kind, reason) => {
    running = await startTestService({
      simulator: {
        numbers: new Set([WITH_ORDERS]),
        faults: { phoneFaults: FAULTY.map((n) => [n, kind] as [string, FaultKind]), retryAfter: '0' },
      },
      env: { CHECK_MAX_ATTEMPTS: '2', CHECK_TIMEOUT_MS: '500' },
    });
    const first = (await running.graphql(MatchPhoneDocument, { input: INPUT })).data!.matchPhone;
    // The number with orders is among those that failed: the search must not claim NOT_FOUND.
    expect(first.status).toBe('INCOMPLETE');
    expect([...first.failedNumbers].sort()).toEqual([...FAULTY].sort());
    expect(first.failures).toEqual([{ reason, count: FAULTY.length }]);
    expect(first.totals).toMatchObject({ checked: 1000, failed: FAULTY.length });

    running.simulator.setFaults({});
    running.simulator.resetStats();
    const again = (await running.graphql(MatchPhoneDocument, { input: INPUT })).data!.matchPhone;
    expect(again.status).toBe('MATCHED');
    expect(again.matches.map((m) => m.phone)).toEqual([WITH_ORDERS]);
    // Everything that had a definite answer came from the cache.
    const asked = running.simulator.requestLog.map((e) => e.phone);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((n) => FAULTY.includes(n))).toBe(true);
    expect(again.totals.cacheHits).toBeGreaterThanOrEqual(1000 - FAULTY.length - 64);
  });

  it('a burst of 5xx on every request is ridden out by retries', async () => {
    running = await startTestService({
      simulator: {
        numbers: new Set([WITH_ORDERS]),
        faults: {
          phoneFaults: FAULTY.map(
            (n) => [n, { kind: 'error', times: 2 }] as [string, { kind: FaultKind; times: number }],
          ),
        },
      },
      env: { CHECK_MAX_ATTEMPTS: '4' },
    });
    const result = (await running.graphql(MatchPhoneDocument, { input: { ...INPUT, stopAt: 'ALL' } })).data!.matchPhone;
    expect(result.status).toBe('MATCHED');
    expect(result.failedNumbers).toEqual([]);
    for (const n of FAULTY) expect(running.simulator.requestsFor(n)).toBe(3);
  });

  it('a 429 storm with Retry-After: the checker backs off and the search still completes correctly', async () => {
    running = await startTestService({
      simulator: { numbers: new Set([WITH_ORDERS]), faults: { rateLimitRate: 1, retryAfter: '1' } },
      env: { CHECK_MAX_ATTEMPTS: '5' },
    });
    const pending = running.graphql(MatchPhoneDocument, { input: { ...INPUT, stopAt: 'ALL' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const duringStorm = running.simulator.stats().requests;
    running.simulator.setFaults({});
    const result = (await pending).data!.matchPhone;
    // Retry-After: 1 was honoured: nobody hammered the service during the storm.
    expect(duringStorm).toBeLessThanOrEqual(16 * 2);
    expect(result.status === 'MATCHED' || (result.status === 'INCOMPLETE' && result.failedNumbers.length > 0)).toBe(
      true,
    );
    if (result.status === 'MATCHED') expect(result.matches.map((m) => m.phone)).toEqual([WITH_ORDERS]);
  });
});
