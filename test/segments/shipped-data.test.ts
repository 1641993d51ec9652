import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../../src/errors/input-error.ts';
import { buildSearchRequest } from '../../src/plan/search-request.ts';
import { SegmentIndex } from '../../src/segments/segment-index.ts';
import { SHIPPED_PHONE_DAT } from '../../src/segments/shipped-data.ts';
import { parsePhoneDat } from '../../src/segments/sources/phone-dat.ts';
import { SHARED_PHONE_DAT, embeddedIndex, hasSharedPhoneDat, shippedIndex } from '../support/segment-data.ts';

const counts = (plan: { tiers: ReadonlyArray<{ tier: string; candidates: number }> }) =>
  Object.fromEntries(plan.tiers.map((t) => [t.tier, t.candidates]));

describe('the shipped segment data (data/segments/phone-2004.dat, MIT)', () => {
  it('is the unmodified ls0f/phone build, with its attribution and licence beside it', () => {
    const bytes = readFileSync(SHIPPED_PHONE_DAT);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      'f0c37179a3652672bb4dbee2f682eb422ef17165084a034b74354df51e4a199f',
    );
    const readme = readFileSync(join(dirname(SHIPPED_PHONE_DAT), 'README.md'), 'utf8');
    expect(readme).toContain('ls0f/phone');
    expect(readme).toContain('MIT');
  });

  it('reads past the UTF-8 BOM its records start with: the first record is a real place', () => {
    const bytes = readFileSync(SHIPPED_PHONE_DAT);
    expect([...bytes.subarray(8, 11)]).toEqual([0xef, 0xbb, 0xbf]);
    const file = parsePhoneDat(bytes);
    expect(file.version).toBe('2004');
    expect(file.segments.length).toBe(447_893);
    expect(file.records[0]!.province).not.toMatch(/^\uFEFF/);
    expect(shippedIndex().stats.layers.find((l) => l.name === 'shipped')?.unplaced).toBe(0);
  });

  it('locates at least 83% of the allocated segments (the embedded data alone: about 62%)', () => {
    const { stats } = shippedIndex();
    expect(stats.locatedSegments / stats.allocatedSegments).toBeGreaterThanOrEqual(0.83);
    const embedded = embeddedIndex().stats;
    expect(embedded.locatedSegments / embedded.allocatedSegments).toBeLessThan(0.65);
    expect(stats.layers.map((l) => [l.name, l.version])).toEqual([
      ['libphonenumber', expect.stringMatching(/^libphonenumber-js \d/)],
      ['shipped', '2004'],
    ]);
  });

  it('places 199 in 成都 in the CITY tier, where the embedded data leaves all of 199 unlocated', () => {
    const { plan } = buildSearchRequest(shippedIndex(), { prefix: '199', suffix: '1234', city: '成都' });
    expect(counts(plan).CITY).toBeGreaterThan(200);
    expect(counts(plan).UNLOCATED).toBeLessThan(10_000);
  });
});

describe('allocated = the numbering plan and whatever the loaded data lists', () => {
  it('searches data-card segments (146, 148, 149) the shipped file lists and libphonenumber lacks', () => {
    const index = shippedIndex();
    expect(index.stats.listedOnlySegments).toBeGreaterThan(10_000);
    expect(index.stats.allocatedSegments).toBe(
      embeddedIndex().stats.allocatedSegments + index.stats.listedOnlySegments,
    );
    for (const prefix of ['146', '148', '149']) {
      const { plan } = buildSearchRequest(index, { prefix, suffix: '1234' });
      expect(plan.total, prefix).toBeGreaterThan(100);
      const first = plan.candidates('NATIONAL').next().value!;
      expect(index.lookup(first)).toMatchObject({ allocated: true, origin: 'DATA', layer: 'shipped' });
    }
  });

  it('refuses them, as before, when no loaded data lists them', () => {
    const refuse = () => buildSearchRequest(embeddedIndex(), { prefix: '149', suffix: '1234' });
    expect(refuse).toThrow(InputValidationError);
    expect(refuse).toThrow(/no mobile number starts with 149/);
  });

  it('keeps numbers the plan allocates only partly as libphonenumber has them', () => {
    // 1740 is partly allocated (satellite): the listed 174 segments add whole segments, not the rest.
    const plan = shippedIndex().numberingPlan;
    expect(plan.isValidNumber('17400012345')).toBe(embeddedIndex().numberingPlan.isValidNumber('17400012345'));
  });
});

describe.skipIf(!hasSharedPhoneDat)('PHONE_DAT_PATH over the shipped data (../shared/data/phone.dat, 2108)', () => {
  it('layers the newer build on top: its places win and /ready-style layers name both versions', () => {
    const index = SegmentIndex.load({ shippedPath: SHIPPED_PHONE_DAT, phoneDatPath: SHARED_PHONE_DAT });
    expect(index.stats.layers.map((l) => [l.name, l.version])).toEqual([
      ['libphonenumber', expect.any(String)],
      ['shipped', '2004'],
      ['phone.dat', '2108'],
    ]);
    expect(index.stats.locatedSegments).toBeGreaterThan(shippedIndex().stats.locatedSegments);
    // 166 segments were added in 2108: the newer layer places them.
    expect(index.lookup('1660808').layer).toBe('phone.dat');
    expect(shippedIndex().lookup('1660808').layer).not.toBe('phone.dat');
  });
});
