import type { SearchRequest } from '../plan/search-request.ts';
import { builder } from './builder.ts';
import { MatchPhoneInput, toSearchRequest } from './match-phone-input.ts';
import { TierPlanRef } from './tier-plan.ts';

const CandidatePlanRef = builder.objectRef<SearchRequest>('CandidatePlan').implement({
  description: 'How many numbers a search for this input would check, tier by tier.',
  fields: (t) => ({
    total: t.int({
      description:
        'Candidates in all tiers together: every allocated mobile number that fits the digits. At most MAX_CANDIDATES (200,000 by default).',
      resolve: (r) => r.plan.total,
    }),
    tiers: t.field({
      type: [TierPlanRef],
      description: 'Every tier, in search order; skipped ones with 0 candidates.',
      resolve: (r) => r.plan.tiers,
    }),
    query: t.string({
      description: 'The partial number as understood, unknown digits as *, e.g. 138****1234.',
      resolve: (r) => r.number.display,
    }),
    city: t.string({
      nullable: true,
      description: 'The customer’s city as understood (canonical short name, e.g. 杭州); null when none was given.',
      resolve: (r) => r.region.city?.short ?? null,
    }),
    province: t.string({
      nullable: true,
      description:
        'The customer’s province as understood (canonical short name, e.g. 浙江): the given one, or the city’s own; null when neither was given.',
      resolve: (r) => r.region.province?.short ?? null,
    }),
  }),
});

builder.queryField('candidatePlan', (t) =>
  t.field({
    type: CandidatePlanRef,
    description:
      'Candidate counts per tier for an input, without asking the order service and outside the search quota: a preview, or a check of the input as it is typed. Bad input gives BAD_USER_INPUT exactly as matchPhone would.',
    args: {
      input: t.arg({
        type: MatchPhoneInput,
        required: true,
        description: 'The partial number and the customer’s place; stopAt plays no part here.',
      }),
    },
    resolve: (_root, { input }, context) => toSearchRequest(input, context),
  }),
);
