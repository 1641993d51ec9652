import { describe, expect, it } from 'vitest';
import {
  BOUND,
  expectQuotaFree,
  finishedRecord,
  startChaosFleet,
  startSearch,
  streamProblems,
  watch,
  WITH_ORDERS,
} from './chaos-fleet.ts';

// A resumed search takes over its quota ticket: were the dead instance's ticket to outlive the resumed
// search, the last step would fail TOO_MANY_SEARCHES.
describe('chaos: an instance killed, its quota slot', () => {
  it('kill -9 of the instance running a search: resumed elsewhere, one end, the bound held, its quota slot free', async () => {
    const fleet = await startChaosFleet(2, { SEARCHES_IN_FLIGHT_PER_KEY: '1' });
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const id = await startSearch(a);
    const watcher = await watch(b, id);
    await fleet.requested(100, 'A to have checked a hundred numbers');

    await a.kill();
    await watcher.ended;
    expect(streamProblems(watcher.events)).toEqual([]);
    const record = await finishedRecord(b, id);
    expect(record?.result?.matches.map((m) => m.phone)).toEqual([WITH_ORDERS]);
    expect(fleet.simulator.stats().peakInFlight).toBeLessThanOrEqual(BOUND);
    await expectQuotaFree(b, 1);
  }, 300_000);
});
