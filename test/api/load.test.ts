import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventsOverWebSocket, finalResult } from '../support/clients.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { planFor } from '../support/tier-numbers.ts';
import { waitFor } from '../support/wait-for.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function steadyHeap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** 200 distinct searches of 100 candidates each, each with one number with orders somewhere in it. */
const SEARCHES = Array.from({ length: 200 }, (_, i) => {
  const input = { prefix: `1380${String(i).padStart(3, '0')}1`, suffix: '2' };
  const plan = planFor(input);
  const tier = plan.tiers.find((t) => t.candidates > 0)!.tier;
  return { input, expected: [...plan.candidates(tier)][(i * 37) % 100]! };
});

describe('load: 200 concurrent subscriptions over graphql-ws', () => {
  let running: TestService;
  beforeAll(async () => {
    running = await startTestService({
      simulator: { numbers: new Set(SEARCHES.map((s) => s.expected)) },
      env: { CHECK_CONCURRENCY: '64', SEARCHES_IN_FLIGHT_PER_KEY: '1000', SEARCHES_PER_MINUTE_PER_KEY: '100000' },
    });
    // Warm up once so lazily created state is part of the baseline.
    await eventsOverWebSocket(running.graphqlUrl, { prefix: '13900000', suffix: '1' });
  });

  it('every search completes with the right match, and handles and memory return to their baseline', async () => {
    const handlesBefore = process.getActiveResourcesInfo().length;
    const heapBefore = steadyHeap();

    const results = await Promise.all(SEARCHES.map(({ input }) => eventsOverWebSocket(running.graphqlUrl, input)));

    results.forEach((events, i) => {
      const result = finalResult(events);
      expect(result.status).toBe('MATCHED');
      expect(result.matches.map((m) => m.phone)).toEqual([SEARCHES[i]!.expected]);
    });
    await waitFor(
      () => running.engine.activeSearches === 0 && running.checker.stats().inFlight === 0,
      'searches to end',
    );
    await waitFor(() => process.getActiveResourcesInfo().length <= handlesBefore + 2, 'sockets and timers to close');
    const heapAfter = steadyHeap();
    expect(heapAfter - heapBefore).toBeLessThan(30 * 1024 * 1024);
  });
});
