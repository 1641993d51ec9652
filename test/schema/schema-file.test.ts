import { readFileSync } from 'node:fs';
import { type ASTNode, parse, print, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printCommittedSchema } from '../../src/schema/index.ts';

describe('schema/schema.graphql', () => {
  it('is the printed Pothos schema (run `npm run schema:print` and `npm run codegen` after a change)', () => {
    const committed = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printCommittedSchema());
  });

  it("is printed in declaration order, so enums read in their meaning's order", () => {
    const sdl = printCommittedSchema();
    const tier = /enum Tier \{([^}]*)\}/.exec(sdl)?.[1] ?? '';
    const values = tier
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[A-Z_]+$/.test(line));
    expect(values).toEqual(['CITY', 'PROVINCE', 'NATIONAL', 'UNLOCATED']);
  });

  it('keeps the names frontends are written against', () => {
    // Signatures only: a described argument would spread its field over several lines.
    const sdl = print(
      visit(parse(printCommittedSchema()), {
        enter: (node: ASTNode) =>
          'description' in node && node.description ? { ...node, description: undefined } : undefined,
      }),
    );
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
