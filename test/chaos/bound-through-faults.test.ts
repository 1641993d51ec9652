import { describe, expect, it } from 'vitest';
import { print, type DocumentNode } from 'graphql';
import { MatchPhoneDocument } from '../../schema/generated/graphql.ts';
import {
  BOUND,
  CHAOS_WAIT_MS,
  expectQuotaFree,
  finishedRecord,
  INPUT,
  LEASE_MS,
  redisSeenAs,
  startChaosFleet,
  startSearch,
  streamProblems,
  watch,
} from './chaos-fleet.ts';
import { waitFor } from '../support/wait-for.ts';

// The bound and fencing through a frozen instance and Redis faults. See chaos-fleet.ts for the fleet.
describe('chaos: the bound and fencing through faults', () => {
  it('an instance frozen past its lease wakes to a search taken over: it stops, one end, the bound held', async () => {
    const fleet = await startChaosFleet(2, { SEARCHES_IN_FLIGHT_PER_KEY: '1' });
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const id = await startSearch(a);
    const watcher = await watch(b, id);
    await fleet.requested(100, 'A to be under way');

    // A freezes with Redis commands on their way (Redis held still for a few renewal periods): a
    // budget renewal, and lookups in the shared answers that hold permits. When A wakes, their command
    // timeouts fire before their answers are read: a timeout of A's own making must not read as
    // "Redis away" (a fallback share), nor a permit taken before the freeze send once its grant lapsed.
    fleet.redis.signal('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 200));
    a.child.kill('SIGSTOP');
    fleet.redis.signal('SIGCONT');
    const frozenAt = fleet.simulator.stats().requests;
    // B takes the search over once A's lease lapses: the order service hears from B meanwhile.
    await fleet.requested(frozenAt + 200, 'B to resume the search');
    a.child.kill('SIGCONT');

    await watcher.ended;
    expect(streamProblems(watcher.events)).toEqual([]);
    expect((await finishedRecord(a, id))?.result?.status).toBe('MATCHED');
    expect(fleet.simulator.stats().peakInFlight).toBeLessThanOrEqual(BOUND);
    await expectQuotaFree(b, 1);
  }, 300_000);

  it('Redis frozen past the lease, then thawed: each search ends once, watchers everywhere end, the bound held', async () => {
    const fleet = await startChaosFleet(2, { SEARCHES_IN_FLIGHT_PER_KEY: '2' });
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const ids = [await startSearch(a), await startSearch(b)];
    const watchers = await Promise.all([...ids.map((id) => watch(a, id)), ...ids.map((id) => watch(b, id))]);
    await fleet.requested(100, 'the searches to be under way');

    fleet.redis.signal('SIGSTOP');
    // A frozen Redis keeps its connections open (/ready cannot tell): the fault lasts two leases, and
    // checks go on meanwhile.
    const frozen = { at: Date.now(), requests: fleet.simulator.stats().requests };
    await waitFor(
      () => Date.now() >= frozen.at + 2 * LEASE_MS && fleet.simulator.stats().requests >= frozen.requests + 200,
      'Redis frozen past two leases, checks going on',
      CHAOS_WAIT_MS,
    );
    fleet.redis.signal('SIGCONT');

    await Promise.all(watchers.map((w) => w.ended));
    for (const watcher of watchers) expect(streamProblems(watcher.events)).toEqual([]);
    for (const id of ids) expect((await finishedRecord(b, id))?.result?.status).toBe('MATCHED');
    expect(fleet.simulator.stats().peakInFlight).toBeLessThanOrEqual(BOUND);
    await expectQuotaFree(a, 2);
  }, 300_000);

  it('Redis away, an instance started meanwhile, Redis back empty: the bound holds the whole run', async () => {
    const fleet = await startChaosFleet(2, { SEARCHES_IN_FLIGHT_PER_KEY: '2' });
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const ids = [await startSearch(a), await startSearch(b)];
    const watchers = await Promise.all(ids.map((id, i) => watch(i === 0 ? a : b, id)));
    await fleet.requested(100, 'the searches to be under way');

    fleet.redis.signal('SIGKILL');
    await waitFor(() => redisSeenAs(a, 'unreachable'), 'A to see Redis gone', CHAOS_WAIT_MS);
    // A fresh instance knows no other: it must not take the whole bound for itself.
    const fresh = await fleet.add();
    const response = fetch(fresh.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(MatchPhoneDocument as DocumentNode), variables: { input: INPUT } }),
    });
    await fleet.requested(1000, 'all three to be checking');
    await fleet.redis.restart();

    const answered = (await (await response).json()) as { data?: { matchPhone: { status: string } } };
    expect(answered.data?.matchPhone.status).toBe('MATCHED');
    await Promise.all(watchers.map((w) => w.ended));
    for (const watcher of watchers) expect(streamProblems(watcher.events)).toEqual([]);
    expect(fleet.simulator.stats().peakInFlight).toBeLessThanOrEqual(BOUND);
    await expectQuotaFree(fresh, 2);
  }, 300_000);
});
