import type { MatchResult } from '../search/search-types.ts';
import { builder } from './builder.ts';

export const SearchTotalsRef = builder.objectRef<MatchResult['totals']>('SearchTotals').implement({
  description: 'The tiers’ counts added up over the whole search.',
  fields: (t) => ({
    candidates: t.exposeInt('candidates', {
      description: 'Candidates of the whole plan, tiers not reached included (CandidatePlan.total).',
    }),
    checked: t.exposeInt('checked', {
      description: 'Candidates checked, failed checks and cache hits included.',
    }),
    withOrders: t.exposeInt('withOrders', { description: 'Numbers found with orders (the matches).' }),
    failed: t.exposeInt('failed', { description: 'Checks that failed (failedNumbers lists them).' }),
    cacheHits: t.exposeInt('cacheHits', {
      description: 'Checks answered from the cache of earlier answers, without a request to the order service.',
    }),
  }),
});
