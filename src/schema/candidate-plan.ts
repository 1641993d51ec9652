import type { SearchRequest } from '../plan/search-request.ts';
import { builder } from './builder.ts';
import { MatchPhoneInput, toSearchRequest } from './match-phone-input.ts';
import { TierPlanRef } from './tier-plan.ts';

const CandidatePlanRef = builder.objectRef<SearchRequest>('CandidatePlan').implement({
  fields: (t) => ({
    total: t.int({ resolve: (r) => r.plan.total }),
    tiers: t.field({
      type: [TierPlanRef],
      description: 'Every tier, in search order; skipped ones with 0 candidates.',
      resolve: (r) => r.plan.tiers,
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
