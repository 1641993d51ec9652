import type { MatchResult, MatchStatus } from '../search/search-types.ts';
import { builder } from './builder.ts';
import { FailureCountRef } from './failure-count.ts';
import { MatchPhoneInput, stopAtOf } from './match-phone-input.ts';
import { STARTS_SEARCH, searchRequestFor } from './operation-searches.ts';
import { PhoneMatchRef } from './phone-match.ts';
import { admitSearch, searchMeta } from './search-admission.ts';
import { SearchTotalsRef } from './search-totals.ts';
import { TierReportRef } from './tier-report.ts';

export const MatchStatusEnum = builder.enumType('MatchStatus', {
  description: 'How a search ended: what to tell the user, and whether searching again can help.',
  values: {
    MATCHED: {
      description: 'Found: `matches` holds the number(s) with orders. Some other checks may still have failed.',
    },
    NOT_FOUND: {
      description:
        'A definite no: every candidate of every tier run was checked and none has orders. Searching again will not help; check the digits and place with the customer.',
    },
    INCOMPLETE: {
      description:
        'No match, but not every candidate could be checked (failed checks, or the order service unavailable): not a no. Search again, later if `note` says the order service is unavailable; cached answers are not asked again.',
    },
    CANCELLED: {
      description:
        'Stopped before its end: the client left, cancelSearch, no watcher within the grace period, or the server shut down. `matches` holds any found before; search again to finish.',
    },
    TIMED_OUT: {
      description:
        'The search deadline (SEARCH_DEADLINE_MS, 120 s by default) passed; `matches` and the counts hold what was done. Search again (cached answers make it quicker) or narrow the input.',
    },
  } satisfies Record<MatchStatus, { description: string }>,
});

export const MatchResultRef = builder.objectRef<MatchResult>('MatchResult').implement({
  description: 'The outcome of a search: its status, the numbers with orders, and what each tier did.',
  fields: (t) => ({
    status: t.field({ type: MatchStatusEnum, description: 'How the search ended.', resolve: (r) => r.status }),
    matches: t.field({
      type: [PhoneMatchRef],
      description:
        'Numbers with orders, in the order found: one with FIRST_MATCH. Not only with MATCHED: a CANCELLED or TIMED_OUT search keeps those found before.',
      resolve: (r) => r.matches,
    }),
    tiers: t.field({
      type: [TierReportRef],
      description: 'One report per tier, in search order, skipped and not reached ones included.',
      resolve: (r) => r.tiers,
    }),
    failedNumbers: t.exposeStringList('failedNumbers', {
      description:
        'Full numbers whose check failed: retry exactly these. Failures are never cached, so searching again re-checks them.',
    }),
    failures: t.field({
      type: [FailureCountRef],
      description: 'Failed checks by reason; only reasons that occurred.',
      resolve: (r) => r.failures,
    }),
    totals: t.field({ type: SearchTotalsRef, description: 'Counts over all tiers.', resolve: (r) => r.totals }),
    elapsedMs: t.exposeFloat('elapsedMs', { description: 'How long the search ran, in milliseconds.' }),
    note: t.exposeString('note', {
      nullable: true,
      description:
        'Why the search ended as it did (failures, deadline, order service down, cancelled), when the status alone does not say; an English sentence for people, not to be parsed. Null otherwise.',
    }),
    searchId: t.exposeString('searchId', {
      description: 'Names this search in logs and the audit; for a started search, its Search.id.',
    }),
    query: t.exposeString('query', { description: 'The partial number searched, e.g. `138****1234`.' }),
  }),
});

builder.queryField('matchPhone', (t) =>
  t.field({
    type: MatchResultRef,
    description:
      'Searches the tiers for the number with orders and answers once the search is over (at most SEARCH_DEADLINE_MS); aborting the request cancels it. Errors: BAD_USER_INPUT; TOO_MANY_SEARCHES or RATE_LIMITED (HTTP 429) with extensions.retryAfterSeconds to wait before retrying.',
    args: {
      input: t.arg({
        type: MatchPhoneInput,
        required: true,
        description: 'The partial number, the customer’s place and when to stop.',
      }),
    },
    extensions: STARTS_SEARCH,
    resolve: async (_root, { input }, context, info) => {
      const request = searchRequestFor(input, context, info);
      const release = await admitSearch(context);
      try {
        return await context.services.engine.search(request, {
          stopAt: stopAtOf(input),
          signal: context.signal,
          meta: searchMeta(context),
        });
      } finally {
        release();
      }
    },
  }),
);
