import type { TierPlanSummary } from '../search/search-types.ts';
import { builder } from './builder.ts';
import { TierEnum } from './tier.ts';

export const TierPlanRef = builder.objectRef<TierPlanSummary>('TierPlan').implement({
  fields: (t) => ({
    tier: t.field({ type: TierEnum, resolve: (p) => p.tier }),
    candidates: t.exposeInt('candidates'),
    skipped: t.exposeBoolean('skipped', {
      description: 'No city (CITY) or province (PROVINCE) was given, or the tier has no candidates.',
    }),
  }),
});
