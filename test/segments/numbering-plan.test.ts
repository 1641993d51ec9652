import { parsePhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { DigitAutomaton } from '../../src/segments/digit-automaton.ts';
import { NumberingPlan } from '../../src/segments/numbering-plan.ts';

describe('numbering plan from libphonenumber metadata', () => {
  const plan = NumberingPlan.fromLibphonenumber();

  it('allocates about 521,600 seven-digit segments, 13x to 19x', () => {
    expect(plan.allocatedSegments).toBeGreaterThan(500_000);
    expect(plan.allocatedSegments).toBeLessThan(560_000);
    for (const segment of [1380571, 1990280, 1660000, 1700000, 1920000])
      expect(plan.isAllocatedSegment(segment)).toBe(true);
    for (const segment of [1000000, 1200000, 1400000, 1540000, 1600000, 1790000, 1940000])
      expect(plan.isAllocatedSegment(segment)).toBe(false);
  });

  it('agrees with libphonenumber on whole numbers, including partly allocated ranges', () => {
    const samples = [
      '17400012345',
      '17405999999',
      '17406000000',
      '16100000000',
      '16109999999',
      '16110000000',
      '13400000000',
      '14500000000',
      '14600000000',
    ];
    // A deterministic spread over every 1xx prefix and all positions.
    for (let i = 0; i < 3000; i++)
      samples.push(String(10_000_000_000 + ((i * 2_654_435_761) % 10_000_000_000)).padStart(11, '1'));
    for (const number of samples) {
      const parsed = parsePhoneNumber(`+86${number}`);
      const expected = parsed.isValid() && parsed.getType() === 'MOBILE';
      expect(plan.isValidNumber(number), number).toBe(expected);
    }
  });

  it('knows a segment valid only for part of its numbers', () => {
    // Today's metadata cuts 174 inside the segment digits (1740[0-5]); a pattern cut inside the last
    // four digits leaves a segment of which only part is allocated.
    const partial = new NumberingPlan('1380\\d{7}|1400000[0-4]\\d{3}');
    expect(partial.isAllocatedSegment(1400000)).toBe(true);
    expect(partial.isWholeSegment(1400000)).toBe(false);
    expect(partial.isValidNumber('14000004999')).toBe(true);
    expect(partial.isValidNumber('14000005000')).toBe(false);
    expect(partial.isWholeSegment(1380000)).toBe(true);
  });

  it('rejects pattern syntax it does not understand instead of guessing', () => {
    expect(() => DigitAutomaton.compile('1[^3]\\d{9}', 11)).toThrow(/negated class/);
    expect(() => DigitAutomaton.compile('1\\s\\d{9}', 11)).toThrow(/unknown escape/);
  });
});
