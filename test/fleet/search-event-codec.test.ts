import { describe, expect, it } from 'vitest';
import { compactLog, repeats } from '../../src/fleet/search-event-codec.ts';
import type { SearchEvent, TierReport } from '../../src/search/search-types.ts';

const searchId = 's1';
const report = (checked: number, cacheHits: number): TierReport => ({
  tier: 'CITY',
  candidates: 100,
  checked,
  withOrders: 0,
  failed: 0,
  cacheHits,
  elapsedMs: 1,
  skipped: false,
  outcome: 'COMPLETED',
});
const started: SearchEvent = { type: 'started', searchId, query: '138****1234', total: 100, tiers: [] };
const tierStarted: SearchEvent = { type: 'tier-started', searchId, tier: 'CITY', candidates: 100 };
const progress = (checked: number): SearchEvent => ({
  type: 'progress',
  searchId,
  tier: 'CITY',
  checked,
  total: 100,
  failed: 0,
  withOrders: 0,
});

// A log holding two runs of one search: the first finished CITY, then its instance died and another
// resumed it, checking CITY again from the answer cache.
const firstRun: SearchEvent[] = [
  started,
  tierStarted,
  progress(50),
  progress(100),
  { type: 'tier-finished', searchId, report: report(100, 0) },
];
const resumed: SearchEvent[] = [
  started,
  tierStarted,
  progress(100),
  { type: 'tier-finished', searchId, report: report(100, 100) },
];

describe('a search log resumed after a takeover', () => {
  it('replays each tier finished once, its first end, without progress after it', () => {
    const replay = compactLog([...firstRun, ...resumed]);
    expect(replay.map((e) => e.type)).toEqual(['started', 'tier-started', 'progress', 'tier-finished']);
    expect(replay.at(-1)).toEqual({ type: 'tier-finished', searchId, report: report(100, 0) });
  });

  it('tells a resumed run which of its events a watcher has seen', () => {
    const seen = new Set<string>();
    for (const event of firstRun) repeats(event, seen);
    expect(resumed.map((e) => repeats(e, seen))).toEqual([true, true, true, true]);
    expect(repeats(progress(10), new Set())).toBe(false);
  });
});
