import { print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { StartSearchDocument } from '../../schema/generated/graphql.ts';
import { fleetKeys } from '../../src/fleet/fleet-keys.ts';
import { startSimulator, type Simulator } from '../../src/simulator/server.ts';
import { followStartedSearch } from '../support/clients.ts';
import { startInstanceProcess, type InstanceProcess } from '../../scripts/lib/instance-process.ts';
import { leave } from '../support/leftovers.ts';
import { cleanKeys, testKeyPrefix, testRedis, testRedisClient } from '../support/redis.ts';
import { ORDER_SESSION_TOKEN } from '../support/test-service.ts';
import { candidateAt, planFor } from '../support/tier-numbers.ts';
import { waitFor } from '../support/wait-for.ts';

const INPUT = { prefix: '1380571', suffix: '3', stopAt: 'ALL' as const };
const WITH_ORDERS = candidateAt(INPUT, 'NATIONAL', -3);

describe('fleet: an instance killed with SIGKILL mid-search', () => {
  it('has its search resumed on another instance after the lease lapses, nothing answered asked again', async () => {
    const redis = await testRedis();
    const keyPrefix = testKeyPrefix();
    leave(() => cleanKeys(redis.target, keyPrefix));
    const simulator: Simulator = await startSimulator({
      token: ORDER_SESSION_TOKEN,
      latencyMs: 20,
      numbers: new Set([WITH_ORDERS]),
    });
    leave(() => simulator.stop());
    const env = {
      ORDERS_URL: simulator.ordersUrlTemplate,
      ORDERS_COOKIE: ORDER_SESSION_TOKEN,
      CHECK_CONCURRENCY: '4',
      ...redis.env,
      REDIS_KEY_PREFIX: keyPrefix,
      FLEET_LEASE_MS: '1000',
    };
    const [a, b] = (await Promise.all([startInstanceProcess(env), startInstanceProcess(env)])) as [
      InstanceProcess,
      InstanceProcess,
    ];
    leave(() => a.kill());
    leave(() => b.stop());

    const started = await fetch(a.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(StartSearchDocument as DocumentNode), variables: { input: INPUT } }),
    });
    const id = ((await started.json()) as { data: { startSearch: { id: string } } }).data.startSearch.id;

    const { events, ended: done } = followStartedSearch(b.graphqlUrl, id);
    await waitFor(() => simulator.stats().requests >= 100, 'A to have checked a hundred numbers');
    // The key's quota ticket is named after the search once it started.
    const store = testRedisClient(redis.target, keyPrefix);
    expect(await store.zscore(fleetKeys.quotaRunning('dev'), id)).not.toBeNull();
    await a.kill();
    const askedBeforeKill = simulator.stats().requests;

    // B resumes it and takes its quota ticket over: renewed past the most A's last renewal could reach.
    await waitFor(async () => (await store.hget(fleetKeys.search(id).record, 'token')) === '2', 'B to resume it');
    const [seconds] = await store.time();
    const ticketLeaseMs = 3 * 1000;
    await waitFor(
      async () =>
        Number(await store.zscore(fleetKeys.quotaRunning('dev'), id)) > Number(seconds) * 1000 + ticketLeaseMs,
      "B to renew the search's quota ticket",
    );

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
    // No slot left behind: the ticket ended with the search (dev mode's key is "dev").
    await waitFor(
      async () => (await store.zcard(fleetKeys.quotaRunning('dev'))) === 0,
      "the search's quota ticket to end",
    );
  }, 180_000);
});
