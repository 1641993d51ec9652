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
  return asUserInput(() => buildSearchRequest(context.services.index, input, context.services.maxCandidates));
}

export function stopAtOf(input: MatchPhoneInputShape): StopAt {
  return input.stopAt && (STOP_AT as readonly string[]).includes(input.stopAt) ? input.stopAt : 'FIRST_MATCH';
}
