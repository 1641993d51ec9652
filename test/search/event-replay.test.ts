import { describe, expect, it } from 'vitest';
import { compactLog, EventReplay } from '../../src/search/event-replay.ts';
import { SearchEventLog } from '../../src/search/event-log.ts';
import type { MatchResult, PhoneMatch, SearchEvent, TierReport } from '../../src/search/search-types.ts';

const searchId = 's-1';
const started: SearchEvent = { type: 'started', searchId, query: '138****1234', total: 20, tiers: [] };
const tierStarted = (tier: 'CITY' | 'PROVINCE'): SearchEvent => ({
  type: 'tier-started',
  searchId,
  tier,
  candidates: 10,
});
const progress = (tier: 'CITY' | 'PROVINCE', checked: number): SearchEvent => ({
  type: 'progress',
  searchId,
  tier,
  checked,
  total: 10,
  failed: 0,
  withOrders: 0,
});
const match = (phone: string): SearchEvent => ({
  type: 'match',
  searchId,
  match: { phone, tier: 'CITY' } as PhoneMatch,
});
const tierFinished = (checked: number): SearchEvent => ({
  type: 'tier-finished',
  searchId,
  report: { tier: 'CITY', checked } as TierReport,
});
const finished: SearchEvent = { type: 'finished', searchId, result: { searchId } as MatchResult };

describe('the replay rule', () => {
  it('keeps one run of a search minus superseded progress, and nothing after SearchFinished', () => {
    const log = [started, tierStarted('CITY'), progress('CITY', 3), match('13800001234'), progress('CITY', 10)];
    expect(compactLog([...log, tierFinished(10), finished, progress('CITY', 11)])).toEqual([
      started,
      tierStarted('CITY'),
      match('13800001234'),
      progress('CITY', 10),
      tierFinished(10),
      finished,
    ]);
  });

  it('keeps the first start, each match and each tier end once when a resumed run repeats them; the newest progress', () => {
    const firstRun = [started, tierStarted('CITY'), progress('CITY', 2), progress('CITY', 4), match('13800001234')];
    const resumed = [started, tierStarted('CITY'), match('13800001234'), progress('CITY', 6), tierFinished(10)];
    // A run resumed after the tier ended checks it again from the cache: its progress and end are repeats.
    const again = [tierStarted('CITY'), progress('CITY', 3), tierFinished(10)];
    expect(compactLog([...firstRun, ...resumed, ...again, tierStarted('PROVINCE')])).toEqual([
      started,
      tierStarted('CITY'),
      match('13800001234'),
      progress('CITY', 6),
      tierFinished(10),
      tierStarted('PROVINCE'),
    ]);
  });

  it('is what a SearchEventLog replays and hands its followers: a dropped event is not followed either', async () => {
    const events = [started, tierStarted('CITY'), started, match('13800001234'), match('13800001234'), finished];
    const log = new SearchEventLog();
    const follower = log.follow();
    for (const event of events) log.append(event);
    const expected = [started, tierStarted('CITY'), match('13800001234'), finished];
    expect(compactLog(events)).toEqual(expected);
    expect(log.replay()).toEqual(expected);
    const followed: SearchEvent[] = [];
    for await (const event of follower) followed.push(event);
    expect(followed).toEqual(expected);
  });

  it('says whether it kept each event', () => {
    const replay = new EventReplay();
    expect([started, started, finished, match('13800001234')].map((event) => replay.add(event))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(replay.finished).toBe(true);
  });
});
