import { describe, expect, it } from 'vitest';
import type { OrderChecker } from '../../src/checker/index.ts';
import { buildSearchRequest, type SearchInput } from '../../src/plan/search-request.ts';
import { SearchEngine } from '../../src/search/search-engine.ts';
import type { Simulator } from '../../src/simulator/index.ts';
import { embeddedIndex } from '../support/segment-data.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { numbers, startChecker } from '../support/checker.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The bound is asserted where it matters, at the order service: the simulator's own high-water mark of
 * requests it holds (a request whose client left stays counted while a worker has it) and the TCP
 * connections it accepted. Slack: one connection, for undici's connect racing a socket being freed.
 */
const BOUND = 16;
const CONNECTION_SLACK = 1;
const CITY: SearchInput = { prefix: '138', suffix: '1234', city: '杭州' };
const NATIONWIDE: SearchInput = { prefix: '138', suffix: '1234' };

let sim: Simulator;
let checker: OrderChecker;

async function start(matches: string[] = [], deadlineMs = 60_000): Promise<SearchEngine> {
  // A capacity model with room for all: the service never refuses, so only our bound limits in flight.
  ({ sim, checker } = await startChecker(
    { latencyMs: 15, jitterMs: 10, numbers: new Set(matches), capacity: { workers: 1000 } },
    { concurrency: BOUND, timeoutMs: 5000 },
  ));
  return new SearchEngine(checker, { deadlineMs });
}

function expectBoundHeld(): void {
  const stats = sim.stats();
  expect(stats.requests).toBeGreaterThan(BOUND * 4);
  expect(stats.peakInFlight).toBeLessThanOrEqual(BOUND);
  expect(stats.connections.opened).toBeLessThanOrEqual(BOUND + CONNECTION_SLACK);
  expect(stats.outcomes.aborted).toBeUndefined();
}

describe('the in-flight bound holds at the order service', () => {
  it('under early stops beside a nationwide search', async () => {
    const engine = await start([candidateAt(CITY, 'CITY', 30)]);
    const stop = new AbortController();
    const nationwide = engine.search(buildSearchRequest(embeddedIndex(), NATIONWIDE), {
      stopAt: 'ALL',
      signal: stop.signal,
    });
    for (let i = 0; i < 6; i++) {
      checker.clearCache();
      const city = await engine.search(buildSearchRequest(embeddedIndex(), CITY), { stopAt: 'FIRST_MATCH' });
      expect(city.status).toBe('MATCHED');
    }
    stop.abort();
    await nationwide;
    await waitFor(() => checker.stats().inFlight === 0, 'requests out at the stops to be answered', 5000);
    expectBoundHeld();
  });

  it('under client cancels', async () => {
    await start();
    for (let round = 0; round < 6; round++) {
      const client = new AbortController();
      const session = checker.session(client.signal);
      const run = session.run(numbers(500, '139', round * 500), () => {});
      // The previous round's requests are still out: this one gets slots only as they are answered.
      await waitFor(() => session.requests >= BOUND / 2, 'the session to get slots', 2000);
      client.abort();
      expect(await run).toMatchObject({ cancelled: true });
    }
    await waitFor(() => checker.stats().inFlight === 0, 'cancelled requests to be answered', 5000);
    expectBoundHeld();
  });

  it('under search deadlines', async () => {
    const engine = await start([], 150);
    for (let i = 0; i < 4; i++) {
      const result = await engine.search(buildSearchRequest(embeddedIndex(), NATIONWIDE), { stopAt: 'ALL' });
      expect(result.status).toBe('TIMED_OUT');
    }
    await waitFor(() => checker.stats().inFlight === 0, 'requests out at the deadlines to be answered', 5000);
    expectBoundHeld();
  });

  it('at shutdown: close() aborts what is still out and sends nothing more', async () => {
    await start();
    const run = checker.session().run(numbers(2000), () => {});
    await waitFor(() => sim.stats().requests >= BOUND * 4, 'traffic', 5000);
    await checker.close();
    expect(await run).toMatchObject({ cancelled: true });
    const stats = sim.stats();
    expect(stats.peakInFlight).toBeLessThanOrEqual(BOUND);
    expect(stats.connections.opened).toBeLessThanOrEqual(BOUND + CONNECTION_SLACK);
    const seen = stats.requests;
    await waitFor(() => sim.stats().connections.open === 0, 'connections closed', 2000);
    expect(sim.stats().requests).toBe(seen);
  });
});
