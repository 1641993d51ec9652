import { buildSearchRequest, type SearchRequest } from '../plan/search-request.ts';
import { STOP_AT, type StopAt } from '../search/search-types.ts';
import { builder } from './builder.ts';
import type { OperationContext } from './context.ts';
import { asUserInput } from './errors.ts';
import { StopAtEnum } from './stop-at.ts';

export interface MatchPhoneInputShape {
  prefix?: string | null;
  suffix?: string | null;
  mask?: string | null;
  city?: string | null;
  province?: string | null;
  address?: string | null;
  stopAt?: StopAt | null;
}

export const MatchPhoneInput = builder.inputType('MatchPhoneInput', {
  description:
    'A partial number, as `prefix` and/or `suffix` (e.g. 138 and 1234) or as a `mask` (`138****1234`), and optionally where the customer is (`province`, `city`, `address`, in any combination that agrees), which decides the tiers. Bad input is a BAD_USER_INPUT error whose extensions name the `field`, the `reason` (e.g. NOT_DIGITS, UNKNOWN_CITY, AMBIGUOUS_PLACE, TOO_MANY_CANDIDATES), what is `accepted` and close `suggestions` (for places also `picks`: the province and city input that picks each suggestion); `violations` lists every problem found.',
  fields: (t) => ({
    prefix: t.string({
      description:
        'Known leading digits, starting with 1 (e.g. 138). ASCII or full-width digits, surrounding spaces trimmed; leave it out rather than send "". Prefix and suffix together hold at most 10 digits.',
    }),
    suffix: t.string({ description: 'Known trailing digits (e.g. 1234), read like prefix.' }),
    mask: t.string({
      description:
        'All 11 positions, each a digit or an unknown mark (`*`, `x`, `X` or `?`), e.g. `138****1234`; full-width accepted. Instead of prefix/suffix, not with them.',
    }),
    city: t.string({
      description:
        'The customer’s city, district or county, at any level below the province: prefecture (杭州, 杭州市), county-level city (义乌, 昆山市), district or county (浦东新区, 余杭区, 沛县), with or without its suffix (市/区/县/旗/盟/自治州…), a merged or former name (莱芜, 襄樊), pinyin or English (Yiwu, Kunshan, Hangzhou), or a city and district together (南京鼓楼区). It is searched as its prefecture-level city (义乌: 金华; 浦东新区: 上海) and implies its province. A prefecture-level name wins over a district of the same name (朝阳: 辽宁 朝阳); a name several places share with nothing to tell them apart is AMBIGUOUS_PLACE, each place in `suggestions` and the input that picks it in `picks`; give the province to settle it.',
    }),
    province: t.string({
      description: 'The customer’s province: short, full or English name (浙江, 浙江省, Zhejiang).',
    }),
    address: t.string({
      description:
        'The customer’s address as written on the order, up to 200 characters (浙江省金华市义乌市稠城街道工人北路1号, 深圳南山区科技园, 北京 北京市 朝阳区 建国路88号). Province, city and district are read from its start (or after a leading name or number, e.g. 收货地址：); the rest is ignored. With `province` or `city` also given, all must agree, else CONFLICTING_PLACE; an address that names no place at its start, with neither given, is UNKNOWN_PLACE. candidatePlan shows what was read.',
    }),
    stopAt: t.field({
      type: StopAtEnum,
      defaultValue: 'FIRST_MATCH',
      description: 'When the search stops; FIRST_MATCH when left out.',
    }),
  }),
});

/** Validates GraphQL input into a planned search, or throws BAD_USER_INPUT. */
export function toSearchRequest(input: MatchPhoneInputShape, context: OperationContext): SearchRequest {
  return asUserInput(() => buildSearchRequest(context.services.index, input, context.services.maxCandidates));
}

export function stopAtOf(input: MatchPhoneInputShape): StopAt {
  return input.stopAt && (STOP_AT as readonly string[]).includes(input.stopAt) ? input.stopAt : 'FIRST_MATCH';
}
