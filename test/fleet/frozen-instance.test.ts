import Database from 'better-sqlite3';
import { print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { StartSearchDocument } from '../../schema/generated/graphql.ts';
import { startInstanceProcess } from '../../scripts/lib/instance-process.ts';
import { fleetKeys } from '../../src/fleet/fleet-keys.ts';
import { startSimulator } from '../../src/simulator/server.ts';
import { auditPath } from '../support/audit-files.ts';
import { wsClient } from '../support/clients.ts';
import { leave } from '../support/leftovers.ts';
import { cleanKeys, testKeyPrefix, testRedis, testRedisClient } from '../support/redis.ts';
import { ORDER_SESSION_TOKEN } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { waitFor } from '../support/wait-for.ts';

const INPUT = { prefix: '1380571', suffix: '5', stopAt: 'ALL' as const };
const WITH_ORDERS = candidateAt(INPUT, 'NATIONAL', -4);
const BOUND = 8;
const text = (doc: unknown) => print(doc as DocumentNode);

/** Audit rows of `searchId` in the file at `path`. */
function auditRows(path: string, searchId: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM searches WHERE search_id = ?').get(searchId) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('fleet: an instance frozen (SIGSTOP) past its lease while running a search', () => {
  it('wakes to find it taken over: it stops at once, writes nothing of it, and the bound held throughout', async () => {
    const redis = await testRedis();
    const keyPrefix = testKeyPrefix();
    leave(() => cleanKeys(redis.target, keyPrefix));
    const simulator = await startSimulator({
      token: ORDER_SESSION_TOKEN,
      latencyMs: 20,
      numbers: new Set([WITH_ORDERS]),
    });
    leave(() => simulator.stop());
    const audits = [auditPath(), auditPath()];
    const env = (audit: string) => ({
      ORDERS_URL: simulator.ordersUrlTemplate,
      ORDERS_COOKIE: ORDER_SESSION_TOKEN,
      CHECK_CONCURRENCY: String(BOUND),
      ...redis.env,
      REDIS_KEY_PREFIX: keyPrefix,
      FLEET_LEASE_MS: '1000',
      AUDIT_DB_PATH: audit,
    });
    const [a, b] = await Promise.all(audits.map((audit) => startInstanceProcess(env(audit))));
    leave(() => a!.kill());
    leave(() => b!.kill());
    const logsOfA: string[] = [];
    a!.child.stdout!.on('data', (d: Buffer) => logsOfA.push(d.toString()));

    const started = await fetch(a!.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text(StartSearchDocument), variables: { input: INPUT } }),
    });
    const id = ((await started.json()) as { data: { startSearch: { id: string } } }).data.startSearch.id;
    const client = wsClient(b!.graphqlUrl);
    leave(() => client.dispose());
    const events: Array<{ __typename: string; result?: { status: string } }> = [];
    const watched = (async () => {
      for await (const r of client.iterate<{ searchEvents: (typeof events)[0] }>({
        query: `subscription ($id: ID!) { searchEvents(id: $id) { __typename ... on SearchFinished { result { status } } } }`,
        variables: { id },
      }))
        if (r.data) events.push(r.data.searchEvents);
    })();
    await waitFor(() => simulator.stats().requests >= 100, 'A to have checked a hundred numbers');

    const store = testRedisClient(redis.target, keyPrefix);
    const record = fleetKeys.search(id).record;
    a!.child.kill('SIGSTOP');
    await waitFor(async () => (await store.hget(record, 'token')) === '2', 'B to take the search over', 20_000);
    const atTakeover = simulator.stats().requests;
    await waitFor(() => simulator.stats().requests >= atTakeover + 50, 'B to run it on');
    a!.child.kill('SIGCONT');
    await waitFor(() => logsOfA.join('').includes('another instance took this search over'), 'A to stop its run');

    await watched;
    expect(events.filter((e) => e.__typename === 'SearchFinished')).toEqual([
      { __typename: 'SearchFinished', result: { status: 'MATCHED' } },
    ]);
    const stored = await store.xrange(fleetKeys.search(id).events, '-', '+');
    expect(stored.filter(([, fields]) => fields[1]?.includes('"type":"finished"'))).toHaveLength(1);
    expect(await store.hget(record, 'state')).toBe('FINISHED');
    // One audit row, on the instance that finished it.
    await waitFor(() => auditRows(audits[1]!, id) === 1, "B's audit row");
    expect(auditRows(audits[0]!, id)).toBe(0);
    // Frozen, woken and stopped: never more in flight at the order service than the bound.
    expect(simulator.stats().peakInFlight).toBeLessThanOrEqual(BOUND);
  }, 120_000);
});
