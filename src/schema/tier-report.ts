import { TIER_OUTCOMES, type TierReport } from '../search/search-types.ts';
import { builder } from './builder.ts';
import { TierEnum } from './tier.ts';

const TierOutcomeEnum = builder.enumType('TierOutcome', { values: TIER_OUTCOMES });

export const TierReportRef = builder.objectRef<TierReport>('TierReport').implement({
  fields: (t) => ({
    tier: t.field({ type: TierEnum, resolve: (r) => r.tier }),
    candidates: t.exposeInt('candidates'),
    checked: t.exposeInt('checked'),
    withOrders: t.exposeInt('withOrders'),
    failed: t.exposeInt('failed'),
    cacheHits: t.exposeInt('cacheHits'),
    elapsedMs: t.exposeFloat('elapsedMs'),
    skipped: t.exposeBoolean('skipped'),
    outcome: t.field({ type: TierOutcomeEnum, resolve: (r) => r.outcome }),
  }),
});
