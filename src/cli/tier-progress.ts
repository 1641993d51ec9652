import type { Tier, TierOutcome } from '../../schema/generated/graphql.ts';
import type { FinishedResult, MatchEvent } from './match-event.ts';

/*
 * The search's events folded into per-tier progress, the matches so far and the final result: what the
 * bars and the result text are drawn from. (The console's typed reducer, client/search-progress.ts, had
 * not reached main when this was written; this is the command line's own small fold of the same events.)
 */

export type FoundMatch = Extract<MatchEvent, { __typename: 'MatchFound' }>['match'];

export interface TierState {
  readonly tier: Tier;
  readonly candidates: number;
  readonly checked: number;
  readonly failed: number;
  readonly withOrders: number;
  readonly skipped: boolean;
  readonly phase: 'pending' | 'running' | 'done';
  readonly outcome: TierOutcome | null;
}

export interface SearchProgress {
  readonly query: string | null;
  readonly total: number;
  readonly tiers: readonly TierState[];
  readonly matches: readonly FoundMatch[];
  readonly result: FinishedResult | null;
}

export const initialSearchProgress: SearchProgress = { query: null, total: 0, tiers: [], matches: [], result: null };

export function reduceSearchProgress(state: SearchProgress, event: MatchEvent): SearchProgress {
  switch (event.__typename) {
    case 'SearchStarted':
      return {
        ...initialSearchProgress,
        query: event.query,
        total: event.total,
        tiers: event.tiers.map((t) => ({
          tier: t.tier,
          candidates: t.candidates,
          checked: 0,
          failed: 0,
          withOrders: 0,
          skipped: t.skipped,
          phase: t.skipped ? 'done' : 'pending',
          outcome: t.skipped ? 'SKIPPED' : null,
        })),
      };
    case 'TierStarted':
      return updateTier(state, event.tier, { candidates: event.candidates, phase: 'running' });
    case 'TierProgress':
      return updateTier(state, event.tier, {
        candidates: event.total,
        checked: event.checked,
        failed: event.failed,
        withOrders: event.withOrders,
      });
    case 'MatchFound':
      return { ...state, matches: [...state.matches, event.match] };
    case 'TierFinished': {
      const r = event.report;
      return updateTier(state, r.tier, {
        candidates: r.candidates,
        checked: r.checked,
        failed: r.failed,
        withOrders: r.withOrders,
        skipped: r.skipped,
        phase: 'done',
        outcome: r.outcome,
      });
    }
    case 'SearchFinished': {
      // The result's tier table is the authority: tiers never reached get their outcome from it.
      let next = state;
      for (const r of event.result.tiers)
        next = updateTier(next, r.tier, {
          checked: r.checked,
          failed: r.failed,
          withOrders: r.withOrders,
          skipped: r.skipped,
          phase: 'done',
          outcome: r.outcome,
        });
      return { ...next, result: event.result };
    }
  }
}

function updateTier(state: SearchProgress, tier: Tier, change: Partial<TierState>): SearchProgress {
  const at = state.tiers.findIndex((t) => t.tier === tier);
  if (at < 0) return state;
  return { ...state, tiers: state.tiers.with(at, { ...state.tiers[at]!, ...change }) };
}
