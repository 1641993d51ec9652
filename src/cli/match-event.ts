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
    case 'tier-finished': {
      const r = event.report;
      return {
        __typename: 'TierFinished',
        report: {
          tier: r.tier,
          candidates: r.candidates,
          checked: r.checked,
          withOrders: r.withOrders,
          failed: r.failed,
          cacheHits: r.cacheHits,
          elapsedMs: r.elapsedMs,
          skipped: r.skipped,
          outcome: r.outcome,
        },
      };
    }
    case 'finished': {
      const r = event.result;
      return {
        __typename: 'SearchFinished',
        result: {
          status: r.status,
          note: r.note,
          searchId: r.searchId,
          matches: r.matches.map((m) => ({ phone: m.phone, tier: m.tier })),
          tiers: r.tiers.map((t) => ({
            tier: t.tier,
            checked: t.checked,
            withOrders: t.withOrders,
            failed: t.failed,
            skipped: t.skipped,
            outcome: t.outcome,
          })),
          failedNumbers: [...r.failedNumbers],
          elapsedMs: r.elapsedMs,
        },
      };
    }
  }
}
