import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFleet, post, type TestFleet } from '../support/fleet.ts';
import { waitFor } from '../support/wait-for.ts';

const MATCH = `query ($input: MatchPhoneInput!) {
  matchPhone(input: $input) { status totals { candidates checked failed } }
}`;

interface Match {
  matchPhone: { status: string; totals: { candidates: number; checked: number; failed: number } };
}

describe('fleet: one in-flight budget for every instance on the same Redis', () => {
  let fleet: TestFleet;
  beforeAll(async () => {
    fleet = await startTestFleet(3, {
      simulator: { latencyMs: 15, jitterMs: 5 },
      env: { CHECK_CONCURRENCY: '6', SEARCHES_IN_FLIGHT_PER_KEY: '100', SEARCHES_PER_MINUTE_PER_KEY: '1000' },
    });
  });
  afterAll(() => fleet?.close());

  it('holds CHECK_CONCURRENCY at the simulator for three busy instances together, and shares it', async () => {
    fleet.simulator.resetStats();
    // One search of 1,000 distinct candidates per instance, all at once.
    const inputs = ['1', '2', '3'].map((d) => ({ prefix: `138057${d}`, suffix: '7', stopAt: 'ALL' }));
    const results = await Promise.all(inputs.map((input, i) => post<Match>(fleet.instances[i % 3]!, MATCH, { input })));
    for (const r of results) expect(r.data?.matchPhone.totals.failed).toBe(0);
    const stats = fleet.simulator.stats();
    expect(stats.requests).toBe(results.reduce((n, r) => n + r.data!.matchPhone.totals.checked, 0));
    expect(stats.peakInFlight).toBeLessThanOrEqual(6);
    // The bound was used, not starved: more than one instance's worth was in flight at once at some point.
    expect(stats.peakInFlight).toBeGreaterThanOrEqual(4);
    for (const instance of fleet.instances) {
      expect(instance.checker.stats().requests).toBeGreaterThan(0);
      expect(instance.fleet!.budget.stats()).toMatchObject({ fleetLimit: 6, instances: 3 });
    }
  });

  it('idle instances hold no permits, and one that leaves is gone from the count', async () => {
    const extra = await fleet.add();
    await waitFor(() => fleet.instances[0]!.fleet!.budget.stats().instances === 4, 'the fourth instance to join');
    await extra.close();
    fleet.instances.pop();
    await waitFor(() => fleet.instances[0]!.fleet!.budget.stats().instances === 3, 'the fourth instance to leave');
    // Idle instances hold nothing: the whole limit is free for whoever asks next.
    await waitFor(() => fleet.instances.every((s) => s.fleet!.budget.stats().fleetHeld === 0), 'permits to go back');
  });
});
