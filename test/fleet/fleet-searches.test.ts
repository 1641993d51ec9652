import { print, type DocumentNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CancelSearchDocument,
  SearchDocument,
  SearchEventsDocument,
  StartSearchDocument,
  type SearchEventsSubscription,
} from '../../schema/generated/graphql.ts';
import { startSearchOn, wsClient } from '../support/clients.ts';
import { startTestFleet, type TestFleet } from '../support/fleet.ts';
import { post } from '../support/http.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { waitFor, waitUntilSteady } from '../support/wait-for.ts';

type Event = SearchEventsSubscription['searchEvents'];

const text = (doc: unknown) => print(doc as DocumentNode);

/** Watches a search over graphql-ws on one instance; `events` fills as they come, `done` when it ends. */
function watch(graphqlUrl: string, id: string) {
  const client = wsClient(graphqlUrl);
  const events: Event[] = [];
  const done = (async () => {
    try {
      for await (const r of client.iterate<SearchEventsSubscription>({
        query: text(SearchEventsDocument),
        variables: { id },
      })) {
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        if (r.data) events.push(r.data.searchEvents);
      }
    } finally {
      await client.dispose();
    }
    return events;
  })();
  // A test that fails before awaiting `done` must not leave a rejection behind when its fleet closes.
  done.catch(() => {});
  return { events, done };
}

const MATCH_INPUT = { prefix: '1390571', suffix: '55', stopAt: 'ALL' as const };
const WITH_ORDERS = candidateAt(MATCH_INPUT, 'NATIONAL', -1);

describe('fleet: a search started on one instance is read, watched and cancelled from the others', () => {
  let fleet: TestFleet;
  beforeAll(async () => {
    fleet = await startTestFleet(3, {
      simulator: { latencyMs: 20, numbers: new Set([WITH_ORDERS]) },
      env: { CHECK_CONCURRENCY: '4' },
    });
  });

  it('started on A, watched on B and cancelled from C: B sees it end CANCELLED and the traffic stops', async () => {
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const c = fleet.instance(2);
    const started = (
      await post<{ startSearch: { id: string; state: string } }>(a.graphqlUrl, {
        query: text(StartSearchDocument),
        variables: {
          input: { prefix: '1380571', suffix: '9', stopAt: 'ALL' },
        },
      })
    ).json;
    const id = started.data!.startSearch.id;
    expect(started.data!.startSearch.state).toBe('RUNNING');

    const watcher = watch(b.graphqlUrl, id);
    await waitFor(() => watcher.events.some((e) => e.__typename === 'TierProgress'), 'progress on B', 25_000);

    const read = (
      await post<{ search: { state: string; progress: Array<{ checked: number }> } }>(c.graphqlUrl, {
        query: text(SearchDocument),
        variables: { id },
      })
    ).json;
    expect(read.data?.search.state).toBe('RUNNING');
    expect(read.data!.search.progress.reduce((n, t) => n + t.checked, 0)).toBeGreaterThan(0);

    const cancelled = (
      await post<{ cancelSearch: { state: string; result: { status: string } } }>(c.graphqlUrl, {
        query: text(CancelSearchDocument),
        variables: { id },
      })
    ).json;
    expect(cancelled.data?.cancelSearch).toMatchObject({ state: 'FINISHED', result: { status: 'CANCELLED' } });
    const events = await watcher.done;
    expect(events[0]?.__typename).toBe('SearchStarted');
    const last = events.at(-1);
    expect(last?.__typename === 'SearchFinished' && last.result.status).toBe('CANCELLED');
    const steady = await waitUntilSteady(() => fleet.simulator.stats().requests, 300);
    expect(steady).toBeLessThan(1000);
  });

  it('a finished search replays on any instance with its matches, and reads FINISHED everywhere', async () => {
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const c = fleet.instance(2);
    const id = await startSearchOn(a.graphqlUrl, MATCH_INPUT);
    const live = await watch(b.graphqlUrl, id).done;
    expect(
      live.filter((e) => e.__typename === 'MatchFound').map((e) => e.__typename === 'MatchFound' && e.match.phone),
    ).toEqual([WITH_ORDERS]);
    const replay = await watch(c.graphqlUrl, id).done;
    expect(replay.map((e) => e.__typename)).toEqual(
      live
        .filter(
          (e, i, all) =>
            e.__typename !== 'TierProgress' ||
            all.findLastIndex((x) => x.__typename === 'TierProgress' && x.tier === e.tier) === i,
        )
        .map((e) => e.__typename),
    );
    const read = (
      await post<{
        search: { state: string; result: { status: string; matches: Array<{ phone: string }> } };
      }>(c.graphqlUrl, { query: text(SearchDocument), variables: { id } })
    ).json;
    expect(read.data?.search).toMatchObject({
      state: 'FINISHED',
      result: { status: 'MATCHED', matches: [{ phone: WITH_ORDERS }] },
    });
  });
});

describe('fleet: an instance shutting down (SIGTERM path) with others alive', () => {
  let fleet: TestFleet;
  const INPUT = { prefix: '1370571', suffix: '8', stopAt: 'ALL' as const };
  const LATE = candidateAt(INPUT, 'NATIONAL', -5);
  beforeAll(async () => {
    fleet = await startTestFleet(2, {
      simulator: { latencyMs: 20, numbers: new Set([LATE]) },
      env: { CHECK_CONCURRENCY: '8' },
    });
  });

  it('hands its searches over: the watcher on the other instance sees them finish there, not CANCELLED', async () => {
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const id = await startSearchOn(a.graphqlUrl, INPUT);
    const watcher = watch(b.graphqlUrl, id);
    await waitFor(() => watcher.events.some((e) => e.__typename === 'TierProgress'), 'progress on B', 25_000);
    await a.close();
    fleet.instances.shift();
    const askedWhenAStopped = fleet.simulator.stats().requests;
    const events = await watcher.done;
    const last = events.at(-1);
    expect(last?.__typename === 'SearchFinished' && last.result.status).toBe('MATCHED');
    expect(events.filter((e) => e.__typename === 'SearchStarted')).toHaveLength(1);
    // A is gone, so the rest of the search (and the late match) was checked by B.
    expect(fleet.simulator.stats().requests).toBeGreaterThan(askedWhenAStopped);
  }, 60_000); // a takeover and most of a 1,000-candidate search: seconds alone, more on a loaded CI machine
});
