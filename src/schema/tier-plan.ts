import type { TierPlanSummary } from '../search/search-types.ts';
import { builder } from './builder.ts';
import { TierEnum } from './tier.ts';

export const TierPlanRef = builder.objectRef<TierPlanSummary>('TierPlan').implement({
  description: 'One tier of a search’s plan, before any check.',
  fields: (t) => ({
    tier: t.field({ type: TierEnum, description: 'The tier.', resolve: (p) => p.tier }),
    candidates: t.exposeInt('candidates', {
      description: 'Numbers this tier will check; 0 when skipped.',
    }),
    skipped: t.exposeBoolean('skipped', {
      description:
        'True when the tier will not be searched: CITY without a city, PROVINCE without a city or province, or a tier with no candidates.',
    }),
  }),
});
