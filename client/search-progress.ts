import type {
  MatchPhoneEventsSubscription,
  MatchStatus,
  SearchEventsSubscription,
  Tier,
  TierOutcome,
} from '../schema/generated/graphql.ts';

/**
 * The typed progress of one search, folded from its event stream (`matchPhoneEvents`, or `searchEvents`
 * of a started search): what a frontend needs to draw a progress bar per tier, the matches as they
 * arrive and the final result.
 *
 * ```ts
 * let progress = initialSearchProgress;
 * for await (const { data } of client.iterate({ query, variables })) {
 *   progress = reduceSearchProgress(progress, data.matchPhoneEvents);
 *   render(progress);
 * }
 * ```
 *
 * Pure and immutable: every event returns a new state (unchanged parts are shared), so it fits
 * `useReducer`, a store, or a plain loop. Events of a kind it does not know leave the state as it was.
 */

/**
 * One event of a search's stream, as the MatchPhoneEvents and SearchEvents operations select it
 * (`matchPhoneEvents(input)`, or `searchEvents(id)` of a started search, whose replay folds the same way).
 */
export type SearchEvent = MatchPhoneEventsSubscription['matchPhoneEvents'] | SearchEventsSubscription['searchEvents'];
export type SearchEventOf<T extends SearchEvent['__typename']> = Extract<SearchEvent, { __typename: T }>;
export type FoundMatch = SearchEventOf<'MatchFound'>['match'];
export type FinalResult = SearchEventOf<'SearchFinished'>['result'];

/** Where a tier is: not started yet, being checked, or over (see `outcome` for how it ended). */
export type TierPhase = 'pending' | 'running' | 'done';

export interface TierState {
  readonly tier: Tier;
  /** Numbers in this tier (0 when skipped). */
  readonly candidates: number;
  /** Checks answered so far, failed ones included. */
  readonly checked: number;
  /** Checks that failed: never counted as "no orders". */
  readonly failed: number;
  readonly withOrders: number;
  /** The tier does not apply to this input (e.g. no city given for CITY). */
  readonly skipped: boolean;
  readonly phase: TierPhase;
  /** How the tier ended; null until it has. */
  readonly outcome: TierOutcome | null;
  /** Time spent on the tier, once it is over and reported it. */
  readonly elapsedMs: number | null;
  readonly cacheHits: number | null;
}

/** Where the search is: before its first event, streaming, or ended with SearchFinished. */
export type SearchPhase = 'waiting' | 'running' | 'finished';

export interface SearchProgress {
  readonly phase: SearchPhase;
  readonly searchId: string | null;
  /** The partial number searched, e.g. `138****1234`. */
  readonly query: string | null;
  /** Candidates of every tier together. */
  readonly total: number;
  /** In the search's order (CITY, PROVINCE, NATIONAL, UNLOCATED). */
  readonly tiers: readonly TierState[];
  /** The tier being checked, if any. */
  readonly currentTier: Tier | null;
  /** Sums over the tiers. */
  readonly checked: number;
  readonly failed: number;
  /** Every match so far, in the order found. */
  readonly matches: readonly FoundMatch[];
  /** The final status once SearchFinished arrived. */
  readonly status: MatchStatus | null;
  /** The SearchFinished result, as the server sent it. */
  readonly result: FinalResult | null;
}

export const initialSearchProgress: SearchProgress = {
  phase: 'waiting',
  searchId: null,
  query: null,
  total: 0,
  tiers: [],
  currentTier: null,
  checked: 0,
  failed: 0,
  matches: [],
  status: null,
  result: null,
};

/** The state after `event`. */
export function reduceSearchProgress(state: SearchProgress, event: SearchEvent): SearchProgress {
  switch (event.__typename) {
    case 'SearchStarted':
      return withSums({
        ...initialSearchProgress,
        phase: 'running',
        searchId: event.searchId,
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
          elapsedMs: null,
          cacheHits: null,
        })),
      });
    case 'TierStarted':
      return {
        ...updateTier(state, event.tier, (t) => ({ ...t, candidates: event.candidates, phase: 'running' })),
        currentTier: event.tier,
      };
    case 'TierProgress':
      return withSums(
        updateTier(state, event.tier, (t) => ({
          ...t,
          candidates: event.total,
          checked: event.checked,
          failed: event.failed,
          withOrders: event.withOrders,
          phase: t.phase === 'done' ? 'done' : 'running',
        })),
      );
    case 'MatchFound':
      return { ...state, matches: [...state.matches, event.match] };
    case 'TierFinished': {
      const { report } = event;
      const next = updateTier(state, report.tier, (t) => ({
        ...t,
        candidates: report.candidates,
        checked: report.checked,
        failed: report.failed,
        withOrders: report.withOrders,
        skipped: report.skipped,
        phase: 'done',
        outcome: report.outcome,
        elapsedMs: report.elapsedMs,
        cacheHits: report.cacheHits,
      }));
      return withSums({ ...next, currentTier: state.currentTier === report.tier ? null : state.currentTier });
    }
    case 'SearchFinished': {
      const { result } = event;
      // The result's tier table is the authority: tiers never reached get their outcome from it.
      let next: SearchProgress = state;
      for (const report of result.tiers) {
        next = updateTier(next, report.tier, (t) => ({
          ...t,
          checked: report.checked,
          failed: report.failed,
          withOrders: report.withOrders,
          skipped: report.skipped,
          phase: 'done',
          outcome: report.outcome,
        }));
      }
      // Matches the stream did not carry (none in practice) are kept, without a location.
      const known = new Set(next.matches.map((m) => m.phone));
      const missed = result.matches.filter((m) => !known.has(m.phone));
      return withSums({
        ...next,
        phase: 'finished',
        searchId: result.searchId,
        currentTier: null,
        matches: missed.length > 0 ? [...next.matches, ...missed] : next.matches,
        status: result.status,
        result,
      });
    }
    default:
      return state;
  }
}

/** Folds a whole sequence of events (e.g. a recorded stream). */
export function foldSearchProgress(
  events: Iterable<SearchEvent>,
  from: SearchProgress = initialSearchProgress,
): SearchProgress {
  let state = from;
  for (const event of events) state = reduceSearchProgress(state, event);
  return state;
}

/** Share of a tier's candidates checked, 0..1 (1 for a tier with no candidates that is over). */
export function tierFraction(tier: TierState): number {
  if (tier.candidates === 0) return tier.phase === 'done' ? 1 : 0;
  return Math.min(1, tier.checked / tier.candidates);
}

function updateTier(state: SearchProgress, tier: Tier, update: (t: TierState) => TierState): SearchProgress {
  const index = state.tiers.findIndex((t) => t.tier === tier);
  // A tier the plan did not list (a stream joined late): it is added in the order it shows up.
  const current = index >= 0 ? state.tiers[index]! : blankTier(tier);
  const tiers = index >= 0 ? state.tiers.with(index, update(current)) : [...state.tiers, update(current)];
  return { ...state, phase: state.phase === 'waiting' ? 'running' : state.phase, tiers };
}

function blankTier(tier: Tier): TierState {
  return {
    tier,
    candidates: 0,
    checked: 0,
    failed: 0,
    withOrders: 0,
    skipped: false,
    phase: 'pending',
    outcome: null,
    elapsedMs: null,
    cacheHits: null,
  };
}

function withSums(state: SearchProgress): SearchProgress {
  let checked = 0;
  let failed = 0;
  for (const t of state.tiers) {
    checked += t.checked;
    failed += t.failed;
  }
  return checked === state.checked && failed === state.failed ? state : { ...state, checked, failed };
}
