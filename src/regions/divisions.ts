import { DIVISION_ROWS } from './division-table.ts';
import { FORMER_NAMES } from './city-names.ts';
import { PROVINCES } from './provinces.ts';

export type DivisionLevel = 'province' | 'prefecture' | 'county';

/**
 * One unit of the national division list. Segment data places numbers by prefecture-level city, so
 * every unit knows the prefecture it belongs to (`city`) as segment data names it.
 */
export interface Division {
  /** GB/T 2260 code, e.g. 330782. */
  readonly code: string;
  /** Official full name, e.g. 义乌市, 浦东新区, 黔东南苗族侗族自治州. */
  readonly name: string;
  readonly level: DivisionLevel;
  /** Short name of its province, e.g. 浙江. */
  readonly province: string;
  /**
   * Short name of its prefecture-level city (金华 for 义乌市; 上海 for 浦东新区; 济源 for 济源市, run by
   * its province directly); null for a province.
   */
  readonly city: string | null;
  /** The unit above: a county's prefecture (a municipality's district: the municipality), a prefecture's province. */
  readonly parent: Division | null;
  /** Other Chinese names it is written by: without suffix (义乌), colloquial (凉山州), former (襄樊). */
  readonly otherNames: readonly string[];
  /** Latin spellings: pinyin (yiwu), English (Harbin, Inner Mongolia). */
  readonly latinNames: readonly string[];
}

/** Every unit of the division table, provinces first; built once, on first use. */
export function divisions(): readonly Division[] {
  cached ??= parseDivisions();
  return cached;
}
let cached: Division[] | undefined;

function parseDivisions(): Division[] {
  const provinceByCode = new Map<string, Division>();
  const prefectureByCode = new Map<string, Division>();
  const out: Division[] = [];
  const formerNames = new Map<string, string[]>();
  for (const [name, code] of FORMER_NAMES) formerNames.set(code, [...(formerNames.get(code) ?? []), name]);

  for (const row of DIVISION_ROWS.trim().split('\n')) {
    const [code = '', name = '', other = '', latin = ''] = row.split('|');
    const words = (text: string) => (text === '' ? [] : text.split(' '));
    const provinceCode = code.slice(0, 2);
    const otherNames = [...words(other), ...(formerNames.get(code) ?? [])];
    let unit: Division;
    if (code.endsWith('0000')) {
      const known = PROVINCES.find((p) => p.full === name);
      if (!known) throw new Error(`division table: province ${name} is not in provinces.ts`);
      unit = {
        code,
        name,
        level: 'province',
        province: known.short,
        city: known.municipality ? known.short : null,
        parent: null,
        otherNames: name === known.short ? otherNames : [known.short, ...otherNames],
        latinNames: [known.english, ...(known.englishAliases ?? [])],
      };
      provinceByCode.set(provinceCode, unit);
    } else {
      const province = provinceByCode.get(provinceCode);
      if (!province) throw new Error(`division table: ${code} ${name} comes before its province`);
      // 济源, 仙桃, 石河子 (codes xx90xx) are run by the province itself: segment data treats them as cities.
      const prefectureLevel = code.endsWith('00') || code.slice(2, 4) === '90';
      const parent = prefectureLevel || province.city !== null ? province : prefectureByCode.get(code.slice(0, 4));
      if (!parent) throw new Error(`division table: ${code} ${name} has no prefecture`);
      unit = {
        code,
        name,
        level: prefectureLevel ? 'prefecture' : 'county',
        province: province.province,
        city: prefectureLevel ? (otherNames[0] ?? name) : parent.city,
        parent,
        otherNames,
        latinNames: words(latin),
      };
      if (code.endsWith('00')) prefectureByCode.set(code.slice(0, 4), unit);
    }
    out.push(unit);
  }
  return out;
}

/** Whether `unit` is `other` or lies inside it. */
export function isWithin(unit: Division, other: Division): boolean {
  for (let u: Division | null = unit; u; u = u.parent) if (u === other) return true;
  return false;
}
