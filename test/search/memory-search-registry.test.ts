import { afterEach, describe, expect, it } from 'vitest';
import { OrderChecker } from '../../src/checker/index.ts';
import { buildSearchRequest } from '../../src/plan/search-request.ts';
import { MemorySearchRegistry } from '../../src/search/memory-search-registry.ts';
import { SearchEngine } from '../../src/search/search-engine.ts';
import { type Simulator, startSimulator } from '../../src/simulator/server.ts';
import { embeddedIndex } from '../support/segment-data.ts';
import { waitFor } from '../support/wait-for.ts';

/** The registry without GraphQL: a real engine and checker against the simulator. */
describe('MemorySearchRegistry', () => {
  let simulator: Simulator | undefined;
  let checker: OrderChecker | undefined;
  let registry: MemorySearchRegistry | undefined;
  afterEach(async () => {
    await registry?.close();
    await checker?.close();
    await simulator?.stop();
  });

  async function setUp(unwatchedGraceMs: number) {
    simulator = await startSimulator({ token: 't', latencyMs: 20 });
    checker = new OrderChecker({
      orderService: { urlTemplate: simulator.ordersUrlTemplate, sessionToken: 't' },
      concurrency: 4,
    });
    registry = new MemorySearchRegistry(new SearchEngine(embeddedIndex(), checker), {
      unwatchedGraceMs,
      retentionMs: 60_000,
    });
    let released = 0;
    const search = await registry.start({
      request: buildSearchRequest(embeddedIndex(), { mask: '138****1234' }),
      stopAt: 'FIRST_MATCH',
      owner: { apiKeyId: 'alice' },
      onEnd: () => void released++,
    });
    return { registry, id: search.id, released: () => released };
  }

  it('the grace starts again when the last watcher leaves, and then cancels the search', async () => {
    const { registry, id, released } = await setUp(150);
    const watcher = (await registry.watch(id, 'alice'))!;
    expect((await watcher.next()).value?.type).toBe('started');
    // Watched: running well past the grace.
    await waitFor(() => simulator!.stats().requests > 120, 'checks to go on past the grace');
    expect((await registry.get(id, 'alice'))?.state).toBe('RUNNING');
    await watcher.return?.();
    await waitFor(async () => (await registry.get(id, 'alice'))?.state === 'FINISHED', 'the grace to run out');
    expect((await registry.get(id, 'alice'))?.result?.status).toBe('CANCELLED');
    expect(released()).toBe(1);
  });

  it('answers another key as for an unknown id, and close cancels what runs', async () => {
    const { registry, id, released } = await setUp(60_000);
    expect(await registry.get(id, 'bob')).toBeUndefined();
    expect(await registry.watch(id, 'bob')).toBeUndefined();
    expect(await registry.cancel(id, 'bob')).toBeUndefined();
    expect((await registry.get(id, 'alice'))?.state).toBe('RUNNING');
    await registry.close();
    expect(released()).toBe(1);
    expect(simulator!.stats().inFlight).toBe(0);
  });
});
