import { describe, expect, it } from 'vitest';
import {
  BOUND,
  CHAOS_WAIT_MS,
  expectQuotaFree,
  finishedRecord,
  logLines,
  redisSeenAs,
  startChaosFleet,
  startSearch,
  streamProblems,
  watch,
  WITH_ORDERS,
} from './chaos-fleet.ts';
import { startCuttableProxy } from '../support/cuttable-proxy.ts';
import { waitFor } from '../support/wait-for.ts';

// A search's results through Redis faults (issue 19, item 3): see chaos-fleet.ts for the fleet.
describe('chaos: Redis killed or frozen while a search runs', () => {
  it('the search ends for its watcher where it runs, and is readable again once Redis is back empty', async () => {
    const fleet = await startChaosFleet(1, { SEARCHES_IN_FLIGHT_PER_KEY: '1' });
    const a = fleet.instance(0);
    const id = await startSearch(a);
    const watcher = await watch(a, id);
    await fleet.requested(50, 'the search to be under way');

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

  it('A cut off from Redis, frozen, its search taken over and ended: the watchers on A get the end B wrote', async () => {
    const fleet = await startChaosFleet(0, { SEARCHES_IN_FLIGHT_PER_KEY: '1' });
    const line = await startCuttableProxy(fleet.redis.url);
    const a = await fleet.add({ REDIS_URL: line.url.replace(/^http:/, 'redis:') });
    const b = await fleet.add();
    const logsOfA = logLines(a);
    const id = await startSearch(a);
    const watchers = [await watch(a, id), await watch(b, id)];
    await fleet.requested(50, 'the search to be under way');

    // Cut off, A keeps its events for Redis and hands them to its own watchers; then it freezes, so
    // B takes the search over once A's lease lapses and ends it (what B publishes meanwhile A's
    // subscriber never hears).
    line.cut();
    const keeping = () => logsOfA.some((l) => l.includes('search event kept until Redis answers'));
    await waitFor(keeping, 'A to keep events for Redis', CHAOS_WAIT_MS);
    a.child.kill('SIGSTOP');
    expect((await finishedRecord(b, id))?.result?.status).toBe('MATCHED');
    await watchers[1]?.ended;
    // Back on the line, A finds its run fenced off and stops it: that stop (CANCELLED) is not the
    // search's end. A's watchers read what they missed from the stream and end as B's did.
    line.restore();
    a.child.kill('SIGCONT');

    await Promise.all(watchers.map((w) => w.ended));
    for (const watcher of watchers) expect(streamProblems(watcher.events)).toEqual([]);
    expect((await finishedRecord(a, id))?.result?.status).toBe('MATCHED');
    // No bound here: a partition (A cut off, B still on Redis) is the one fault the bound does not
    // cover (README, the fleet table).
  }, 300_000);
});
