import { print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SearchDocument, SearchEventsDocument } from '../../schema/generated/graphql.ts';
import { startInstanceProcess } from '../../scripts/lib/instance-process.ts';
import { startSearchOn, wsClient } from '../support/clients.ts';
import { startTestFleet } from '../support/fleet.ts';
import { post } from '../support/http.ts';
import { leave } from '../support/leftovers.ts';
import { ORDER_SESSION_TOKEN } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

const text = (doc: unknown) => print(doc as DocumentNode);
const GRACE_MS = 1500;
const LEASE_MS = 1000;

describe('fleet: the instance a watcher is connected to dies', () => {
  it('its watcher stops counting after a lease, and the unwatched search ends after its grace', async () => {
    const fleet = await startTestFleet(1, {
      simulator: { latencyMs: 20 },
      env: { CHECK_CONCURRENCY: '4', FLEET_LEASE_MS: String(LEASE_MS), SEARCH_UNWATCHED_GRACE_MS: String(GRACE_MS) },
    });
    const watcherInstance = await startInstanceProcess({
      ORDERS_URL: fleet.simulator.ordersUrlTemplate,
      ORDERS_COOKIE: ORDER_SESSION_TOKEN,
      ...fleet.redis.env,
      REDIS_KEY_PREFIX: fleet.keyPrefix,
      FLEET_LEASE_MS: String(LEASE_MS),
    });
    leave(() => watcherInstance.kill());
    const runner = fleet.instance(0);

    // 10,000 candidates at 4 in flight and 20 ms: far longer than the test.
    const id = await startSearchOn(runner.graphqlUrl, { prefix: '138', suffix: '1234', stopAt: 'ALL' });
    const client = wsClient(watcherInstance.graphqlUrl);
    leave(() => client.dispose());
    let events = 0;
    void (async () => {
      for await (const r of client.iterate({ query: text(SearchEventsDocument), variables: { id } }))
        if (r.data) events++;
    })().catch(() => {});
    await waitFor(() => events > 1, 'the watcher on the other instance to follow the search');

    // Watched from the other instance, the search outlives its grace.
    await new Promise((resolve) => setTimeout(resolve, 2 * GRACE_MS));
    const state = async () =>
      (
        await post<{ search: { state: string; result: { status: string } | null } }>(runner.graphqlUrl, {
          query: text(SearchDocument),
          variables: {
            id,
          },
        })
      ).json.data?.search;
    expect((await state())?.state).toBe('RUNNING');

    // The watcher's instance dies without a word: after its watcher lease and the grace, the search ends.
    await watcherInstance.kill();
    await waitFor(async () => (await state())?.state === 'FINISHED', 'the unwatched search to end', 15_000);
    expect((await state())?.result?.status).toBe('CANCELLED');
  });
});
