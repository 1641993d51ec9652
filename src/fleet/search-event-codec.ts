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

/** A result as stored: its matches without their location. */
export type StoredResult = Omit<MatchResult, 'matches'> & {
  matches: ReadonlyArray<Pick<PhoneMatch, 'phone' | 'tier'>>;
};

export function encodableResult(result: MatchResult): StoredResult {
  return { ...result, matches: result.matches.map(bareMatch) };
}

export function decodeResult(result: StoredResult, index: SegmentIndex): MatchResult {
  return { ...result, matches: result.matches.map((m) => locate(m, index)) };
}

function bareMatch(match: PhoneMatch): { phone: string; tier: PhoneMatch['tier'] } {
  return { phone: match.phone, tier: match.tier };
}

function locate(match: Pick<PhoneMatch, 'phone' | 'tier'>, index: SegmentIndex): PhoneMatch {
  return { phone: match.phone, tier: match.tier, location: index.lookup(match.phone) };
}

// The replay rule is the search's own (one definition, src/search/event-replay.ts): the fleet applies
// it to the events it decodes from a search's Redis stream, which may hold several runs of the search.
export { compactLog, dedupKey, repeats } from '../search/event-replay.ts';
