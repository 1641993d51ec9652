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
  values: {
    MATCHED: { description: 'A number with orders was found.' },
    NOT_FOUND: { description: 'Every candidate of every tier run was checked and none has orders.' },
    INCOMPLETE: { description: 'No match, but some checks failed: see failedNumbers.' },
    CANCELLED: { description: 'The client left or the server shut down.' },
    TIMED_OUT: { description: 'The search deadline passed; the result holds what was checked so far.' },
  } satisfies Record<MatchStatus, { description: string }>,
});

export const MatchResultRef = builder.objectRef<MatchResult>('MatchResult').implement({
  fields: (t) => ({
    status: t.field({ type: MatchStatusEnum, resolve: (r) => r.status }),
    matches: t.field({ type: [PhoneMatchRef], resolve: (r) => r.matches }),
    tiers: t.field({ type: [TierReportRef], resolve: (r) => r.tiers }),
    failedNumbers: t.exposeStringList('failedNumbers', {
      description: 'Numbers whose check failed; retry exactly these.',
    }),
    failures: t.field({ type: [FailureCountRef], description: 'Failed checks by reason.', resolve: (r) => r.failures }),
    totals: t.field({ type: SearchTotalsRef, resolve: (r) => r.totals }),
    elapsedMs: t.exposeFloat('elapsedMs'),
    note: t.exposeString('note', {
      nullable: true,
      description:
        'Why the search ended as it did (failures, deadline, order service down), when the status alone does not say.',
    }),
    searchId: t.exposeString('searchId', { description: 'Names this search in logs and the audit.' }),
    query: t.exposeString('query', { description: 'The partial number searched, e.g. 138****1234.' }),
  }),
});

builder.queryField('matchPhone', (t) =>
  t.field({
    type: MatchResultRef,
    description: 'Searches the tiers for the number with orders; answers when the search is done.',
    args: { input: t.arg({ type: MatchPhoneInput, required: true }) },
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
