import { parsePhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { buildSearchRequest } from '../../src/plan/search-request.ts';
import { TIERS, type Tier } from '../../src/plan/tier-plan.ts';
import { embeddedIndex, hasSharedPhoneDat, layeredIndex } from '../support/segment-data.ts';

const counts = (plan: { tiers: ReadonlyArray<{ tier: Tier; candidates: number }> }) =>
  Object.fromEntries(plan.tiers.map((t) => [t.tier, t.candidates])) as Record<Tier, number>;

describe('tiered candidate plan', () => {
  const index = embeddedIndex();

  it('138 + 1234 in 杭州: about 100 CITY, 500 PROVINCE, the rest NATIONAL', () => {
    const { plan } = buildSearchRequest(index, { prefix: '138', suffix: '1234', city: '杭州' });
    const c = counts(plan);
    expect(c.CITY).toBeGreaterThan(80);
    expect(c.CITY).toBeLessThan(130);
    expect(c.PROVINCE).toBeGreaterThan(400);
    expect(c.PROVINCE).toBeLessThan(600);
    expect(c.NATIONAL).toBeGreaterThan(9000);
    expect(plan.total).toBe(10_000);
    for (const number of plan.candidates('CITY')) expect(index.lookup(number).city?.key).toBe('浙江|杭州');
    for (const number of plan.candidates('PROVINCE')) {
      const location = index.lookup(number);
      expect(location.province?.short).toBe('浙江');
      expect(location.city?.short).not.toBe('杭州');
    }
  });

  it('tiers are disjoint, add up, come in ascending order, and are exactly the valid numbers', () => {
    const { plan } = buildSearchRequest(index, { mask: '1*8*3**5678', city: 'Suzhou', province: 'Jiangsu' });
    const seen = new Set<string>();
    for (const slice of plan.tiers) {
      const numbers = [...plan.candidates(slice.tier)];
      expect(numbers.length, slice.tier).toBe(slice.candidates);
      expect([...numbers].sort(), slice.tier).toEqual(numbers);
      for (const n of numbers) {
        expect(seen.has(n)).toBe(false);
        seen.add(n);
        expect(plan.tierOf(n)).toBe(slice.tier);
      }
    }
    expect(seen.size).toBe(plan.total);
    // Brute force the same mask against libphonenumber itself.
    const valid: string[] = [];
    for (let unknown = 0; unknown < 10_000; unknown++) {
      const [a, b, c, d] = String(unknown).padStart(4, '0');
      const number = `1${a}8${b}3${c}${d}5678`;
      const parsed = parsePhoneNumber(`+86${number}`);
      if (parsed.isValid() && parsed.getType() === 'MOBILE') valid.push(number);
    }
    expect(valid.length).toBeGreaterThan(1000);
    expect([...seen].sort()).toEqual(valid.sort());
  });

  it('keeps tiers in search order and skips CITY and PROVINCE when no place is given', () => {
    const { plan } = buildSearchRequest(index, { mask: '138****1234' });
    expect(plan.tiers.map((t) => t.tier)).toEqual([...TIERS]);
    expect(plan.tiers.map((t) => t.skipped)).toEqual([true, true, false, false]);
    expect(counts(plan).NATIONAL + counts(plan).UNLOCATED).toBe(10_000);
  });

  it('a province alone skips only CITY', () => {
    const { plan } = buildSearchRequest(index, { mask: '138****1234', province: '浙江' });
    expect(plan.tiers.map((t) => t.skipped)).toEqual([true, false, false, false]);
    expect(counts(plan).PROVINCE).toBeGreaterThan(500);
  });

  it('199 + 1234 in 成都 on the embedded data: everything UNLOCATED', () => {
    const { plan } = buildSearchRequest(index, { prefix: '199', suffix: '1234', city: '成都' });
    expect(counts(plan)).toEqual({ CITY: 0, PROVINCE: 0, NATIONAL: 0, UNLOCATED: 10_000 });
  });

  it.skipIf(!hasSharedPhoneDat)('199 + 1234 in 成都 with phone.dat layered on: hundreds in CITY', () => {
    const { plan } = buildSearchRequest(layeredIndex(), { prefix: '199', suffix: '1234', city: '成都' });
    const c = counts(plan);
    expect(c.CITY).toBeGreaterThan(200);
    expect(c.CITY).toBeLessThan(1000);
    expect(c.CITY + c.PROVINCE + c.NATIONAL + c.UNLOCATED).toBe(10_000);
  });

  it('plans a 100,000-candidate mask without enumerating it', () => {
    const { plan } = buildSearchRequest(index, { prefix: '138', suffix: '123' });
    expect(plan.total).toBe(100_000);
    const first = plan.candidates('NATIONAL').next();
    expect(first.value).toMatch(/^1380\d{3}0123$/);
  });

  it('applies a configurable cap on candidates per search', () => {
    expect(() => buildSearchRequest(index, { prefix: '138', suffix: '1234' }, 5_000)).toThrow(
      /more than the limit of 5,000/,
    );
    expect(buildSearchRequest(index, { prefix: '138', suffix: '1234' }, 10_000).plan.total).toBe(10_000);
  });
});
