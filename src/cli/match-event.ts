import type { MatchPhoneEventsSubscription, MatchPhoneInput } from '../../schema/generated/graphql.ts';
import type { SearchEvent } from '../search/search-types.ts';

export type { MatchPhoneInput };

/**
 * One event of a search, in the shape the `MatchPhoneEvents` subscription delivers. The command line
 * speaks only this shape, whether the search runs in this process or on a server, so its output (JSON
 * lines, bars) is the same either way and is typed by the generated documents.
 */
export type MatchEvent = MatchPhoneEventsSubscription['matchPhoneEvents'];
export type FinishedResult = Extract<MatchEvent, { __typename: 'SearchFinished' }>['result'];

/** A GraphQL error as the API sends it; bad input carries field, reason, accepted and suggestions. */
export interface ApiError {
  readonly message: string;
  readonly extensions?: {
    readonly code?: string;
    readonly field?: string;
    readonly reason?: string;
    readonly accepted?: string;
    readonly suggestions?: readonly string[];
    readonly violations?: ReadonlyArray<{
      field: string;
      reason: string;
      message: string;
      accepted: string;
      suggestions: readonly string[];
    }>;
    readonly retryAfterSeconds?: number;
    readonly [key: string]: unknown;
  };
}

/*
 * The fields of an engine tier report that each event selects, in the selection's order (the order JSON
 * lines print them in), and none it does not select.
 */
type TierFinishedReport = Extract<MatchEvent, { __typename: 'TierFinished' }>['report'];
type ResultTier = FinishedResult['tiers'][number];
const TIER_FINISHED_FIELDS = [
  'tier',
  'candidates',
  'checked',
  'withOrders',
  'failed',
  'cacheHits',
  'elapsedMs',
  'skipped',
  'outcome',
] as const satisfies readonly (keyof TierFinishedReport)[];
const RESULT_TIER_FIELDS = [
  'tier',
  'checked',
  'withOrders',
  'failed',
  'skipped',
  'outcome',
] as const satisfies readonly (keyof ResultTier)[];

/** A copy of `source` with only `keys`, in their order. */
function pick<T, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = source[key];
  return picked;
}

/** An engine event as the subscription would serialise it (what `src/schema/match-events.ts` exposes). */
export function toMatchEvent(event: SearchEvent): MatchEvent {
  switch (event.type) {
    case 'started':
      return {
        __typename: 'SearchStarted',
        searchId: event.searchId,
        query: event.query,
        total: event.total,
        tiers: event.tiers.map((t) => ({ tier: t.tier, candidates: t.candidates, skipped: t.skipped })),
      };
    case 'tier-started':
      return { __typename: 'TierStarted', tier: event.tier, candidates: event.candidates };
    case 'progress':
      return {
        __typename: 'TierProgress',
        tier: event.tier,
        checked: event.checked,
        total: event.total,
        failed: event.failed,
        withOrders: event.withOrders,
      };
    case 'match': {
      const { location } = event.match;
      return {
        __typename: 'MatchFound',
        match: {
          phone: event.match.phone,
          tier: event.match.tier,
          location: {
            province: location.province?.short ?? null,
            city: location.city?.short ?? null,
            carrier: location.carrier?.name ?? null,
          },
        },
      };
    }
    case 'tier-finished':
      return { __typename: 'TierFinished', report: pick(event.report, TIER_FINISHED_FIELDS) };
    case 'finished': {
      const r = event.result;
      return {
        __typename: 'SearchFinished',
        result: {
          status: r.status,
          note: r.note,
          searchId: r.searchId,
          matches: r.matches.map((m) => ({ phone: m.phone, tier: m.tier })),
          tiers: r.tiers.map((t) => pick(t, RESULT_TIER_FIELDS)),
          failedNumbers: [...r.failedNumbers],
          elapsedMs: r.elapsedMs,
        },
      };
    }
  }
}
