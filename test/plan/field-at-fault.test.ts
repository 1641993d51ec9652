import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../../src/errors/input-error.ts';
import { buildSearchRequest, type SearchInput } from '../../src/plan/search-request.ts';
import { embeddedIndex } from '../support/segment-data.ts';

/** The field and reason of every violation `input` gets. */
function faultsOf(input: SearchInput): Array<[string, string]> {
  try {
    buildSearchRequest(embeddedIndex(), input);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    return error.violations.map((v) => [v.field, v.reason]);
  }
  throw new Error('accepted');
}

describe('the field named at fault is the one given', () => {
  it.each([
    [{ suffix: '23456789012' }, ['suffix', 'NOT_MOBILE_PREFIX']],
    [{ prefix: '23' }, ['prefix', 'NOT_MOBILE_PREFIX']],
    [{ suffix: '1234' }, ['suffix', 'TOO_MANY_CANDIDATES']],
    [{ prefix: '138' }, ['prefix', 'TOO_MANY_CANDIDATES']],
    [{ mask: '2**********' }, ['mask', 'NOT_MOBILE_PREFIX']],
  ] as const)('%j: %j', (input, expected) => {
    const faults = faultsOf(input);
    expect(faults).toContainEqual(expected);
    expect(faults.map(([field]) => field)).toEqual(faults.map(() => expected[0]));
  });
});
