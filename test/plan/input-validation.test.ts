import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../../src/errors/input-error.ts';
import { type SearchInput, buildSearchRequest } from '../../src/plan/search-request.ts';
import { BAD_SEARCH_INPUTS } from '../support/bad-inputs.ts';
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
  it.each(BAD_SEARCH_INPUTS)('%s', (_name, input, field, reason) => {
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
