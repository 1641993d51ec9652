import type { SearchRequest } from '../plan/search-request.ts';
import type { SearchMeta } from './search-engine.ts';
import type { MatchResult, SearchEvent, StopAt, TierReport } from './search-types.ts';
import { totalsOf, unsearchedReport } from './tier-reports.ts';

export const SEARCH_STATES = ['RUNNING', 'FINISHED'] as const;
/** RUNNING until the search ends, however it ends; the result's status then says how. */
export type SearchState = (typeof SEARCH_STATES)[number];

/** What a search was started with, as understood (canonical names, the partial number masked as typed). */
export interface SearchedFor {
  /** The partial number, e.g. `138****1234`. */
  readonly query: string;
  readonly city: string | null;
  readonly province: string | null;
  readonly stopAt: StopAt;
}

/** A started search as its owner sees it. */
export interface SearchRecord {
  readonly id: string;
  readonly state: SearchState;
  readonly input: SearchedFor;
  /** Every tier of the plan as it stands: counts so far, outcome once the tier is over. */
  readonly progress: readonly TierReport[];
  /** The final result; null while RUNNING. */
  readonly result: MatchResult | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
}

/** Who starts a search: an API key always (`dev` in dev mode), which owns it from then on. */
export type SearchOwner = SearchMeta & { readonly apiKeyId: string };

export interface StartSearchSpec {
  readonly request: SearchRequest;
  readonly stopAt: StopAt;
  readonly owner: SearchOwner;
  /** Called exactly once when the search has ended (the per-key quota slot's release). */
  readonly onEnd?: () => void;
}

/**
 * Searches as resources: started by one request, then read, watched and cancelled by id from any
 * other request or connection, so a search outlives the connection that started it.
 *
 * The contract every implementation keeps (the in-memory one in memory-search-registry.ts; a fleet
 * implementation may keep records and event logs in Redis and run searches on any instance):
 * - **Ownership.** A search belongs to the API key that started it. For any other key, `get`,
 *   `watch` and `cancel` answer exactly as for an unknown id (`undefined`), so ids reveal nothing.
 * - **Starting** returns at once with the RUNNING record; the search runs on without any watcher.
 *   The caller has already admitted it under the key's quota; `onEnd` gives the slot back.
 * - **Watching** (`watch`) replays where the search stands, then follows it live, and ends after
 *   SearchFinished. The replay follows the rule of event-replay.ts: SearchStarted, each tier's
 *   TierStarted, newest TierProgress and TierFinished, every MatchFound, and SearchFinished if it is
 *   over. A watcher that reconnects and watches again therefore loses no match. Leaving a watch never
 *   cancels the search.
 * - **Unwatched grace.** A RUNNING search with no watcher (none yet, or the last one left) is cancelled
 *   once `unwatchedGraceMs` has passed without one; a new watcher within the grace keeps it running.
 * - **Retention.** A finished search stays readable for `retentionMs` after it ends, then is forgotten.
 * - **Cancelling** a RUNNING search stops it and its upstream checks and resolves once it has ended
 *   (state FINISHED, result CANCELLED); cancelling a finished one changes nothing.
 * - **Closing** (shutdown) cancels every running search and resolves once they have ended.
 */
export interface SearchRegistry {
  start(spec: StartSearchSpec): Promise<SearchRecord>;
  get(id: string, apiKeyId: string): Promise<SearchRecord | undefined>;
  watch(id: string, apiKeyId: string): Promise<AsyncIterableIterator<SearchEvent> | undefined>;
  cancel(id: string, apiKeyId: string): Promise<SearchRecord | undefined>;
  close(): Promise<void>;
}

export interface SearchRegistryOptions {
  /** A RUNNING search without a watcher for this long is cancelled (SEARCH_UNWATCHED_GRACE_MS). */
  readonly unwatchedGraceMs: number;
  /** A finished search is forgotten this long after it ends (SEARCH_RETENTION_MS). */
  readonly retentionMs: number;
}

/** What a search is started with, as its record shows it (`SearchRecord.input`). */
export function searchedFor(spec: StartSearchSpec): SearchedFor {
  return {
    query: spec.request.number.display,
    city: spec.request.region.city?.short ?? null,
    province: spec.request.region.province?.short ?? null,
    stopAt: spec.stopAt,
  };
}

/** Where a search stands, from its (compacted) event log: each tier's report so far. */
export function progressOf(events: readonly SearchEvent[]): TierReport[] {
  const reports = new Map<string, TierReport>();
  for (const event of events) {
    switch (event.type) {
      case 'started':
        for (const tier of event.tiers) reports.set(tier.tier, unsearchedReport(tier));
        break;
      case 'tier-started': {
        const report = reports.get(event.tier);
        if (report?.outcome === 'NOT_REACHED') report.outcome = 'RUNNING';
        break;
      }
      case 'progress': {
        const report = reports.get(event.tier);
        // A replay keeps the newest progress of a tier, not always its start: progress means running.
        if (report && (report.outcome === 'NOT_REACHED' || report.outcome === 'RUNNING'))
          Object.assign(report, {
            checked: event.checked,
            failed: event.failed,
            withOrders: event.withOrders,
            outcome: 'RUNNING',
          });
        break;
      }
      case 'tier-finished':
        reports.set(event.report.tier, { ...event.report });
        break;
      case 'finished':
        for (const report of event.result.tiers) reports.set(report.tier, { ...report });
        break;
      default:
        break;
    }
  }
  return [...reports.values()];
}

/**
 * The final result of a search that cannot run to its own end (it failed unexpectedly, or its instance
 * stopped and it could not be resumed): where its events say it stood, INCOMPLETE (MATCHED when it had
 * found numbers) or CANCELLED, with `note` saying why.
 */
export function abandonedResult(
  searchId: string,
  events: readonly SearchEvent[],
  note: string,
  status: 'INCOMPLETE' | 'CANCELLED' = 'INCOMPLETE',
): MatchResult {
  const started = events.find((e) => e.type === 'started');
  // A result is final: the tier that was running when the search stopped ended there.
  const tiers = progressOf(events).map((t) => (t.outcome === 'RUNNING' ? { ...t, outcome: 'CANCELLED' as const } : t));
  const matches = events.flatMap((e) => (e.type === 'match' ? [e.match] : []));
  const totals = totalsOf(started?.type === 'started' ? started.total : 0, tiers);
  return {
    searchId,
    query: started?.type === 'started' ? started.query : '',
    status: matches.length > 0 && status === 'INCOMPLETE' ? 'MATCHED' : status,
    note,
    matches,
    tiers,
    failedNumbers: [],
    failures: [],
    totals,
    elapsedMs: 0,
  };
}
