import type { FailureReason } from '../checker/index.ts';
import type { Tier, TierSlice } from '../plan/tier-plan.ts';
import type { SegmentLocation } from '../segments/segment-index.ts';

export const STOP_AT = ['FIRST_MATCH', 'TIER', 'ALL'] as const;
/** When a search stops: at the first number with orders, at the end of its tier, or never. */
export type StopAt = (typeof STOP_AT)[number];

export const MATCH_STATUSES = ['MATCHED', 'NOT_FOUND', 'INCOMPLETE', 'CANCELLED', 'TIMED_OUT'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const TIER_OUTCOMES = [
  'SKIPPED',
  'COMPLETED',
  'STOPPED_AT_MATCH',
  'NOT_REACHED',
  'RUNNING',
  'CANCELLED',
  'TIMED_OUT',
  'UPSTREAM_UNAVAILABLE',
] as const;
/** How a tier ended (RUNNING: still being searched, in a running search's progress only); `skipped` is true for SKIPPED only. */
export type TierOutcome = (typeof TIER_OUTCOMES)[number];

export interface PhoneMatch {
  readonly phone: string;
  readonly tier: Tier;
  readonly location: SegmentLocation;
}

export interface TierReport {
  readonly tier: Tier;
  readonly candidates: number;
  checked: number;
  withOrders: number;
  failed: number;
  cacheHits: number;
  elapsedMs: number;
  readonly skipped: boolean;
  outcome: TierOutcome;
}

// The checker defines why a check fails; the schema's FailureReason enum takes its values from there.
export { FAILURE_REASONS, type FailureReason } from '../checker/index.ts';

export interface FailureCount {
  readonly reason: FailureReason;
  count: number;
}

/** Counts over all tiers of a search (tier-reports.ts adds them up). */
export interface SearchTotals {
  readonly candidates: number;
  readonly checked: number;
  readonly withOrders: number;
  readonly failed: number;
  readonly cacheHits: number;
}

export interface MatchResult {
  readonly searchId: string;
  /** The searched number as masked input, e.g. `138****1234`. */
  readonly query: string;
  readonly status: MatchStatus;
  /** Why the search ended as it did, for an operator; null when the status says it all. */
  readonly note: string | null;
  readonly matches: readonly PhoneMatch[];
  readonly tiers: readonly TierReport[];
  /** Numbers whose check failed, so an operator can retry exactly those. */
  readonly failedNumbers: readonly string[];
  readonly failures: readonly FailureCount[];
  readonly totals: SearchTotals;
  readonly elapsedMs: number;
}

/** A tier of the plan as a search reports it (its `started` event, candidatePlan). */
export type TierPlanSummary = Pick<TierSlice, 'tier' | 'candidates' | 'skipped'>;

/** What a running search reports, in order. The GraphQL subscription streams these. */
export type SearchEvent =
  | {
      readonly type: 'started';
      readonly searchId: string;
      readonly query: string;
      readonly total: number;
      readonly tiers: readonly TierPlanSummary[];
    }
  | { readonly type: 'tier-started'; readonly searchId: string; readonly tier: Tier; readonly candidates: number }
  | {
      readonly type: 'progress';
      readonly searchId: string;
      readonly tier: Tier;
      readonly checked: number;
      readonly total: number;
      readonly failed: number;
      readonly withOrders: number;
    }
  | { readonly type: 'match'; readonly searchId: string; readonly match: PhoneMatch }
  | { readonly type: 'tier-finished'; readonly searchId: string; readonly report: TierReport }
  | { readonly type: 'finished'; readonly searchId: string; readonly result: MatchResult };
