import { beforeAll, describe, expect, it } from 'vitest';
import { startTestFleet, type TestFleet } from '../support/fleet.ts';
import { post } from '../support/http.ts';
import { candidateAt, planFor } from '../support/tier-numbers.ts';
import { waitFor } from '../support/wait-for.ts';

const MATCH = `query ($input: MatchPhoneInput!) {
  matchPhone(input: $input) { status totals { candidates checked failed } }
}`;

interface Match {
  matchPhone: { status: string; totals: { candidates: number; checked: number; failed: number } };
}

const START = `mutation ($input: MatchPhoneInput!) { startSearch(input: $input) { id } }`;
const CANCEL = `mutation ($id: ID!) { cancelSearch(id: $id) { state } }`;

type Instance = ReturnType<TestFleet['instance']>;

/** Two instances on one simulator, sharing CHECK_CONCURRENCY=`limit`, with quotas out of the way. */
function startPair(limit: number, simulator: NonNullable<Parameters<typeof startTestFleet>[1]>['simulator']) {
  return startTestFleet(2, {
    simulator,
    env: { CHECK_CONCURRENCY: String(limit), SEARCHES_IN_FLIGHT_PER_KEY: '100', SEARCHES_PER_MINUTE_PER_KEY: '100000' },
  });
}

/** Starts a 1,000-number search on `instance` that runs until the returned function cancels it. */
async function startLongSearch(instance: Instance): Promise<() => Promise<unknown>> {
  const started = (
    await post<{ startSearch: { id: string } }>(instance.graphqlUrl, {
      query: START,
      variables: {
        input: { prefix: '1370571', suffix: '7', stopAt: 'ALL' },
      },
    })
  ).json;
  return () => post(instance.graphqlUrl, { query: CANCEL, variables: { id: started.data!.startSearch.id } });
}

describe('fleet: one in-flight budget for every instance on the same Redis', () => {
  let fleet: TestFleet;
  beforeAll(async () => {
    fleet = await startTestFleet(3, {
      simulator: { latencyMs: 15, jitterMs: 5 },
      env: { CHECK_CONCURRENCY: '6', SEARCHES_IN_FLIGHT_PER_KEY: '100', SEARCHES_PER_MINUTE_PER_KEY: '1000' },
    });
  });

  it('holds CHECK_CONCURRENCY at the simulator for three busy instances together, and shares it', async () => {
    fleet.simulator.resetStats();
    // One search of 1,000 distinct candidates per instance, all at once.
    const inputs = ['1', '2', '3'].map((d) => ({ prefix: `138057${d}`, suffix: '7', stopAt: 'ALL' }));
    const results = await Promise.all(
      inputs.map((input, i) =>
        post<Match>(fleet.instance(i % 3).graphqlUrl, { query: MATCH, variables: { input } }).then((r) => r.json),
      ),
    );
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
    // Its lease far outlasts the waits below: only leaving on close, not a lapsed lease, passes.
    const extra = await fleet.add({ FLEET_LEASE_MS: '60000' });
    await waitFor(() => fleet.instance(0).fleet!.budget.stats().instances === 4, 'the fourth instance to join');
    await extra.close();
    fleet.instances.pop();
    await waitFor(() => fleet.instance(0).fleet!.budget.stats().instances === 3, 'the fourth instance to leave');
    // Idle instances hold nothing: the whole limit is free for whoever asks next.
    await waitFor(() => fleet.instances.every((s) => s.fleet!.budget.stats().fleetHeld === 0), 'permits to go back');
  });
});

describe('fleet: two instances sharing a limit of 10 while their searches come and go', () => {
  const LIMIT = 10;
  let fleet: TestFleet;
  beforeAll(async () => {
    fleet = await startPair(LIMIT, { latencyMs: 20, jitterMs: 2 });
  });

  it("a search started on an idle instance takes more than its instance's half while another runs long", async () => {
    const busy = fleet.instance(0);
    const idle = fleet.instance(1);
    const cancelLong = await startLongSearch(busy);
    // The long search holds the whole fleet limit before the new one starts.
    await waitFor(() => busy.fleet!.budget.stats().granted === LIMIT, 'the long search to hold the whole limit');
    fleet.simulator.resetStats();
    // A new search of 100 numbers: more than its head start (2 x the fleet limit dispatches, about half
    // as many numbers in a fleet), so it claims the whole limit for its first window.
    const input = { prefix: '13805718', suffix: '8', stopAt: 'ALL' };
    const result = (await post<Match>(idle.graphqlUrl, { query: MATCH, variables: { input } })).json;
    await cancelLong();
    expect(result.data?.matchPhone.totals).toMatchObject({ checked: planFor(input).total, failed: 0 });
    // Shared by instance, the new search would get half the limit; its head start claims the fleet's.
    expect(idle.checker.stats().inFlightPeak).toBeGreaterThan(LIMIT / 2 + 1);
    // Together, never more than the limit at the service.
    expect(fleet.simulator.stats().peakInFlight).toBeLessThanOrEqual(LIMIT);
  });

  it('one instance runs short searches one after another beside a long one: never more than the limit', async () => {
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const cancelLong = await startLongSearch(a);
    await waitFor(() => a.fleet!.budget.stats().granted === LIMIT, 'the long search to hold the whole limit');
    fleet.simulator.resetStats();
    // Each short search takes permits from A and gives them back: the grants move several times a second.
    // (A renewal's reply races with dispatch on the grant in force; a version that let both instances
    // spend the same permits in that window went over the limit here in about one run in four.)
    const from = performance.now();
    for (let i = 100; performance.now() - from < 1500; i++) {
      const result = (
        await post<Match>(b.graphqlUrl, {
          query: MATCH,
          variables: {
            input: { prefix: `1380${String(i).padStart(5, '0')}`, suffix: '8', stopAt: 'ALL' },
          },
        })
      ).json;
      expect(result.data?.matchPhone.totals.failed).toBe(0);
    }
    await cancelLong();
    expect(fleet.simulator.stats().peakInFlight).toBeLessThanOrEqual(LIMIT);
    // Both sent meanwhile: the long search was not stopped by the short ones, nor they by it.
    expect(fleet.simulator.requestLog.filter((r) => r.phone.startsWith('1370571')).length).toBeGreaterThan(50);
  });
});

describe('fleet: a Retry-After heard by one instance holds every instance', () => {
  // The 30th candidate of the search on A is answered 429 with Retry-After: 1 once.
  const input = { prefix: '13805718', suffix: '8', stopAt: 'ALL' };
  const refused = candidateAt(input, 'NATIONAL', 30);
  let fleet: TestFleet;
  beforeAll(async () => {
    fleet = await startPair(4, {
      latencyMs: 10,
      faults: { retryAfter: '1', phoneFaults: new Map([[refused, { kind: 'rate-limit', times: 1 }]]) },
    });
  });

  it('the other instance sends nothing new until the wait has passed', async () => {
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    // B runs a long search the whole time.
    const cancelLong = await startLongSearch(b);
    await waitFor(() => b.checker.stats().requests > 20, 'the long search on B to be sending');
    const result = (await post<Match>(a.graphqlUrl, { query: MATCH, variables: { input } })).json;
    await cancelLong();
    expect(result.data?.matchPhone.totals).toMatchObject({ checked: planFor(input).total, failed: 0 });
    const log = fleet.simulator.requestLog;
    const at = log.find((r) => r.outcome === 'rate-limit')!.at;
    // Requests already on their way when the 429 left (a few ms at most) are not held back; then neither
    // instance sends anything until the second has passed.
    const during = log.filter((r) => r.at > at + 100 && r.at < at + 950);
    expect(during.length).toBe(0);
    // Both went on afterwards: B's search was still sending when it was cancelled, after the wait.
    expect(log.some((r) => r.at >= at + 950 && r.phone.startsWith('1370571'))).toBe(true);
  });
});

describe('fleet: one CHECK_RATE_LIMIT for every instance on the same Redis', () => {
  const RATE = 60;
  let fleet: TestFleet;
  beforeAll(async () => {
    fleet = await startTestFleet(3, {
      simulator: { latencyMs: 2 },
      env: {
        CHECK_CONCURRENCY: '32',
        CHECK_RATE_LIMIT: String(RATE),
        SEARCHES_IN_FLIGHT_PER_KEY: '100',
        SEARCHES_PER_MINUTE_PER_KEY: '1000',
      },
    });
  });

  it('holds the rate at the simulator for three busy instances together, each of them sending', async () => {
    fleet.simulator.resetStats();
    // Far more work than the rate allows in the window: each instance alone could send hundreds a second.
    const started = await Promise.all(
      ['1', '2', '3'].map((d, i) =>
        post<{ startSearch: { id: string } }>(fleet.instance(i).graphqlUrl, {
          query: START,
          variables: {
            input: { prefix: `138057${d}`, suffix: '7', stopAt: 'ALL' },
          },
        }).then((r) => r.json),
      ),
    );
    const from = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 3000)); // a rate is measured over time
    const to = performance.now();
    await Promise.all(
      started.map((s, i) =>
        post(fleet.instance(i).graphqlUrl, { query: CANCEL, variables: { id: s.data!.startSearch.id } }),
      ),
    );

    const arrived = fleet.simulator.requestLog.filter((r) => r.at >= from && r.at <= to).length;
    const seconds = (to - from) / 1000;
    // The bucket starts full (burst = the rate), each instance may hold one block (~50 ms of rate), and the
    // window's edges are read on our clock, the bucket's on Redis': a few requests of slack, not 3x the rate.
    expect(arrived).toBeLessThanOrEqual(RATE * seconds + RATE + 3 * Math.ceil(RATE / 20) + 5);
    // The rate is used, not starved by the sharing.
    expect(arrived).toBeGreaterThanOrEqual(RATE * seconds * 0.7);
    for (const instance of fleet.instances) expect(instance.checker.stats().requests).toBeGreaterThan(0);
  });
});

describe('fleet: CHECK_CONCURRENCY=auto finds one knee for the whole fleet', () => {
  let fleet: TestFleet;
  beforeAll(async () => {
    fleet = await startTestFleet(3, {
      // Service times long against a busy machine's scheduling noise, so round trips measure the service.
      simulator: { latencyMs: 30, jitterMs: 5, capacity: { workers: 8, queue: 64 } },
      env: { CHECK_CONCURRENCY: 'auto', SEARCHES_IN_FLIGHT_PER_KEY: '100', SEARCHES_PER_MINUTE_PER_KEY: '1000' },
    });
  });

  it('three instances share one limit, grown past the minimum, and the service never sees more than it', async () => {
    fleet.simulator.resetStats();
    const inputs = ['1', '2', '3'].map((d) => ({ prefix: `137057${d}`, suffix: '7', stopAt: 'ALL' }));
    let highest = 0;
    const watch = setInterval(() => {
      for (const s of fleet.instances) highest = Math.max(highest, s.fleet!.budget.stats().fleetLimit);
    }, 5);
    const results = await Promise.all(
      inputs.map((input, i) =>
        post<Match>(fleet.instance(i).graphqlUrl, { query: MATCH, variables: { input } }).then((r) => r.json),
      ),
    );
    clearInterval(watch);
    for (const r of results) expect(r.data?.matchPhone.totals.failed).toBe(0);
    // One fleet limit: every instance reads the lowest any limiter proposes (after the next renewal; the
    // limit at the end may be in a re-measuring dip, so growth is read off the highest it reached).
    const limits = () => new Set(fleet.instances.map((s) => s.fleet!.budget.stats().fleetLimit));
    await waitFor(() => limits().size === 1, 'every instance to read one fleet limit');
    expect(highest).toBeGreaterThanOrEqual(8);
    expect(fleet.simulator.stats().capacity.refused).toBe(0);
    // Together, never more in flight at the service than the fleet's limit at its highest (three
    // independent limiters would each reach the knee: about three times as much).
    expect(fleet.simulator.stats().peakInFlight).toBeLessThanOrEqual(highest);
  }, 60_000); // 3,000 checks at the knee of 8 workers: ~12 s alone
});
