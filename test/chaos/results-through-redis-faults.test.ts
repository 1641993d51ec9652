import { describe, expect, it } from 'vitest';
import {
  BOUND,
  CHAOS_WAIT_MS,
  expectQuotaFree,
  finishedRecord,
  redisSeenAs,
  startChaosFleet,
  startSearch,
  streamProblems,
  watch,
  WITH_ORDERS,
} from './chaos-fleet.ts';
import { waitFor } from '../support/wait-for.ts';

// A search's results through Redis faults (issue 19, item 3): see chaos-fleet.ts for the fleet.
describe('chaos: Redis killed while a search runs', () => {
  it('the search ends for its watcher where it runs, and is readable again once Redis is back empty', async () => {
    const fleet = await startChaosFleet(1, { SEARCHES_IN_FLIGHT_PER_KEY: '1' });
    const a = fleet.instance(0);
    const id = await startSearch(a);
    const watcher = await watch(a, id);
    await waitFor(() => fleet.simulator.stats().requests >= 50, 'the search to be under way', CHAOS_WAIT_MS);

    fleet.redis.signal('SIGKILL');
    await waitFor(() => redisSeenAs(a, 'unreachable'), 'A to see Redis gone', CHAOS_WAIT_MS);
    // No Redis: the watcher on the instance running it still sees it to its end, each event once.
    await watcher.ended;
    expect(streamProblems(watcher.events)).toEqual([]);

    await fleet.redis.restart();
    // Back empty: the finished search is written again from A, and any instance reads it.
    const record = await finishedRecord(a, id);
    expect(record?.result?.matches.map((m) => m.phone)).toEqual([WITH_ORDERS]);
    const late = await fleet.add();
    expect((await finishedRecord(late, id))?.result?.status).toBe('MATCHED');
    // A watcher arriving now replays it whole from Redis.
    const replay = await watch(late, id);
    await replay.ended;
    expect(streamProblems(replay.events)).toEqual([]);
    expect(fleet.simulator.stats().peakInFlight).toBeLessThanOrEqual(BOUND);
    await expectQuotaFree(a, 1);
  }, 300_000);
});
