import { print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SearchDocument } from '../../schema/generated/graphql.ts';
import { startSearchOn } from '../support/clients.ts';
import { startTestFleet } from '../support/fleet.ts';
import { post } from '../support/http.ts';
import { leave } from '../support/leftovers.ts';
import { serverRedis, startPrivateRedis } from '../support/redis.ts';
import { candidateAt, planFor } from '../support/tier-numbers.ts';
import { waitFor } from '../support/wait-for.ts';

const INPUT = { prefix: '1370571', suffix: '6', stopAt: 'ALL' as const };
const WITH_ORDERS = candidateAt(INPUT, 'NATIONAL', -2);
const text = (doc: unknown) => print(doc as DocumentNode);

describe('fleet: Redis restarted mid-search', () => {
  it('loses nothing already answered: the search finishes complete, no number asked twice, readable after', async () => {
    const redis = await startPrivateRedis();
    leave(() => redis.stop());
    const fleet = await startTestFleet(2, {
      redis: serverRedis(redis.url),
      simulator: { latencyMs: 20, numbers: new Set([WITH_ORDERS]) },
      env: { CHECK_CONCURRENCY: '4', FLEET_LEASE_MS: '1000' },
    });
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const id = await startSearchOn(a.graphqlUrl, INPUT);
    await waitFor(() => fleet.simulator.stats().requests >= 100, 'a hundred numbers checked');

    await redis.restart();
    await waitFor(() => a.fleet!.reachable, 'A to reconnect', 15_000);

    type Read = {
      search: { state: string; result: { status: string; totals: { checked: number; failed: number } } } | null;
    };
    let read: Read | null | undefined;
    await waitFor(
      async () => {
        read = (
          await post<Read>(b.graphqlUrl, { query: text(SearchDocument), variables: { id } }).catch(() => undefined)
        )?.json.data;
        return read?.search?.state === 'FINISHED';
      },
      'the search to finish and be readable from B',
      60_000,
    );
    const candidates = planFor(INPUT).total;
    expect(read?.search?.result).toMatchObject({ status: 'MATCHED' });
    const all = [...planFor(INPUT).candidates('NATIONAL'), ...planFor(INPUT).candidates('UNLOCATED')];
    expect(all.filter((p) => fleet.simulator.requestsFor(p) > 1)).toEqual([]);
    expect(fleet.simulator.stats().requests).toBe(candidates);
  }, 120_000);
});
