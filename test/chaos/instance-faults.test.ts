import { describe, expect, it } from 'vitest';
import {
  auditedStatuses,
  BOUND,
  CHAOS_WAIT_MS,
  expectQuotaFree,
  finishedRecord,
  startChaosFleet,
  startSearch,
  streamProblems,
  watch,
} from './chaos-fleet.ts';
import { waitFor } from '../support/wait-for.ts';

// Instances as real processes, faults as real signals; see chaos-fleet.ts for the fleet.
describe('chaos: an instance fails', () => {
  it('SIGTERM with three started searches hands every one over: each ends once, on the other instance', async () => {
    const fleet = await startChaosFleet(2, { SEARCHES_IN_FLIGHT_PER_KEY: '3' });
    const a = fleet.instance(0);
    const b = fleet.instance(1);
    const ids = [await startSearch(a), await startSearch(a), await startSearch(a)];
    const watchers = await Promise.all(ids.map((id) => watch(b, id)));
    await fleet.requested(100, 'A to be under way');

    await a.stop();
    await Promise.all(watchers.map((w) => w.ended));
    for (const watcher of watchers) expect(streamProblems(watcher.events)).toEqual([]);
    for (const id of ids) expect((await finishedRecord(b, id))?.result?.status).toBe('MATCHED');
    expect(fleet.simulator.stats().peakInFlight).toBeLessThanOrEqual(BOUND);
    // One audit row per search, on the instance that finished it; none on the one that left.
    const [auditA, auditB] = fleet.auditPaths as [string, string];
    for (const id of ids) {
      expect(auditedStatuses(auditA, id)).toEqual([]);
      await waitFor(() => auditedStatuses(auditB, id).length > 0, 'B to audit the search', CHAOS_WAIT_MS);
      expect(auditedStatuses(auditB, id)).toEqual(['MATCHED']);
    }
    await expectQuotaFree(b, 3);
  }, 300_000);
});
