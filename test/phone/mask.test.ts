import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhonesIn } from '../../src/phone/mask.ts';

describe('masking phone numbers', () => {
  it('masks a number as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('138****1234')).toBe('138****1234');
  });

  it.each([
    ['GET /orders?phone=13812345678 failed', 'GET /orders?phone=138****5678 failed'],
    ['upstream said 8613812345678 is unknown', 'upstream said 86138****5678 is unknown'],
    ['+86 138 1234 5678', '+86 138****5678'],
    ['two: 13812345678,19912345678', 'two: 138****5678,199****5678'],
  ])('masks numbers inside text: %s', (text, masked) => {
    expect(maskPhonesIn(text)).toBe(masked);
  });

  it('leaves other digit runs alone', () => {
    expect(maskPhonesIn('order 123456789012345 at 2026-11-26')).toBe('order 123456789012345 at 2026-11-26');
    expect(maskPhonesIn('segment 1380571')).toBe('segment 1380571');
  });
});
