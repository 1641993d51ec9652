import { describe, expect, it } from 'vitest';
import { MatchPhoneDocument, type MatchPhoneInput } from '../../schema/generated/graphql.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt, candidatesOf } from '../support/tier-numbers.ts';
import { expectNoMoreRequests } from '../support/wait-for.ts';

const HANGZHOU = { prefix: '138', suffix: '1234', city: '杭州' } as const;

describe('matchPhone: a tiered search against the order-service simulator', () => {
  let running: TestService | undefined;

  async function search(numbersWithOrders: string[], input: MatchPhoneInput, env: Record<string, string> = {}) {
    running = await startTestService({ simulator: { numbers: new Set(numbersWithOrders) }, env });
    const response = await running.graphql(MatchPhoneDocument, { input });
    expect(response.errors).toBeUndefined();
    return response.data!.matchPhone;
  }

  /** Every number the order service was asked about, in order of arrival. */
  const askedNumbers = () => running!.simulator.requestLog.map((entry) => entry.phone);

  it('finds a match in CITY and never asks about later tiers', async () => {
    const number = candidateAt(HANGZHOU, 'CITY', 50);
    const result = await search([number], HANGZHOU);
    expect(result.status).toBe('MATCHED');
    expect(result.matches).toEqual([
      { phone: number, tier: 'CITY', location: { province: '浙江', city: '杭州', carrier: '中国移动' } },
    ]);
    const city = candidatesOf(HANGZHOU, 'CITY');
    expect(askedNumbers().every((n) => city.has(n))).toBe(true);
    expect(result.tiers.map((t) => t.outcome)).toEqual([
      'STOPPED_AT_MATCH',
      'NOT_REACHED',
      'NOT_REACHED',
      'NOT_REACHED',
    ]);
  });

  it('finds a match in PROVINCE after the whole CITY tier, and never asks NATIONAL', async () => {
    const number = candidateAt(HANGZHOU, 'PROVINCE', 200);
    const result = await search([number], HANGZHOU);
    expect(result.matches.map((m) => [m.phone, m.tier, m.location?.province])).toEqual([[number, 'PROVINCE', '浙江']]);
    const [city, province] = result.tiers;
    expect(city).toMatchObject({ tier: 'CITY', checked: city!.candidates, withOrders: 0, outcome: 'COMPLETED' });
    expect(province).toMatchObject({ tier: 'PROVINCE', withOrders: 1, outcome: 'STOPPED_AT_MATCH' });
    const national = candidatesOf(HANGZHOU, 'NATIONAL');
    expect(askedNumbers().some((n) => national.has(n))).toBe(false);
  });

  it('finds a match in NATIONAL', async () => {
    const number = candidateAt(HANGZHOU, 'NATIONAL', 3000);
    const result = await search([number], HANGZHOU);
    expect(result.matches.map((m) => m.tier)).toEqual(['NATIONAL']);
    expect(result.tiers[0]!.checked + result.tiers[1]!.checked).toBe(
      result.tiers[0]!.candidates + result.tiers[1]!.candidates,
    );
    const unlocated = candidatesOf(HANGZHOU, 'UNLOCATED');
    expect(askedNumbers().some((n) => unlocated.has(n))).toBe(false);
  });

  it('finds a match in UNLOCATED: a segment without location data is still searched', async () => {
    const input = { prefix: '199', suffix: '1234', city: '成都' };
    const number = candidateAt(input, 'UNLOCATED', 5000);
    const result = await search([number], input);
    expect(result.status).toBe('MATCHED');
    expect(result.matches).toEqual([
      { phone: number, tier: 'UNLOCATED', location: { province: null, city: null, carrier: '中国电信' } },
    ]);
    expect(result.tiers.slice(0, 3).map((t) => t.skipped)).toEqual([true, true, true]);
  });

  it('NOT_FOUND only when every candidate of every tier was checked', async () => {
    const input = { prefix: '1380571', suffix: '1' };
    const result = await search([], input);
    expect(result.status).toBe('NOT_FOUND');
    expect(result.totals).toMatchObject({ candidates: 1000, checked: 1000, failed: 0, withOrders: 0 });
    expect(result.failedNumbers).toEqual([]);
    expect(running!.simulator.stats().requests).toBe(1000);
  });

  describe('stopAt', () => {
    const city = [candidateAt(HANGZHOU, 'CITY', 10), candidateAt(HANGZHOU, 'CITY', 90)];
    const national = candidateAt(HANGZHOU, 'NATIONAL', 100);

    it('FIRST_MATCH returns the first number with orders and stops', async () => {
      const result = await search([...city, national], { ...HANGZHOU, stopAt: 'FIRST_MATCH' });
      expect(result.matches).toHaveLength(1);
      expect(city).toContain(result.matches[0]!.phone);
      expect(result.tiers[1]!.checked).toBe(0);
    });

    it('TIER finishes the tier of the first match and returns all its matches', async () => {
      const result = await search([...city, national], { ...HANGZHOU, stopAt: 'TIER' });
      expect(result.matches.map((m) => m.phone).sort()).toEqual([...city].sort());
      expect(result.tiers[0]).toMatchObject({
        checked: result.tiers[0]!.candidates,
        withOrders: 2,
        outcome: 'COMPLETED',
      });
      expect(result.tiers[1]).toMatchObject({ checked: 0, outcome: 'NOT_REACHED' });
    });

    it('ALL searches every tier', async () => {
      const result = await search([...city, national], { ...HANGZHOU, stopAt: 'ALL' });
      expect(result.status).toBe('MATCHED');
      expect(result.matches.map((m) => m.phone).sort()).toEqual([...city, national].sort());
      expect(result.tiers.map((t) => t.outcome)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
      expect(result.totals.checked).toBe(10_000);
    });
  });

  it('INCOMPLETE when checks failed and nothing matched; the failed numbers are listed', async () => {
    const input = { prefix: '1380571', suffix: '1', city: '杭州' };
    const failing = [candidateAt(input, 'CITY', 3), candidateAt(input, 'CITY', 400), candidateAt(input, 'CITY', -1)];
    running = await startTestService({
      simulator: { faults: { failPhones: failing } },
      env: { CHECK_MAX_ATTEMPTS: '2' },
    });
    const { data } = await running.graphql(MatchPhoneDocument, { input });
    const result = data!.matchPhone;
    expect(result.status).toBe('INCOMPLETE');
    expect([...result.failedNumbers].sort()).toEqual([...failing].sort());
    expect(result.failures).toEqual([{ reason: 'HTTP_STATUS', count: 3 }]);
    expect(result.totals).toMatchObject({ checked: 1000, failed: 3 });
    // Every failing number was tried twice, the rest once.
    expect(running.simulator.stats().requests).toBe(1000 + 3);
  });

  it('a failed check next to a match still reports MATCHED with the failure listed', async () => {
    const input = { prefix: '1380571', suffix: '1', city: '杭州' };
    const failing = candidateAt(input, 'CITY', 0);
    const number = candidateAt(input, 'CITY', -1);
    running = await startTestService({
      simulator: { numbers: new Set([number]), faults: { failPhones: [failing] } },
      env: { CHECK_MAX_ATTEMPTS: '1' },
    });
    const { data } = await running.graphql(MatchPhoneDocument, { input });
    expect(data!.matchPhone.status).toBe('MATCHED');
    expect(data!.matchPhone.failedNumbers).toEqual([failing]);
  });

  it('TIMED_OUT at the search deadline, with what was checked so far, and no traffic after', async () => {
    running = await startTestService({
      simulator: { latencyMs: 50 },
      env: { SEARCH_DEADLINE_MS: '400', CHECK_CONCURRENCY: '4' },
    });
    const { data } = await running.graphql(MatchPhoneDocument, { input: { mask: '138****1234' } });
    const result = data!.matchPhone;
    expect(result.status).toBe('TIMED_OUT');
    expect(result.totals.checked).toBeGreaterThan(0);
    expect(result.totals.checked).toBeLessThan(result.totals.candidates);
    expect(result.tiers.find((t) => t.outcome === 'TIMED_OUT')).toBeDefined();
    // The last window (CHECK_CONCURRENCY) may still be on its way; nothing after it.
    await expectNoMoreRequests(running.simulator, { allowance: 4 });
  });
});
