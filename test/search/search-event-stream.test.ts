import { describe, expect, it } from 'vitest';
import { OrderChecker } from '../../src/checker/index.ts';
import { buildSearchRequest, type SearchInput } from '../../src/plan/search-request.ts';
import { SearchEventLog } from '../../src/search/event-log.ts';
import { SearchEngine } from '../../src/search/search-engine.ts';
import { searchEventStream } from '../../src/search/search-event-stream.ts';
import type { SearchEvent } from '../../src/search/search-types.ts';
import { type Simulator, startSimulator } from '../../src/simulator/server.ts';
import { leave } from '../support/leftovers.ts';
import { embeddedIndex } from '../support/segment-data.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { waitFor, waitUntilSteady } from '../support/wait-for.ts';

const SMALL: SearchInput = { prefix: '1380571', suffix: '1', city: '杭州' };
const NATIONWIDE: SearchInput = { mask: '138****1234' };

/** The search event stream without GraphQL: a real engine and checker against the simulator. */
describe('searchEventStream', () => {
  let simulator: Simulator | undefined;

  async function engineWith(options: { latencyMs?: number; numbers?: Set<string> } = {}) {
    simulator = await startSimulator({ token: 't', ...options });
    leave(() => simulator!.stop());
    const checker = new OrderChecker({
      orderService: { urlTemplate: simulator.ordersUrlTemplate, sessionToken: 't' },
      concurrency: 8,
    });
    leave(() => checker.close());
    return new SearchEngine(checker, { progressIntervalMs: 0 });
  }

  function counter() {
    let calls = 0;
    return { release: () => void calls++, calls: () => calls };
  }

  async function expectTrafficStopped(engine: SearchEngine) {
    const steady = await waitUntilSteady(() => simulator!.stats().requests, 200);
    expect(steady).toBeLessThan(10_000);
    await waitFor(() => engine.activeSearches === 0, 'the search to end');
    expect(simulator!.stats().inFlight).toBe(0);
  }

  it('streams the search to SearchFinished, then ends; the quota slot is released once', async () => {
    const engine = await engineWith({ numbers: new Set([candidateAt(SMALL, 'CITY', 5)]) });
    const slot = counter();
    const events: SearchEvent[] = [];
    for await (const event of searchEventStream(engine, buildSearchRequest(embeddedIndex(), SMALL), {
      stopAt: 'ALL',
      onEnd: slot.release,
    }))
      events.push(event);
    expect(events[0]!.type).toBe('started');
    expect(events.filter((e) => e.type === 'match')).toHaveLength(1);
    const last = events.at(-1)!;
    expect(last.type === 'finished' && last.result.status).toBe('MATCHED');
    expect(slot.calls()).toBe(1);
  });

  it('a consumer that leaves before reading anything cancels the search and its upstream traffic', async () => {
    const engine = await engineWith({ latencyMs: 20 });
    const slot = counter();
    const stream = searchEventStream(engine, buildSearchRequest(embeddedIndex(), NATIONWIDE), {
      stopAt: 'FIRST_MATCH',
      onEnd: slot.release,
    });
    await waitFor(() => simulator!.stats().requests > 8, 'checks to start');
    await stream.return?.();
    await expectTrafficStopped(engine);
    expect(slot.calls()).toBe(1);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('a consumer that leaves mid-search cancels it', async () => {
    const engine = await engineWith({ latencyMs: 20 });
    const slot = counter();
    const stream = searchEventStream(engine, buildSearchRequest(embeddedIndex(), NATIONWIDE), {
      stopAt: 'FIRST_MATCH',
      onEnd: slot.release,
    });
    for await (const event of stream) if (event.type === 'progress' && event.checked > 8) break;
    await expectTrafficStopped(engine);
    expect(slot.calls()).toBe(1);
  });

  it('an aborted signal cancels the search, and the consumer still receives the final CANCELLED result', async () => {
    const engine = await engineWith({ latencyMs: 20 });
    const slot = counter();
    const controller = new AbortController();
    const stream = searchEventStream(engine, buildSearchRequest(embeddedIndex(), NATIONWIDE), {
      stopAt: 'FIRST_MATCH',
      signal: controller.signal,
      onEnd: slot.release,
    });
    expect((await stream.next()).value?.type).toBe('started');
    await waitFor(() => simulator!.stats().requests > 8, 'checks to start');
    controller.abort();
    const rest: SearchEvent[] = [];
    for await (const event of stream) rest.push(event);
    const last = rest.at(-1)!;
    expect(last.type === 'finished' && last.result.status).toBe('CANCELLED');
    await expectTrafficStopped(engine);
    expect(slot.calls()).toBe(1);
  });
});

describe('SearchEventLog', () => {
  const progress = (tier: 'CITY' | 'PROVINCE', checked: number): SearchEvent => ({
    type: 'progress',
    searchId: 's',
    tier,
    checked,
    total: 100,
    failed: 0,
    withOrders: 0,
  });
  const started: SearchEvent = { type: 'started', searchId: 's', query: '138****1234', total: 200, tiers: [] };

  it('replays the newest progress of each tier, in order with what came after', () => {
    const log = new SearchEventLog();
    log.append(started);
    log.append(progress('CITY', 1));
    log.append(progress('CITY', 2));
    log.append(progress('PROVINCE', 5));
    log.append(progress('CITY', 3));
    expect(log.replay()).toEqual([started, progress('PROVINCE', 5), progress('CITY', 3)]);
  });

  it('a slow follower gets the newest progress, never a backlog of old ones', async () => {
    const log = new SearchEventLog();
    const follower = log.follow();
    log.append(started);
    for (let i = 1; i <= 50; i++) log.append(progress('CITY', i));
    const read: SearchEvent[] = [];
    read.push((await follower.next()).value as SearchEvent);
    read.push((await follower.next()).value as SearchEvent);
    expect(read).toEqual([started, progress('CITY', 50)]);
    await follower.return?.();
  });

  it('hands an unexpected failure to its followers', async () => {
    const log = new SearchEventLog();
    const follower = log.follow();
    const pending = follower.next();
    log.fail(new Error('boom'));
    await expect(pending).rejects.toThrow('boom');
    expect(await follower.next()).toEqual({ value: undefined, done: true });
  });
});
