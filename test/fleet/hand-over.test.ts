import Database from 'better-sqlite3';
import { print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { StartSearchDocument } from '../../schema/generated/graphql.ts';
import { fleetKeys } from '../../src/fleet/fleet-keys.ts';
import { auditPath } from '../support/audit-files.ts';
import { wsClient } from '../support/clients.ts';
import { startTestFleet } from '../support/fleet.ts';
import { post } from '../support/http.ts';
import { leave } from '../support/leftovers.ts';
import { testRedisClient } from '../support/redis.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { waitFor } from '../support/wait-for.ts';

const INPUTS = ['6', '7', '8'].map((suffix) => ({ prefix: '1370571', suffix, stopAt: 'ALL' as const }));
const LATE = INPUTS.map((input) => candidateAt(input, 'NATIONAL', -5));
const FINISHED = `subscription ($id: ID!) { searchEvents(id: $id) { __typename ... on SearchFinished { result { status } } } }`;

function auditedIds(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  leave(() => db.close());
  return (db.prepare('SELECT search_id FROM searches').all() as Array<{ search_id: string }>).map((r) => r.search_id);
}

describe('fleet: an instance shutting down with several searches running', () => {
  it('hands every one over at once (leases of a minute): each finishes once on the other, audited there', async () => {
    // A lease far longer than the test: only a hand-over at shutdown, not a lapsed lease, lets B take them.
    const fleet = await startTestFleet(0, {
      simulator: { latencyMs: 20, numbers: new Set(LATE) },
      // (A new fleet warms up for one lease with CHECK_CONCURRENCY_MIN per instance: here all of it.)
      env: {
        CHECK_CONCURRENCY: '8',
        CHECK_CONCURRENCY_MIN: '8',
        FLEET_LEASE_MS: '60000',
        SEARCHES_IN_FLIGHT_PER_KEY: '10',
      },
    });
    const audits = [auditPath(), auditPath()];
    const a = await fleet.add({ AUDIT_DB_PATH: audits[0]! });
    const b = await fleet.add({ AUDIT_DB_PATH: audits[1]! });
    const ids: string[] = [];
    for (const input of INPUTS) {
      const started = (
        await post<{ startSearch: { id: string } }>(a.graphqlUrl, {
          query: print(StartSearchDocument as DocumentNode),
          variables: {
            input,
          },
        })
      ).json;
      ids.push(started.data!.startSearch.id);
    }
    const client = wsClient(b.graphqlUrl);
    leave(() => client.dispose());
    const ends = ids.map(async (id) => {
      const seen: Array<{ __typename: string; result?: { status: string } }> = [];
      for await (const r of client.iterate<{ searchEvents: (typeof seen)[0] }>({ query: FINISHED, variables: { id } }))
        if (r.data) seen.push(r.data.searchEvents);
      return seen.filter((e) => e.__typename === 'SearchFinished');
    });
    await waitFor(() => fleet.simulator.stats().requests >= 150, 'the three searches to be running on A');
    await waitFor(() => b.fleet!.budget.stats().instances === 2, 'B to count A');

    await a.close();
    fleet.instances.splice(fleet.instances.indexOf(a), 1);
    // Released as A closed, each lease a minute early: B may claim them at once.
    const store = testRedisClient(fleet.redis.target, fleet.keyPrefix);
    for (const id of ids) {
      const { leaseUntil, token } = await store.hgetall(fleetKeys.search(id).record);
      expect(leaseUntil === '0' || token === '2', `search ${id} released`).toBe(true);
    }
    for (const finished of await Promise.all(ends))
      expect(finished).toEqual([{ __typename: 'SearchFinished', result: { status: 'MATCHED' } }]);

    for (const id of ids) expect(await store.hget(fleetKeys.search(id).record, 'token')).toBe('2');
    // One audit row per search, on the instance that finished it; none CANCELLED on the one that left.
    expect(auditedIds(audits[0]!).filter((id) => ids.includes(id))).toEqual([]);
    expect(
      auditedIds(audits[1]!)
        .filter((id) => ids.includes(id))
        .sort(),
    ).toEqual([...ids].sort());
  }, 90_000);
});
