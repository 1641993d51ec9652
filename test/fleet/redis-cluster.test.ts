import { print, type DocumentNode } from 'graphql';
import { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelSearchDocument, SearchDocument } from '../../schema/generated/graphql.ts';
import { fleetKeys } from '../../src/fleet/fleet-keys.ts';
import { startSearchOn } from '../support/clients.ts';
import { startTestFleet, type TestFleet } from '../support/fleet.ts';
import { post } from '../support/http.ts';
import { leave } from '../support/leftovers.ts';
import { keysUnder, startPrivateCluster, testRedisClient, type PrivateCluster } from '../support/redis.ts';
import { planFor } from '../support/tier-numbers.ts';
import { waitFor } from '../support/wait-for.ts';

const text = (doc: unknown) => print(doc as DocumentNode);
const MATCH = `query ($input: MatchPhoneInput!) {
  matchPhone(input: $input) { status totals { checked cacheHits failed } }
}`;
type Match = { matchPhone: { status: string; totals: { checked: number; cacheHits: number; failed: number } } };

/**
 * The fleet on a Redis Cluster of three primaries (REDIS_CLUSTER_NODES), started here with
 * `redis-cli --cluster create`: every script's keys share a slot, so the same layer runs on it. (`.ci/run`
 * also runs the whole fleet suite on a cluster.)
 */
describe('fleet: on a three-node Redis Cluster', () => {
  let cluster: PrivateCluster;
  let fleet: TestFleet;
  beforeAll(async () => {
    cluster = await startPrivateCluster();
    fleet = await startTestFleet(2, {
      redis: cluster,
      simulator: { latencyMs: 10, jitterMs: 2 },
      env: { CHECK_CONCURRENCY: '6', SEARCHES_IN_FLIGHT_PER_KEY: '10', SEARCHES_PER_MINUTE_PER_KEY: '1000' },
    });
  }, 60_000);

  it('two instances hold one bound together and share answers, their keys spread over the nodes', async () => {
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    fleet.simulator.resetStats();
    const inputs = ['1', '2'].map((d) => ({ prefix: `138057${d}`, suffix: '7', stopAt: 'ALL' }));
    const results = await Promise.all(
      inputs.map((input, i) =>
        post<Match>(fleet.instance(i).graphqlUrl, { query: MATCH, variables: { input } }).then((r) => r.json),
      ),
    );
    for (const r of results) expect(r.data?.matchPhone.totals.failed).toBe(0);
    expect(fleet.simulator.stats().peakInFlight).toBeLessThanOrEqual(6);
    await waitFor(() => a.fleet!.budget.stats().instances === 2, 'A to count both instances');

    // The numbers A asked are answered from the cluster for B.
    const again = (await post<Match>(b.graphqlUrl, { query: MATCH, variables: { input: inputs[0] } })).json;
    expect(again.data?.matchPhone.totals).toMatchObject({ cacheHits: planFor(inputs[0]!).total, failed: 0 });

    // Answers spread over the buckets' slots: more than one primary holds some.
    const perNode = await Promise.all(
      cluster.ports.map(async (port) => {
        const node = new Redis(port, '127.0.0.1');
        node.on('error', () => {});
        leave(() => node.disconnect());
        return (await node.keys(`${fleet.keyPrefix}answer:*`)).length;
      }),
    );
    expect(perNode.filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it('a search started on A is read and cancelled from B, and its keys are gone from the index', async () => {
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const id = await startSearchOn(a.graphqlUrl, { prefix: '1370571', suffix: '7', stopAt: 'ALL' });
    await waitFor(async () => {
      const read = (
        await post<{ search: { progress: Array<{ checked: number }> } }>(b.graphqlUrl, {
          query: text(SearchDocument),
          variables: { id },
        })
      ).json;
      return (read.data?.search.progress ?? []).some((t) => t.checked > 0);
    }, 'progress read from B');
    const cancelled = (
      await post<{ cancelSearch: { state: string; result: { status: string } } }>(b.graphqlUrl, {
        query: text(CancelSearchDocument),
        variables: { id },
      })
    ).json;
    expect(cancelled.data?.cancelSearch).toMatchObject({ state: 'FINISHED', result: { status: 'CANCELLED' } });
    expect(await keysUnder(cluster.target, fleet.keyPrefix)).toContain(fleetKeys.search(id).record);
    const redis = testRedisClient(cluster.target, fleet.keyPrefix);
    expect(await redis.hget(fleetKeys.search(id).record, 'state')).toBe('FINISHED');
    expect(await redis.zscore(fleetKeys.searchIndex, id)).toBeNull();
  });
});
