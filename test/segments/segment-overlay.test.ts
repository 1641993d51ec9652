import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSearchRequest } from '../../src/plan/search-request.ts';
import { SegmentIndex } from '../../src/segments/segment-index.ts';
import { SegmentOverlayError } from '../../src/segments/sources/segment-overlay.ts';
import { leave } from '../support/leftovers.ts';

function overlayFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'phonematch-overlay-'));
  leave(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'overlay.csv');
  writeFileSync(path, text);
  return path;
}

const GOOD = [
  '\uFEFFsegment,province,city,carrier',
  '# 199 segments our sales data places in 成都',
  '1990100-1990102,Sichuan,成都市,中国电信',
  '',
  '1990101,四川,Mianyang,',
  '1741234, 浙江 ,杭州,China Mobile',
  '1741235,浙江,义乌,',
  '1400000,北京,北京,联通',
].join('\n');

describe('the operator overlay (SEGMENTS_OVERLAY_PATH)', () => {
  it('places segments and ranges by any accepted name, later lines winning, over everything else', () => {
    const index = SegmentIndex.load({ overlayPath: overlayFile(GOOD) });
    expect(index.lookup('1990100')).toMatchObject({ origin: 'OVERLAY', source: 'overlay', layer: 'overlay' });
    expect(index.lookup('1990100').city?.key).toBe('四川|成都');
    expect(index.lookup('1990102').carrier?.name).toBe('中国电信');
    expect(index.lookup('1990101').city?.key).toBe('四川|绵阳');
    expect(index.lookup('17412345678')).toMatchObject({ origin: 'OVERLAY', carrier: { name: '中国移动' } });
    expect(index.lookup('1741234').city?.key).toBe('浙江|杭州');
    // A county-level city, read as the place input reads it, stands for its prefecture.
    expect(index.lookup('1741235').city?.key).toBe('浙江|金华');
    // Over libphonenumber's own place for a segment it knows, too.
    expect(index.lookup('1990103').city).toBeNull();
    const layer = index.stats.layers.at(-1)!;
    expect(layer).toMatchObject({ name: 'overlay', entries: 7, version: expect.stringMatching(/^[0-9a-f]{12}$/) });
  });

  it('makes a segment the plan lacks allocated, and searchable in its city', () => {
    const index = SegmentIndex.load({ overlayPath: overlayFile(GOOD) });
    expect(index.lookup('1400000')).toMatchObject({ allocated: true, carrier: { name: '中国联通' } });
    const { plan } = buildSearchRequest(index, { mask: '1400000123*', city: '北京' });
    expect(plan.slice('CITY').candidates).toBe(10);
  });

  it('names every bad line and what is wrong with it, and uses nothing of the file', () => {
    const path = overlayFile(
      [
        'segment,province,city,carrier',
        '1990100,四川,成都,',
        '199010,四川,成都,',
        '1990200-1990100,四川,成都,',
        '1990300,四川,杭州,',
        '1990400,Atlantis,成都,',
        '1990500,四川,成都,Vodafone',
        '2990500,四川,成都,',
      ].join('\n'),
    );
    let error: SegmentOverlayError | undefined;
    try {
      SegmentIndex.load({ overlayPath: path });
    } catch (caught) {
      error = caught as SegmentOverlayError;
    }
    expect(error).toBeInstanceOf(SegmentOverlayError);
    expect(error!.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(error!.problems.map((p) => p.message)).toEqual([
      expect.stringContaining("segment '199010' is not a 7-digit segment"),
      expect.stringContaining('ends before it starts'),
      expect.stringContaining("city: '杭州' is not in 四川; it is in 浙江"),
      expect.stringContaining("province: 'Atlantis' is not a known province"),
      expect.stringContaining("carrier 'Vodafone' is not one of 中国移动, 中国联通, 中国电信, 中国广电"),
      expect.stringContaining('does not start with 1'),
    ]);
    expect(error!.message).toContain(`segment overlay ${path} was not loaded (6 problem(s))`);
    expect(error!.message).toContain('line 5:');
  });

  it.each([
    ['a header without city', 'segment,province\n1990100,四川\n', /header must be segment,province,city\[,carrier\]/],
    [
      'an unknown column',
      'segment,province,city,zip\n1990100,四川,成都,610000\n',
      /found "segment", "province", "city", "zip"/,
    ],
    [
      'a range longer than 100,000 segments',
      'segment,province,city\n1000000-1999999,四川,成都\n',
      /spans 1000000 segments/,
    ],
    ['unbalanced quotes', 'segment,province,city\n"1990100,四川,成都\n', /is not valid CSV/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => SegmentIndex.load({ overlayPath: overlayFile(text) })).toThrow(message);
  });

  it('refuses a file it cannot read, naming it', () => {
    expect(() => SegmentIndex.load({ overlayPath: '/nonexistent/overlay.csv' })).toThrow(
      /overlay \/nonexistent\/overlay\.csv was not loaded .*\n.*cannot be read/,
    );
  });
});

describe('reloading the segment data', () => {
  it('takes a changed overlay; a search planned before keeps the data it started with', () => {
    const path = overlayFile('segment,province,city\n1990100,四川,成都\n');
    const index = SegmentIndex.load({ overlayPath: path });
    const input = { mask: '1990100123*', city: '成都' };
    const before = buildSearchRequest(index, input);
    expect(before.plan.slice('CITY').candidates).toBe(10);

    writeFileSync(path, 'segment,province,city\n1990100,浙江,杭州\n');
    const reloaded = index.reload();
    expect(index.data).toBe(reloaded);
    expect(index.lookup('1990100').city?.key).toBe('浙江|杭州');
    const after = buildSearchRequest(index, input);
    expect(after.plan.slice('CITY').candidates).toBe(0);
    // The earlier plan still reads its own version: same tiers, same place for the number it will find.
    expect(before.plan.data).not.toBe(index.data);
    expect([...before.plan.candidates('CITY')]).toContain('19901001234');
    expect(before.plan.data.lookup('19901001234').city?.key).toBe('四川|成都');
    // Cities are the same objects across versions, so places resolved before a reload still compare.
    expect(before.region.city).toBe(index.regions.city('四川', '成都'));
  });

  it('keeps the data in use when the new files are bad, and says why', () => {
    const path = overlayFile('segment,province,city\n1990100,四川,成都\n');
    const index = SegmentIndex.load({ overlayPath: path });
    const inUse = index.data;
    writeFileSync(path, 'segment,province,city\n1990100,四川,Gotham\n');
    expect(() => index.reload()).toThrow(/line 2: city: 'Gotham' is not a known city, district or county of 四川/);
    expect(index.data).toBe(inUse);
    expect(index.lookup('1990100').city?.key).toBe('四川|成都');
  });
});
