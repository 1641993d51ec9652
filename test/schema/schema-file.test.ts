import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSortedSchema } from '../../src/schema/index.ts';

describe('schema/schema.graphql', () => {
  it('is the printed Pothos schema (run `npm run schema:print` and `npm run codegen` after a change)', () => {
    const committed = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printSortedSchema());
  });

  it('keeps the names frontends are written against', () => {
    const sdl = printSortedSchema();
    for (const line of [
      'matchPhone(input: MatchPhoneInput!): MatchResult!',
      'candidatePlan(input: MatchPhoneInput!): CandidatePlan!',
      'phoneLocation(number: String!): PhoneLocation',
      'regions: [Province!]!',
      'matchPhoneEvents(input: MatchPhoneInput!): MatchEvent!',
      'stopAt: StopAt = FIRST_MATCH',
      'failedNumbers: [String!]!',
    ]) {
      expect(sdl).toContain(line);
    }
  });
});
