import { describe, expect, it } from 'vitest';
import {
  CancelSearchDocument,
  type MatchPhoneInput,
  SearchDocument,
  StartSearchDocument,
} from '../../schema/generated/graphql.ts';
import type { SimulatorOptions } from '../../src/simulator/server.ts';
import { type StartedSearchEvent, startedSearchErrors, watchStartedSearch } from '../support/clients.ts';
import { ALICE_KEY, BOB_KEY, PRODUCTION, bearer } from '../support/production.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { waitFor, waitUntilSteady } from '../support/wait-for.ts';

type Event = StartedSearchEvent;

/** 1000 candidates, all in the CITY tier (Hangzhou's segment 1380571). */
const CITY_ONLY = { prefix: '1380571', suffix: '1', city: '杭州', stopAt: 'ALL' } as const satisfies MatchPhoneInput;
const IN_CITY = [50, 400, 900].map((i) => candidateAt(CITY_ONLY, 'CITY', i));
const SLOW_NATIONWIDE = { mask: '138****1234' } as const satisfies MatchPhoneInput;

function start(env: Record<string, string> = {}, simulator: SimulatorOptions = {}) {
  return startTestService({ simulator: { numbers: new Set(IN_CITY), ...simulator }, env });
}

const auth = (key?: string) => (key ? bearer(key) : {});

async function startSearch(service: TestService, input: MatchPhoneInput, key?: string) {
  const { data, errors } = await service.graphql(StartSearchDocument, { input }, { headers: auth(key) });
  expect(errors).toBeUndefined();
  return data!.startSearch;
}

async function readSearch(service: TestService, id: string, key?: string) {
  const { data, errors } = await service.graphql(SearchDocument, { id }, { headers: auth(key) });
  expect(errors).toBeUndefined();
  return data!.search;
}

/** searchEvents(id) over one transport, read until the stream ends or `until` says stop. */
const watch = (
  service: TestService,
  transport: 'ws' | 'sse',
  id: string,
  options: { key?: string; until?: (event: Event) => boolean } = {},
) => watchStartedSearch(service.graphqlUrl, id, { transport, ...options });

/** The first error searchEvents(id) answers with over one transport. */
const watchError = (service: TestService, transport: 'ws' | 'sse', id: string, key?: string) =>
  startedSearchErrors(service.graphqlUrl, id, { transport, ...(key ? { key } : {}) });

const matchesIn = (events: Event[]) =>
  events.flatMap((e) => (e.__typename === 'MatchFound' ? [e.match.phone] : [])).sort();

function finishedOf(events: Event[]) {
  const last = events.at(-1);
  if (last?.__typename !== 'SearchFinished') throw new Error(`ended with ${last?.__typename}`);
  return last.result;
}

async function expectTrafficStops(service: TestService) {
  const steady = await waitUntilSteady(() => service.simulator.stats().requests, 300);
  expect(steady).toBeLessThan(10_000);
  await waitFor(() => service.engine.activeSearches === 0, 'the search to end');
  expect(service.simulator.stats().inFlight).toBe(0);
}

describe('startSearch, then searchEvents', () => {
  it.each(['ws', 'sse'] as const)('returns at once, and the search can be watched to its end over %s', async (t) => {
    const service = await start({}, { latencyMs: 5 });
    const started = await startSearch(service, CITY_ONLY);
    expect(started).toMatchObject({ state: 'RUNNING', input: { query: '1380571***1', city: '杭州', stopAt: 'ALL' } });
    expect(Date.parse(started.startedAt)).not.toBeNaN();

    const events = await watch(service, t, started.id);
    expect(events[0]!.__typename).toBe('SearchStarted');
    expect(events.every((e) => !('searchId' in e) || e.searchId === started.id)).toBe(true);
    const result = finishedOf(events);
    expect(result.status).toBe('MATCHED');
    expect(result.searchId).toBe(started.id);
    expect(matchesIn(events)).toEqual([...IN_CITY].sort());

    const read = await readSearch(service, started.id);
    expect(read).toMatchObject({ id: started.id, state: 'FINISHED', result: { status: 'MATCHED' } });
    expect(read!.progress.find((p) => p.tier === 'CITY')).toMatchObject({ checked: 1000, withOrders: 3 });
    expect(Date.parse(read!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(started.startedAt));
  });

  it('a watcher that arrives after the end gets the replay: plan, newest progress, every match, the result', async () => {
    const service = await start();
    const { id } = await startSearch(service, CITY_ONLY);
    await waitFor(async () => (await readSearch(service, id))?.state === 'FINISHED', 'the search to finish');
    for (const transport of ['ws', 'sse'] as const) {
      const events = await watch(service, transport, id);
      expect(events[0]!.__typename).toBe('SearchStarted');
      expect(matchesIn(events)).toEqual([...IN_CITY].sort());
      expect(events.filter((e) => e.__typename === 'TierProgress')).toHaveLength(1);
      expect(
        finishedOf(events)
          .matches.map((m) => m.phone)
          .sort(),
      ).toEqual([...IN_CITY].sort());
    }
  });

  it('a watcher that drops mid-search and watches again (another transport) loses no match', async () => {
    // The grace is shorter than the search: only the watchers keep it running.
    const service = await start({ SEARCH_UNWATCHED_GRACE_MS: '2000', CHECK_CONCURRENCY: '8' }, { latencyMs: 30 });
    const { id } = await startSearch(service, CITY_ONLY);
    const before = await watch(service, 'ws', id, { until: (e) => e.__typename === 'MatchFound' });
    expect(matchesIn(before)).toEqual([IN_CITY[0]]);
    const after = await watch(service, 'sse', id);
    expect(after[0]!.__typename).toBe('SearchStarted');
    expect(matchesIn(after)).toEqual([...IN_CITY].sort());
    expect(finishedOf(after).status).toBe('MATCHED');
  });
});

describe('the life of a started search', () => {
  it('with no watcher it is cancelled after the grace period, and its upstream traffic stops', async () => {
    const service = await start({ SEARCH_UNWATCHED_GRACE_MS: '300' }, { latencyMs: 20 });
    const { id } = await startSearch(service, SLOW_NATIONWIDE);
    await waitFor(() => service.simulator.stats().requests > 8, 'checks to start');
    await waitFor(async () => (await readSearch(service, id))?.state === 'FINISHED', 'the grace to run out');
    const read = await readSearch(service, id);
    expect(read!.result).toMatchObject({ status: 'CANCELLED' });
    expect(read!.progress.some((p) => p.outcome === 'CANCELLED')).toBe(true);
    await expectTrafficStops(service);
  });

  it('a finished search is forgotten after the retention period', async () => {
    const service = await start({ SEARCH_RETENTION_MS: '300' });
    const { id } = await startSearch(service, { prefix: '138057112', suffix: '1' });
    const events = await watch(service, 'ws', id);
    expect(finishedOf(events).status).toBe('NOT_FOUND');
    await waitFor(async () => (await readSearch(service, id)) === null, 'the search to be forgotten');
    expect((await watchError(service, 'ws', id))[0]?.extensions).toMatchObject({ code: 'SEARCH_NOT_FOUND' });
  });

  it('cancelSearch stops it and its requests to the order service, and answers with the CANCELLED result', async () => {
    const service = await start({}, { latencyMs: 20 });
    const { id } = await startSearch(service, SLOW_NATIONWIDE);
    await waitFor(
      async () => ((await readSearch(service, id))?.progress.find((p) => p.outcome === 'RUNNING')?.checked ?? 0) > 0,
      'progress of the running tier',
    );
    // While it runs, the tier being searched reads RUNNING with its counts so far; later ones NOT_REACHED.
    const running = await readSearch(service, id);
    expect(running!.state).toBe('RUNNING');
    expect(running!.progress.filter((p) => p.outcome === 'RUNNING')).toHaveLength(1);
    expect(running!.progress.at(-1)).toMatchObject({ tier: 'UNLOCATED', outcome: 'NOT_REACHED', checked: 0 });
    const { data, errors } = await service.graphql(CancelSearchDocument, { id });
    expect(errors).toBeUndefined();
    expect(data!.cancelSearch).toMatchObject({ id, state: 'FINISHED', result: { status: 'CANCELLED' } });
    await expectTrafficStops(service);
    // Cancelling again changes nothing.
    expect((await service.graphql(CancelSearchDocument, { id })).data!.cancelSearch.result?.status).toBe('CANCELLED');
  });

  it('counts against the key’s in-flight quota while it runs', async () => {
    const service = await start({ SEARCHES_IN_FLIGHT_PER_KEY: '1' }, { latencyMs: 20 });
    const first = await startSearch(service, SLOW_NATIONWIDE);
    const refused = await service.graphql(StartSearchDocument, { input: SLOW_NATIONWIDE });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_SEARCHES', retryAfterSeconds: 1 });
    await service.graphql(CancelSearchDocument, { id: first.id });
    const second = await startSearch(service, SLOW_NATIONWIDE);
    await service.graphql(CancelSearchDocument, { id: second.id });
  });
});

describe('a search belongs to the API key that started it (production mode)', () => {
  it('another key can neither see, watch nor cancel it', async () => {
    const service = await start(PRODUCTION, { latencyMs: 20 });
    const { id } = await startSearch(service, SLOW_NATIONWIDE, ALICE_KEY);
    await waitFor(() => service.simulator.stats().requests > 8, 'checks to start');

    expect(await readSearch(service, id, BOB_KEY)).toBeNull();
    const cancel = await service.graphql(CancelSearchDocument, { id }, { headers: auth(BOB_KEY) });
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'SEARCH_NOT_FOUND', field: 'id' });
    for (const transport of ['ws', 'sse'] as const)
      expect((await watchError(service, transport, id, BOB_KEY))[0]?.extensions).toMatchObject({
        code: 'SEARCH_NOT_FOUND',
      });

    // Still Alice's, still running, and hers to watch and cancel.
    expect(await readSearch(service, id, ALICE_KEY)).toMatchObject({ state: 'RUNNING' });
    const seen = await watch(service, 'ws', id, { key: ALICE_KEY, until: (e) => e.__typename === 'TierStarted' });
    expect(seen[0]!.__typename).toBe('SearchStarted');
    const cancelled = await service.graphql(CancelSearchDocument, { id }, { headers: auth(ALICE_KEY) });
    expect(cancelled.data?.cancelSearch.result?.status).toBe('CANCELLED');
    await expectTrafficStops(service);
  });
});

describe('a bad id', () => {
  it('is null for search, SEARCH_NOT_FOUND for cancelSearch and searchEvents', async () => {
    const service = await start();
    for (const id of ['no-such-search', '00000000-0000-4000-8000-000000000000']) {
      expect(await readSearch(service, id)).toBeNull();
      const cancel = await service.graphql(CancelSearchDocument, { id });
      expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'SEARCH_NOT_FOUND', field: 'id' });
      for (const transport of ['ws', 'sse'] as const)
        expect((await watchError(service, transport, id))[0]?.extensions).toMatchObject({ code: 'SEARCH_NOT_FOUND' });
    }
    expect(service.simulator.stats().requests).toBe(0);
  });
});
