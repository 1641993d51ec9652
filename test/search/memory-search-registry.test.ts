import { describe, expect, it } from 'vitest';
import { buildSearchRequest } from '../../src/plan/search-request.ts';
import { MemorySearchRegistry } from '../../src/search/memory-search-registry.ts';
import { SearchEngine } from '../../src/search/search-engine.ts';
import type { SearchEvent } from '../../src/search/search-types.ts';
import type { Simulator } from '../../src/simulator/server.ts';
import { startChecker } from '../support/checker.ts';
import { leave } from '../support/leftovers.ts';
import { embeddedIndex } from '../support/segment-data.ts';
import { waitFor } from '../support/wait-for.ts';

/** The registry without GraphQL: a real engine and checker against the simulator. */
describe('MemorySearchRegistry', () => {
  let simulator: Simulator | undefined;

  async function setUp(unwatchedGraceMs: number) {
    const started = await startChecker({ latencyMs: 20 }, { concurrency: 4 });
    simulator = started.sim;
    const { checker } = started;
    const registry = new MemorySearchRegistry(new SearchEngine(checker), {
      unwatchedGraceMs,
      retentionMs: 60_000,
    });
    leave(() => registry.close());
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

describe('MemorySearchRegistry, a search that fails unexpectedly', () => {
  it('reads as over: INCOMPLETE with where it stood and why, as the fleet registry writes it', async () => {
    const { checker } = await startChecker({ latencyMs: 5 }, { concurrency: 4 });
    // A bug after the first progress: the engine's run rejects (no real part fails this way on purpose).
    class BrokenEngine extends SearchEngine {
      override search(...[request, options = {}]: Parameters<SearchEngine['search']>) {
        return super.search(request, {
          ...options,
          onEvent: (event) => {
            options.onEvent?.(event);
            if (event.type === 'progress') throw new Error('a bug in a listener');
          },
        });
      }
    }
    const registry = new MemorySearchRegistry(new BrokenEngine(checker), {
      unwatchedGraceMs: 60_000,
      retentionMs: 60_000,
    });
    leave(() => registry.close());
    const { id } = await registry.start({
      request: buildSearchRequest(embeddedIndex(), { mask: '138****1234' }),
      stopAt: 'FIRST_MATCH',
      owner: { apiKeyId: 'alice' },
    });
    // A watcher gets the end as a SearchFinished carrying that result (not an error), as in a fleet.
    const events = await registry.watch(id, 'alice');
    const seen: SearchEvent[] = [];
    for await (const event of events!) seen.push(event);
    const last = seen.at(-1);
    expect(last?.type).toBe('finished');
    const record = await registry.get(id, 'alice');
    expect(record?.state).toBe('FINISHED');
    expect(last?.type === 'finished' && last.result).toEqual(record?.result);
    expect(record?.result).toMatchObject({ status: 'INCOMPLETE', note: 'the search failed unexpectedly' });
    expect(record?.result?.tiers.map((t) => t.tier)).toEqual(['CITY', 'PROVINCE', 'NATIONAL', 'UNLOCATED']);
    // Final outcomes only: the tier that was running ended there (RUNNING is for a running search's progress).
    const outcomes = record!.result!.tiers.map((t) => t.outcome);
    expect(outcomes).not.toContain('RUNNING');
    expect(outcomes).toContain('CANCELLED');
  });
});
