import { TIERS } from '../plan/tier-plan.ts';
import { builder } from './builder.ts';

export const TierEnum = builder.enumType('Tier', {
  description: 'Search tiers, searched in this order.',
  values: TIERS,
});
