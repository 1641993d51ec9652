import type { SearchEvent } from './search-types.ts';

/**
 * The replay rule, wherever a search's events are kept (SearchEventLog in memory, a fleet's Redis
 * stream): what a watcher who arrives late, or comes back, is given. A log may hold several runs of
 * one search (a fleet resumed it elsewhere). Kept, in log order: the first SearchStarted, each tier's
 * first TierStarted, its newest TierProgress (counts are cumulative; none once the tier has finished)
 * and first TierFinished, each match once, and SearchFinished, after which nothing. So a replay stays small: the plan, each tier's
 * start, progress and end, the matches and the result.
 */
export class EventReplay {
  private readonly kept: SearchEvent[] = [];
  private readonly seen = new Set<string>();

  /** True once SearchFinished is in: nothing more is added. */
  get finished(): boolean {
    return this.kept.at(-1)?.type === 'finished';
  }

  /** The replay so far. */
  get events(): readonly SearchEvent[] {
    return this.kept;
  }

  /** Adds `event` by the rule; false when the replay drops it (a repeat, or anything after SearchFinished). */
  add(event: SearchEvent): boolean {
    if (this.finished || repeats(event, this.seen)) return false;
    if (event.type === 'progress') {
      const older = this.kept.findIndex((e) => e.type === 'progress' && e.tier === event.tier);
      if (older >= 0) this.kept.splice(older, 1);
    }
    this.kept.push(event);
    return true;
  }
}

/** The replay of a whole log (see EventReplay). */
export function compactLog(events: Iterable<SearchEvent>): SearchEvent[] {
  const replay = new EventReplay();
  for (const event of events) replay.add(event);
  return [...replay.events];
}

/**
 * Events a resumed run repeats and a watcher must see once; undefined for those it may see again.
 * A tier's TierFinished counts too: a run resumed after a takeover checks its finished tiers again
 * (from the answer cache), and a watcher must not see them end twice.
 */
export function dedupKey(event: SearchEvent): string | undefined {
  switch (event.type) {
    case 'started':
      return 'started';
    case 'tier-started':
      return `tier:${event.tier}`;
    case 'tier-finished':
      return `tier-finished:${event.report.tier}`;
    case 'match':
      return `match:${event.match.phone}`;
    default:
      return undefined;
  }
}

/**
 * Whether `event` repeats what `seen` (the keys of events already logged or delivered) holds: an event
 * with a dedup key seen before, or progress of a tier that has already finished. Remembers it if not.
 * The one rule for a replay, a resumed run's log and a watcher's stream.
 */
export function repeats(event: SearchEvent, seen: Set<string>): boolean {
  if (event.type === 'progress') return seen.has(`tier-finished:${event.tier}`);
  const key = dedupKey(event);
  if (key === undefined) return false;
  if (seen.has(key)) return true;
  seen.add(key);
  return false;
}
