import type { SearchInput } from '../../src/plan/search-request.ts';

/**
 * Bad search inputs, each with the field at fault and the reason it is refused. Shared by the
 * validation unit test and the GraphQL test, so both layers refuse exactly the same things.
 */
export const BAD_SEARCH_INPUTS: ReadonlyArray<[name: string, input: SearchInput, field: string, reason: string]> = [
  ['letters in the prefix', { prefix: '13a', suffix: '1234' }, 'prefix', 'NOT_DIGITS'],
  ['a dash in the suffix', { prefix: '138', suffix: '12-4' }, 'suffix', 'NOT_DIGITS'],
  ['Arabic-Indic digits', { prefix: '13٨', suffix: '1234' }, 'prefix', 'LOOKALIKE_DIGIT'],
  ['Devanagari digits', { prefix: '138', suffix: '१२३४' }, 'suffix', 'LOOKALIKE_DIGIT'],
  ['a prefix not starting with 1', { prefix: '238', suffix: '1234' }, 'prefix', 'NOT_MOBILE_PREFIX'],
  ['a mask not starting with 1', { mask: '238****1234' }, 'mask', 'NOT_MOBILE_PREFIX'],
  ['more than 11 known digits', { prefix: '1381234', suffix: '12345' }, 'suffix', 'TOO_MANY_DIGITS'],
  ['a 12-digit prefix', { prefix: '138123456789' }, 'prefix', 'TOO_MANY_DIGITS'],
  ['a short mask', { mask: '138***1234' }, 'mask', 'WRONG_LENGTH'],
  ['a mask with other marks', { mask: '138-***1234' }, 'mask', 'NOT_DIGITS'],
  ['an unallocated prefix', { prefix: '100', suffix: '1234' }, 'prefix', 'UNALLOCATED_PREFIX'],
  ['an unallocated mask', { mask: '140****1234' }, 'mask', 'UNALLOCATED_PREFIX'],
  ['too many candidates', { mask: '1*********4' }, 'mask', 'TOO_MANY_CANDIDATES'],
  ['an empty prefix', { prefix: '', suffix: '1234' }, 'prefix', 'EMPTY'],
  ['an empty mask', { mask: '  ' }, 'mask', 'EMPTY'],
  ['an empty city', { prefix: '138', suffix: '1234', city: '' }, 'city', 'EMPTY'],
  ['a very long prefix', { prefix: '1'.repeat(10_000), suffix: '1234' }, 'prefix', 'TOO_LONG'],
  ['a very long city', { prefix: '138', suffix: '1234', city: '杭'.repeat(1000) }, 'city', 'TOO_LONG'],
  ['nothing at all', {}, 'input', 'MISSING_NUMBER'],
  ['mask and prefix together', { mask: '138****1234', prefix: '138' }, 'mask', 'CONFLICTING_INPUT'],
  ['an unknown province', { prefix: '138', suffix: '1234', province: '浙西' }, 'province', 'UNKNOWN_PROVINCE'],
  ['an unknown city', { prefix: '138', suffix: '1234', city: 'Hangzou' }, 'city', 'UNKNOWN_CITY'],
  ['an ambiguous city', { prefix: '138', suffix: '1234', city: 'Fuzhou' }, 'city', 'AMBIGUOUS_PLACE'],
  ['a district several cities have', { prefix: '138', suffix: '1234', city: '鼓楼区' }, 'city', 'AMBIGUOUS_PLACE'],
  ['an ambiguous address', { prefix: '138', suffix: '1234', address: '鼓楼区中山路1号' }, 'address', 'AMBIGUOUS_PLACE'],
  ['an address naming no place', { prefix: '138', suffix: '1234', address: '工人北路1号' }, 'address', 'UNKNOWN_PLACE'],
  ['an empty address', { prefix: '138', suffix: '1234', address: ' ' }, 'address', 'EMPTY'],
  ['a very long address', { prefix: '138', suffix: '1234', address: '浙'.repeat(1000) }, 'address', 'TOO_LONG'],
  [
    'an address against the city',
    { prefix: '138', suffix: '1234', city: '杭州', address: '浙江省金华市义乌市稠城街道' },
    'address',
    'CONFLICTING_PLACE',
  ],
  [
    'an address against itself',
    { prefix: '138', suffix: '1234', address: '浙江省南京市玄武区' },
    'address',
    'CONFLICTING_PLACE',
  ],
  [
    'a city outside the province',
    { prefix: '138', suffix: '1234', city: '杭州', province: '江苏' },
    'city',
    'CITY_NOT_IN_PROVINCE',
  ],
  ['a province given as city', { prefix: '138', suffix: '1234', city: '浙江省' }, 'city', 'CITY_IS_PROVINCE'],
];
