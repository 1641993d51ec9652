import { beforeAll, describe, expect, it } from 'vitest';
import {
  type SearchEvent,
  type SearchProgress,
  foldSearchProgress,
  initialSearchProgress,
  reduceSearchProgress,
  tierFraction,
} from '../../client/index.ts';
import { eventsOverWebSocket, finalResult } from '../support/clients.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt, planFor } from '../support/tier-numbers.ts';

const HANGZHOU = { prefix: '138', suffix: '1234', city: '杭州' } as const;
const PROVINCE_HIT = candidateAt(HANGZHOU, 'PROVINCE', 30);
const FAILING = [candidateAt(HANGZHOU, 'CITY', 2), candidateAt(HANGZHOU, 'CITY', -1)];

/** Every intermediate state of a recorded stream. */
function states(events: readonly SearchEvent[]): SearchProgress[] {
  const all: SearchProgress[] = [];
  let state = initialSearchProgress;
  for (const event of events) all.push((state = reduceSearchProgress(state, event)));
  return all;
}

describe('the search-progress reducer, fed event streams recorded from real searches', () => {
  let running: TestService;
  beforeAll(async () => {
    running = await startTestService({
      simulator: { numbers: new Set([PROVINCE_HIT]), faults: { failPhones: FAILING } },
      env: { CHECK_MAX_ATTEMPTS: '1' },
    });
  });

  it('a match in PROVINCE: per-tier progress, the match, and a final state that agrees with the result', async () => {
    const events = await eventsOverWebSocket(running.graphqlUrl, HANGZHOU);
    const result = finalResult(events);
    const progress = foldSearchProgress(events);

    expect(progress).toMatchObject({ phase: 'finished', status: 'MATCHED', searchId: result.searchId });
    expect(progress.query).toBe('138****1234');
    expect(progress.matches).toEqual([
      {
        phone: PROVINCE_HIT,
        tier: 'PROVINCE',
        location: expect.objectContaining({ province: '浙江' }) as unknown,
      },
    ]);
    expect(progress.tiers.map((t) => [t.tier, t.phase, t.outcome])).toEqual([
      ['CITY', 'done', 'COMPLETED'],
      ['PROVINCE', 'done', 'STOPPED_AT_MATCH'],
      ['NATIONAL', 'done', 'NOT_REACHED'],
      ['UNLOCATED', 'done', 'NOT_REACHED'],
    ]);
    // The folded tier table is the server's, figure for figure.
    for (const report of result.tiers) {
      expect(progress.tiers.find((t) => t.tier === report.tier)).toMatchObject({
        checked: report.checked,
        failed: report.failed,
        withOrders: report.withOrders,
        skipped: report.skipped,
      });
    }
    const city = progress.tiers[0]!;
    expect(city.checked).toBe(city.candidates);
    expect(city.failed).toBe(2);
    expect(tierFraction(city)).toBe(1);
    expect(progress.failed).toBe(2);
    expect(progress.checked).toBe(result.tiers.reduce((sum, t) => sum + t.checked, 0));
    expect(progress.total).toBe(planFor(HANGZHOU).total);
  });

  it('while the stream runs: tiers start in order, counts only grow, the match shows before the end', async () => {
    const events = await eventsOverWebSocket(running.graphqlUrl, HANGZHOU);
    const all = states(events);
    const firstMatch = events.findIndex((e) => e.__typename === 'MatchFound');
    expect(firstMatch).toBeGreaterThan(0);
    expect(all[firstMatch]).toMatchObject({ phase: 'running', status: null, result: null, currentTier: 'PROVINCE' });
    expect(all[firstMatch]!.matches.map((m) => m.phone)).toEqual([PROVINCE_HIT]);

    const started = all[0]!;
    expect(started.tiers.map((t) => [t.tier, t.phase, t.checked])).toEqual([
      ['CITY', 'pending', 0],
      ['PROVINCE', 'pending', 0],
      ['NATIONAL', 'pending', 0],
      ['UNLOCATED', 'pending', 0],
    ]);
    const current = all.map((s) => s.currentTier).filter((t) => t !== null);
    expect([...new Set(current)]).toEqual(['CITY', 'PROVINCE']);
    for (let i = 1; i < all.length; i++) {
      expect(all[i]!.checked).toBeGreaterThanOrEqual(all[i - 1]!.checked);
      expect(all[i]!.failed).toBeGreaterThanOrEqual(all[i - 1]!.failed);
    }
  });

  it('no city: CITY and PROVINCE are skipped from the first event, the match is found in NATIONAL', async () => {
    const input = { prefix: '138', suffix: '1234' };
    const plan = planFor(input);
    const events = await eventsOverWebSocket(running.graphqlUrl, input);
    const [started] = states(events);
    expect(started!.tiers.map((t) => [t.tier, t.phase, t.outcome, t.candidates])).toEqual([
      ['CITY', 'done', 'SKIPPED', 0],
      ['PROVINCE', 'done', 'SKIPPED', 0],
      ['NATIONAL', 'pending', null, plan.tiers[2]!.candidates],
      ['UNLOCATED', 'pending', null, plan.tiers[3]!.candidates],
    ]);
    // PROVINCE_HIT is in this NATIONAL tier: the search matches there and still reports what failed before it.
    const progress = foldSearchProgress(events);
    expect(progress.status).toBe('MATCHED');
    expect(progress.matches.map((m) => [m.phone, m.tier])).toEqual([[PROVINCE_HIT, 'NATIONAL']]);
    expect(progress.failed).toBe(finalResult(events).failedNumbers.length);
    expect(progress.tiers[2]!.checked).toBe(finalResult(events).tiers[2]!.checked);
  });

  it('an order service that fails every check: INCOMPLETE, every failure counted, no match', async () => {
    running.simulator.setFaults({ errorRate: 1 });
    try {
      // Numbers not asked before: definite answers are cached, so they would not reach the faulty service.
      const events = await eventsOverWebSocket(running.graphqlUrl, { ...HANGZHOU, suffix: '5678' });
      const progress = foldSearchProgress(events);
      expect(progress.status).toBe('INCOMPLETE');
      expect(progress.matches).toEqual([]);
      expect(progress.failed).toBeGreaterThan(0);
      expect(progress.failed).toBe(finalResult(events).failedNumbers.length);
      expect(progress.result?.note).toBeTruthy();
    } finally {
      running.simulator.setFaults({ failPhones: FAILING });
    }
  });
});

describe('the search-progress reducer, step by step', () => {
  const started: SearchEvent = {
    __typename: 'SearchStarted',
    searchId: 's1',
    query: '138****1234',
    total: 30,
    tiers: [
      { tier: 'CITY', candidates: 10, skipped: false },
      { tier: 'PROVINCE', candidates: 20, skipped: false },
    ],
  };

  it('never changes the state it is given', () => {
    const before = reduceSearchProgress(initialSearchProgress, started);
    const frozen = structuredClone(before);
    const after = reduceSearchProgress(before, {
      __typename: 'TierProgress',
      tier: 'CITY',
      checked: 4,
      total: 10,
      failed: 1,
      withOrders: 0,
    });
    expect(before).toEqual(frozen);
    expect(after.tiers[0]).toMatchObject({ checked: 4, failed: 1, phase: 'running' });
    expect(after.tiers[1]).toBe(before.tiers[1]);
    expect(after).toMatchObject({ checked: 4, failed: 1 });
  });

  it('a stream joined late (no SearchStarted) still shows the tiers it hears about', () => {
    const progress = foldSearchProgress([
      { __typename: 'TierProgress', tier: 'PROVINCE', checked: 5, total: 20, failed: 0, withOrders: 0 },
    ]);
    expect(progress.phase).toBe('running');
    expect(progress.tiers).toMatchObject([{ tier: 'PROVINCE', checked: 5, candidates: 20 }]);
    expect(tierFraction(progress.tiers[0]!)).toBe(0.25);
  });

  it('ignores an event type it does not know, so a newer server does not break an older client', () => {
    const before = reduceSearchProgress(initialSearchProgress, started);
    const unknown = { __typename: 'SearchPaused' } as unknown as SearchEvent;
    expect(reduceSearchProgress(before, unknown)).toBe(before);
  });
});
