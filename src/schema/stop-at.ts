import type { StopAt } from '../search/search-types.ts';
import { builder } from './builder.ts';

export const StopAtEnum = builder.enumType('StopAt', {
  description: 'When a search stops. More matches cost more time and more requests to the order service.',
  values: {
    FIRST_MATCH: {
      description:
        'Stop at the first number with orders and cancel the outstanding checks: one match, the fastest answer. The default.',
    },
    TIER: {
      description: 'Finish the tier of the first match and return all its matches; later tiers are not searched.',
    },
    ALL: { description: 'Search every tier to its end and return every number with orders.' },
  } satisfies Record<StopAt, { description: string }>,
});
