import { beforeAll, describe, expect, it } from 'vitest';
import { startTestFleet, type TestFleet } from '../support/fleet.ts';
import { post } from '../support/http.ts';
import { planFor } from '../support/tier-numbers.ts';

const MATCH_ALL = `query ($input: MatchPhoneInput!) {
  matchPhone(input: $input) { status totals { candidates checked cacheHits failed } }
}`;

interface MatchAll {
  matchPhone: { status: string; totals: { candidates: number; checked: number; cacheHits: number; failed: number } };
}

describe('fleet: shared answer cache and in-flight de-duplication in Redis', () => {
  let fleet: TestFleet;
  beforeAll(async () => {
    fleet = await startTestFleet(2);
  });

  it('a number checked on A is not asked again on B', async () => {
    const input = { prefix: '1390571', suffix: '88', stopAt: 'ALL' };
    const candidates = planFor(input).total;
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const first = (await post<MatchAll>(a.graphqlUrl, { query: MATCH_ALL, variables: { input } })).json;
    expect(first.data?.matchPhone.totals).toMatchObject({ checked: candidates, failed: 0, cacheHits: 0 });
    const asked = fleet.simulator.stats().requests;
    expect(asked).toBe(candidates);

    const again = (await post<MatchAll>(b.graphqlUrl, { query: MATCH_ALL, variables: { input } })).json;
    expect(again.data?.matchPhone.status).toBe(first.data?.matchPhone.status);
    expect(again.data?.matchPhone.totals).toMatchObject({ checked: candidates, cacheHits: candidates, failed: 0 });
    expect(fleet.simulator.stats().requests).toBe(asked);
    expect(b.checker.stats().sharedHits).toBe(candidates);
  });

  it('the same numbers searched on A and B at once are asked once each', async () => {
    const input = { prefix: '1370210', suffix: '4', stopAt: 'ALL' };
    const candidates = planFor(input).total;
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const before = fleet.simulator.stats().requests;
    const results = await Promise.all([
      post<MatchAll>(a.graphqlUrl, { query: MATCH_ALL, variables: { input } }).then((r) => r.json),
      post<MatchAll>(b.graphqlUrl, { query: MATCH_ALL, variables: { input } }).then((r) => r.json),
    ]);
    for (const r of results) expect(r.data?.matchPhone.totals).toMatchObject({ checked: candidates, failed: 0 });
    expect(fleet.simulator.stats().requests - before).toBe(candidates);
    const plan = [...planFor(input).candidates('NATIONAL'), ...planFor(input).candidates('UNLOCATED')];
    for (const phone of plan) expect(fleet.simulator.requestsFor(phone)).toBeLessThanOrEqual(1);
    // They shared the work: each asked part and took the rest from the other's answers.
    expect(a.checker.stats().sharedHits).toBeGreaterThan(0);
    expect(b.checker.stats().sharedHits).toBeGreaterThan(0);
  });
});
