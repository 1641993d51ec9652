import type { SegmentIndex } from '../segments/segment-index.ts';
import type { MatchResult, PhoneMatch, SearchEvent } from '../search/search-types.ts';

/**
 * Search events as JSON for Redis. A match's location is not stored (it holds the region registry's
 * objects); it is looked up again from the number on the way back, with the same segment data.
 */
export function encodeEvent(event: SearchEvent): string {
  if (event.type === 'match') return JSON.stringify({ ...event, match: bareMatch(event.match) });
  if (event.type === 'finished') return JSON.stringify({ ...event, result: encodableResult(event.result) });
  return JSON.stringify(event);
}

export function decodeEvent(text: string, index: SegmentIndex): SearchEvent {
  const event = JSON.parse(text) as SearchEvent;
  if (event.type === 'match') return { ...event, match: locate(event.match, index) };
  if (event.type === 'finished') return { ...event, result: decodeResult(event.result, index) };
  return event;
}

export function encodableResult(result: MatchResult): MatchResult {
  return { ...result, matches: result.matches.map(bareMatch) as unknown as PhoneMatch[] };
}

export function decodeResult(result: MatchResult, index: SegmentIndex): MatchResult {
  return { ...result, matches: result.matches.map((m) => locate(m, index)) };
}

function bareMatch(match: PhoneMatch): { phone: string; tier: PhoneMatch['tier'] } {
  return { phone: match.phone, tier: match.tier };
}

function locate(match: Pick<PhoneMatch, 'phone' | 'tier'>, index: SegmentIndex): PhoneMatch {
  return { phone: match.phone, tier: match.tier, location: index.lookup(match.phone) };
}

/**
 * The replay of a log that may hold several runs of one search (it was resumed elsewhere): the first
 * SearchStarted, each tier's first TierStarted, newest TierProgress and TierFinished, each match once,
 * and SearchFinished. Order follows the log.
 */
export function compactLog(events: readonly SearchEvent[]): SearchEvent[] {
  const out: SearchEvent[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    const key = dedupKey(event);
    if (key !== undefined) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (event.type === 'progress' || event.type === 'tier-finished') {
      const tier = event.type === 'progress' ? event.tier : event.report.tier;
      const older = out.findIndex(
        (e) =>
          e.type === event.type &&
          (e.type === 'progress' ? e.tier : e.type === 'tier-finished' ? e.report.tier : '') === tier,
      );
      if (older >= 0) out.splice(older, 1);
    }
    out.push(event);
    if (event.type === 'finished') break;
  }
  return out;
}

/** Events a resumed run repeats and a watcher must see once; undefined for those it may see again. */
export function dedupKey(event: SearchEvent): string | undefined {
  switch (event.type) {
    case 'started':
      return 'started';
    case 'tier-started':
      return `tier:${event.tier}`;
    case 'match':
      return `match:${event.match.phone}`;
    default:
      return undefined;
  }
}
