import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../../src/errors/input-error.ts';
import { type SearchInput, buildSearchRequest } from '../../src/plan/search-request.ts';
import { embeddedIndex } from '../support/segment-data.ts';

function violations(input: SearchInput) {
  try {
    buildSearchRequest(embeddedIndex(), input);
  } catch (error) {
    if (error instanceof InputValidationError) return error.violations;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('validating search input', () => {
  it.each<[string, SearchInput, string, string]>([
    ['letters in the prefix', { prefix: '13a', suffix: '1234' }, 'prefix', 'NOT_DIGITS'],
    ['a dash in the suffix', { prefix: '138', suffix: '12-4' }, 'suffix', 'NOT_DIGITS'],
    ['Arabic-Indic digits', { prefix: '13٨', suffix: '1234' }, 'prefix', 'LOOKALIKE_DIGIT'],
    ['Devanagari digits', { prefix: '138', suffix: '१२३४' }, 'suffix', 'LOOKALIKE_DIGIT'],
    ['a prefix not starting with 1', { prefix: '238', suffix: '1234' }, 'prefix', 'NOT_MOBILE_PREFIX'],
    ['a mask not starting with 1', { mask: '238****1234' }, 'mask', 'NOT_MOBILE_PREFIX'],
    ['more than 11 known digits', { prefix: '1381234', suffix: '12345' }, 'suffix', 'TOO_MANY_DIGITS'],
    ['a 12-digit prefix', { prefix: '138123456789' }, 'prefix', 'TOO_MANY_DIGITS'],
    ['no unknown digit', { prefix: '1381234', suffix: '1234' }, 'suffix', 'NO_UNKNOWN_DIGIT'],
    ['a full mask', { mask: '13812341234' }, 'mask', 'NO_UNKNOWN_DIGIT'],
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
    ['an ambiguous city', { prefix: '138', suffix: '1234', city: 'Fuzhou' }, 'city', 'AMBIGUOUS_CITY'],
    ['a city outside the province', { prefix: '138', suffix: '1234', city: '杭州', province: '江苏' }, 'city', 'CITY_NOT_IN_PROVINCE'],
    ['a province given as city', { prefix: '138', suffix: '1234', city: '浙江省' }, 'city', 'CITY_IS_PROVINCE'],
  ])('%s', (_name, input, field, reason) => {
    const [first] = violations(input);
    expect(first).toMatchObject({ field, reason });
    expect(first!.message.length).toBeGreaterThan(5);
    expect(first!.accepted.length).toBeGreaterThan(5);
  });

  it('suggests close names for an unknown city', () => {
    const [v] = violations({ prefix: '138', suffix: '1234', city: 'Hangzou' });
    expect(v!.suggestions[0]).toBe('杭州 (浙江, Hangzhou)');
    const [p] = violations({ prefix: '138', suffix: '1234', province: 'Zhejang' });
    expect(p!.suggestions[0]).toBe('浙江 (Zhejiang)');
  });

  it('lists both cities an ambiguous English name fits', () => {
    const [v] = violations({ prefix: '138', suffix: '1234', city: 'Taizhou' });
    expect(v!.suggestions).toEqual(expect.arrayContaining(['泰州 (江苏, Taizhou)', '台州 (浙江, Taizhou)']));
  });

  it('reports every problem at once', () => {
    const all = violations({ prefix: '1a8', suffix: '12b4', city: '' });
    expect(all.map((v) => v.field).sort()).toEqual(['city', 'prefix', 'suffix']);
  });

  it('accepts full-width digits and normalises them', () => {
    const request = buildSearchRequest(embeddedIndex(), { prefix: '１３８', suffix: '１２３４', city: '杭州市' });
    expect(request.number.display).toBe('138****1234');
    expect(request.region.city?.key).toBe('浙江|杭州');
  });

  it.each(['138****1234', '138xxxx1234', '138????1234', '138XxX?1234'])('reads the mask %s', (mask) => {
    expect(buildSearchRequest(embeddedIndex(), { mask }).plan.total).toBe(10_000);
  });
});
