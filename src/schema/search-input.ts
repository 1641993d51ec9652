import { buildSearchRequest, type SearchRequest } from '../plan/search-request.ts';
import { TIERS } from '../plan/tier-plan.ts';
import { STOP_AT, type StopAt } from '../search/search-types.ts';
import { builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { asUserInput } from './errors.ts';

export const TierEnum = builder.enumType('Tier', {
  description: 'Search tiers, searched in this order.',
  values: TIERS,
});

export const StopAtEnum = builder.enumType('StopAt', {
  values: {
    FIRST_MATCH: { description: 'Stop, and cancel outstanding checks, at the first number with orders.' },
    TIER: { description: 'Finish the tier of the first match and return all its matches.' },
    ALL: { description: 'Search every tier.' },
  },
});

export interface MatchPhoneInputShape {
  prefix?: string | null;
  suffix?: string | null;
  mask?: string | null;
  city?: string | null;
  province?: string | null;
  stopAt?: StopAt | null;
}

export const MatchPhoneInput = builder.inputType('MatchPhoneInput', {
  description:
    'A partial number: `prefix` and/or `suffix` (e.g. 138 and 1234), or a `mask` (138****1234); optionally where the customer is.',
  fields: (t) => ({
    prefix: t.string({ description: 'Known leading digits, starting with 1.' }),
    suffix: t.string({ description: 'Known trailing digits.' }),
    mask: t.string({ description: '11 positions, unknown digits marked with *, x or ?. Instead of prefix/suffix.' }),
    city: t.string({ description: 'The customer’s city: short, full or English name (杭州, 杭州市, Hangzhou).' }),
    province: t.string({
      description: 'The customer’s province: short, full or English name (浙江, 浙江省, Zhejiang).',
    }),
    stopAt: t.field({ type: StopAtEnum, defaultValue: 'FIRST_MATCH' }),
  }),
});

/** Validates GraphQL input into a planned search, or throws BAD_USER_INPUT. */
export function toSearchRequest(input: MatchPhoneInputShape, context: GraphQLContext): SearchRequest {
  return asUserInput(() => buildSearchRequest(context.services.index, input, context.services.limits));
}

export function stopAtOf(input: MatchPhoneInputShape): StopAt {
  return input.stopAt && (STOP_AT as readonly string[]).includes(input.stopAt) ? input.stopAt : 'FIRST_MATCH';
}

const TierPlanRef = builder
  .objectRef<{ tier: (typeof TIERS)[number]; candidates: number; skipped: boolean }>('TierPlan')
  .implement({
    fields: (t) => ({
      tier: t.field({ type: TierEnum, resolve: (p) => p.tier }),
      candidates: t.exposeInt('candidates'),
      skipped: t.exposeBoolean('skipped', {
        description: 'No city (CITY) or province (PROVINCE) was given, or the tier has no candidates.',
      }),
    }),
  });
export { TierPlanRef };

const CandidatePlanRef = builder.objectRef<SearchRequest>('CandidatePlan').implement({
  fields: (t) => ({
    total: t.int({ resolve: (r) => r.plan.total }),
    tiers: t.field({
      type: [TierPlanRef],
      description: 'Every tier, in search order; skipped ones with 0 candidates.',
      resolve: (r) =>
        r.plan.tiers.map((s) => ({
          tier: s.tier,
          candidates: s.skipped ? 0 : s.candidates,
          skipped: s.skipped || s.candidates === 0,
        })),
    }),
    query: t.string({
      description: 'The partial number as understood, e.g. 138****1234.',
      resolve: (r) => r.number.display,
    }),
    city: t.string({ nullable: true, resolve: (r) => r.region.city?.short ?? null }),
    province: t.string({ nullable: true, resolve: (r) => r.region.province?.short ?? null }),
  }),
});

builder.queryField('candidatePlan', (t) =>
  t.field({
    type: CandidatePlanRef,
    description: 'Candidate counts per tier, without asking the order service anything.',
    args: { input: t.arg({ type: MatchPhoneInput, required: true }) },
    resolve: (_root, { input }, context) => toSearchRequest(input, context),
  }),
);
