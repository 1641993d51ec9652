import type { MatchResult } from '../search/search-types.ts';
import { builder } from './builder.ts';

export const SearchTotalsRef = builder.objectRef<MatchResult['totals']>('SearchTotals').implement({
  fields: (t) => ({
    candidates: t.exposeInt('candidates'),
    checked: t.exposeInt('checked'),
    withOrders: t.exposeInt('withOrders'),
    failed: t.exposeInt('failed'),
    cacheHits: t.exposeInt('cacheHits'),
  }),
});
