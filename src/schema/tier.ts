import type { Tier } from '../plan/tier-plan.ts';
import { builder } from './builder.ts';

export const TierEnum = builder.enumType('Tier', {
  description:
    'Where a candidate number’s 7-digit segment is located, relative to the customer’s place. Tiers are disjoint and searched in this order.',
  // In TIERS order (src/plan/tier-plan.ts): the printed schema keeps declaration order.
  values: {
    CITY: { description: 'Numbers located in the given city. Skipped when no city is given.' },
    PROVINCE: {
      description:
        'Numbers located elsewhere in the province (the given one, or the city’s own when only a city is given). Skipped when neither is given.',
    },
    NATIONAL: {
      description: 'Numbers located anywhere else in China; every located number when no place is given.',
    },
    UNLOCATED: {
      description:
        'Numbers whose segment no data source locates (with the embedded data, e.g. 16x, 19x and 171–175); searched last.',
    },
  } satisfies Record<Tier, { description: string }>,
});
