import type { StopAt } from '../search/search-types.ts';
import { builder } from './builder.ts';

export const StopAtEnum = builder.enumType('StopAt', {
  values: {
    FIRST_MATCH: { description: 'Stop, and cancel outstanding checks, at the first number with orders.' },
    TIER: { description: 'Finish the tier of the first match and return all its matches.' },
    ALL: { description: 'Search every tier.' },
  } satisfies Record<StopAt, { description: string }>,
});
