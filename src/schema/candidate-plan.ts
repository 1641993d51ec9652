import type { SearchRequest } from '../plan/search-request.ts';
import { builder } from './builder.ts';
import { MatchPhoneInput, toSearchRequest } from './match-phone-input.ts';
import { PlaceFieldEnum } from './place-field.ts';
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
      description: 'The partial number as understood, unknown digits as `*`, e.g. `138****1234`.',
      resolve: (r) => r.number.display,
    }),
    city: t.string({
      nullable: true,
      description:
        'The customer’s prefecture-level city as understood, the one segment data places numbers in (canonical short name: 金华 for 义乌, 上海 for 浦东新区); null when no city, district or address names one.',
      resolve: (r) => r.region.city?.short ?? null,
    }),
    province: t.string({
      nullable: true,
      description:
        'The customer’s province as understood (canonical short name, e.g. 浙江): the given one, or the city’s or the address’s own; null when no place was given.',
      resolve: (r) => r.region.province?.short ?? null,
    }),
    cityFrom: t.field({
      type: PlaceFieldEnum,
      nullable: true,
      description: 'The input field `city` was read from (CITY or ADDRESS); null when there is no city.',
      resolve: (r) => r.region.place.cityFrom,
    }),
    provinceFrom: t.field({
      type: PlaceFieldEnum,
      nullable: true,
      description:
        'The input field `province` was read from: PROVINCE when given, else CITY or ADDRESS, whichever implied it; null when there is no province.',
      resolve: (r) => r.region.place.provinceFrom,
    }),
    placeName: t.string({
      nullable: true,
      description:
        'The most specific place the input names, in its official full form (义乌市, 浦东新区, 莱芜区, 金华市, 浙江省); null when none.',
      resolve: (r) => r.region.place.placeName,
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
