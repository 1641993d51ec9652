import { buildSearchRequest, type SearchRequest } from '../plan/search-request.ts';
import { STOP_AT, type StopAt } from '../search/search-types.ts';
import { builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { asUserInput } from './errors.ts';
import { StopAtEnum } from './stop-at.ts';

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
    'A partial number, as `prefix` and/or `suffix` (e.g. 138 and 1234) or as a `mask` (138****1234), and optionally where the customer is, which decides the tiers. Bad input is a BAD_USER_INPUT error whose extensions name the `field`, the `reason` (e.g. NOT_DIGITS, UNKNOWN_CITY, TOO_MANY_CANDIDATES), what is `accepted` and close `suggestions`; `violations` lists every problem found.',
  fields: (t) => ({
    prefix: t.string({
      description:
        'Known leading digits, starting with 1 (e.g. 138). ASCII or full-width digits, surrounding spaces trimmed; leave it out rather than send "". Prefix and suffix together hold at most 10 digits.',
    }),
    suffix: t.string({ description: 'Known trailing digits (e.g. 1234), read like prefix.' }),
    mask: t.string({
      description:
        'All 11 positions, each a digit or an unknown mark (*, x, X or ?), e.g. 138****1234; full-width accepted. Instead of prefix/suffix, not with them.',
    }),
    city: t.string({
      description:
        'The customer’s city: short, full or English name (杭州, 杭州市, Hangzhou). It implies its province; give the province too when the name is shared by several cities (else AMBIGUOUS_CITY, with the cities as suggestions).',
    }),
    province: t.string({
      description: 'The customer’s province: short, full or English name (浙江, 浙江省, Zhejiang).',
    }),
    stopAt: t.field({
      type: StopAtEnum,
      defaultValue: 'FIRST_MATCH',
      description: 'When the search stops; FIRST_MATCH when left out.',
    }),
  }),
});

/** Validates GraphQL input into a planned search, or throws BAD_USER_INPUT. */
export function toSearchRequest(input: MatchPhoneInputShape, context: GraphQLContext): SearchRequest {
  return asUserInput(() => buildSearchRequest(context.services.index, input, context.services.maxCandidates));
}

export function stopAtOf(input: MatchPhoneInputShape): StopAt {
  return input.stopAt && (STOP_AT as readonly string[]).includes(input.stopAt) ? input.stopAt : 'FIRST_MATCH';
}
