import type { TierOutcome, TierReport } from '../search/search-types.ts';
import { builder } from './builder.ts';
import { TierEnum } from './tier.ts';

// In TIER_OUTCOMES order (src/search/search-types.ts): the printed schema keeps declaration order.
const TierOutcomeEnum = builder.enumType('TierOutcome', {
  description: 'How a tier’s search ended.',
  values: {
    SKIPPED: { description: 'Not searched: its place was not given, or it has no candidates.' },
    COMPLETED: {
      description: 'Every candidate was checked (checked = candidates); some checks may have failed (failed).',
    },
    STOPPED_AT_MATCH: {
      description: 'With FIRST_MATCH: a number with orders was found here and the rest of the tier was not checked.',
    },
    NOT_REACHED: {
      description:
        'Not searched because the search ended first (a match in an earlier tier, or it was cancelled, timed out or lost the order service). In a running search’s progress also a tier not started yet.',
    },
    RUNNING: {
      description:
        'Being searched now: only in a running search’s progress (Search.progress); checked, withOrders and failed are counts so far.',
    },
    CANCELLED: { description: 'The search was cancelled while this tier ran.' },
    TIMED_OUT: { description: 'The search deadline passed while this tier ran.' },
    UPSTREAM_UNAVAILABLE: {
      description:
        'The order service became unavailable (circuit breaker open) while this tier ran; the search ended here.',
    },
  } satisfies Record<TierOutcome, { description: string }>,
});

export const TierReportRef = builder.objectRef<TierReport>('TierReport').implement({
  description: 'What a search did in one tier. Counts are totals so far: replace older reports, never add them up.',
  fields: (t) => ({
    tier: t.field({ type: TierEnum, description: 'The tier.', resolve: (r) => r.tier }),
    candidates: t.exposeInt('candidates', { description: 'Numbers in this tier; 0 when skipped.' }),
    checked: t.exposeInt('checked', {
      description:
        'Candidates checked so far, failed checks and cache hits included; checked / candidates is the tier’s progress.',
    }),
    withOrders: t.exposeInt('withOrders', { description: 'Numbers found with orders in this tier (its matches).' }),
    failed: t.exposeInt('failed', {
      description:
        'Checks that failed (the order service gave no usable answer); never counted as “no orders”. Their numbers are in MatchResult.failedNumbers.',
    }),
    cacheHits: t.exposeInt('cacheHits', {
      description:
        'Checks answered from the cache of earlier answers, without a request (part of checked). In Search.progress, 0 until the tier is over.',
    }),
    elapsedMs: t.exposeFloat('elapsedMs', {
      description:
        'Time spent on this tier, in milliseconds; 0 for a tier not run (and, in Search.progress, until it is over).',
    }),
    skipped: t.exposeBoolean('skipped', { description: 'True when the tier was not searched (outcome SKIPPED).' }),
    outcome: t.field({
      type: TierOutcomeEnum,
      description:
        'How the tier ended. In a running search’s progress: RUNNING while it is searched, NOT_REACHED before it starts.',
      resolve: (r) => r.outcome,
    }),
  }),
});
