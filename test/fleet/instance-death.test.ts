import { print, type DocumentNode } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SearchEventsDocument,
  StartSearchDocument,
  type SearchEventsSubscription,
} from '../../schema/generated/graphql.ts';
import { startSimulator, type Simulator } from '../../src/simulator/server.ts';
import { wsClient } from '../support/clients.ts';
import { startInstanceProcess, type InstanceProcess } from '../../scripts/lib/instance-process.ts';
import { cleanKeys, testKeyPrefix, testRedisUrl } from '../support/redis.ts';
import { ORDER_SESSION_TOKEN } from '../support/test-service.ts';
import { candidateAt, planFor } from '../support/tier-numbers.ts';
import { waitFor } from '../support/wait-for.ts';

type Event = SearchEventsSubscription['searchEvents'];
const INPUT = { prefix: '1380571', suffix: '3', stopAt: 'ALL' as const };
const WITH_ORDERS = candidateAt(INPUT, 'NATIONAL', -3);

describe('fleet: an instance killed with SIGKILL mid-search', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('has its search resumed on another instance after the lease lapses, nothing answered asked again', async () => {
    const redisUrl = await testRedisUrl();
    const keyPrefix = testKeyPrefix();
    cleanups.push(() => cleanKeys(redisUrl, keyPrefix));
    const simulator: Simulator = await startSimulator({
      token: ORDER_SESSION_TOKEN,
      latencyMs: 20,
      numbers: new Set([WITH_ORDERS]),
    });
    cleanups.push(() => simulator.stop());
    const env = {
      ORDERS_URL: simulator.ordersUrlTemplate,
      ORDERS_COOKIE: ORDER_SESSION_TOKEN,
      CHECK_CONCURRENCY: '4',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
      FLEET_LEASE_MS: '1000',
    };
    const [a, b] = (await Promise.all([startInstanceProcess(env), startInstanceProcess(env)])) as [
      InstanceProcess,
      InstanceProcess,
    ];
    cleanups.push(
      () => b.stop(),
      () => a.kill(),
    );

    const started = await fetch(a.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(StartSearchDocument as DocumentNode), variables: { input: INPUT } }),
    });
    const id = ((await started.json()) as { data: { startSearch: { id: string } } }).data.startSearch.id;

    const client = wsClient(b.graphqlUrl);
    cleanups.push(async () => client.dispose());
    const events: Event[] = [];
    const done = (async () => {
      for await (const r of client.iterate<SearchEventsSubscription>({
        query: print(SearchEventsDocument as DocumentNode),
        variables: { id },
      })) {
        if (r.data) events.push(r.data.searchEvents);
      }
    })();
    await waitFor(() => simulator.stats().requests >= 100, 'A to have checked a hundred numbers');
    await a.kill();
    const askedBeforeKill = simulator.stats().requests;

    await done;
    const last = events.at(-1);
    expect(last?.__typename).toBe('SearchFinished');
    if (last?.__typename !== 'SearchFinished') return;
    expect(last.result.status).toBe('MATCHED');
    expect(last.result.matches.map((m) => m.phone)).toEqual([WITH_ORDERS]);
    // One stream for the watcher: one SearchStarted, the match once.
    expect(events.filter((e) => e.__typename === 'SearchStarted')).toHaveLength(1);
    expect(events.filter((e) => e.__typename === 'MatchFound')).toHaveLength(1);
    // Every candidate was asked, and only the few A had in flight (or not yet written) were asked twice.
    const candidates = [...planFor(INPUT).candidates('NATIONAL'), ...planFor(INPUT).candidates('UNLOCATED')];
    const twice = candidates.filter((p) => simulator.requestsFor(p) > 1).length;
    expect(candidates.every((p) => simulator.requestsFor(p) >= 1)).toBe(true);
    expect(twice).toBeLessThanOrEqual(8);
    expect(askedBeforeKill).toBeGreaterThanOrEqual(100);
  }, 180_000);
});
