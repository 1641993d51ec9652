import { distance } from 'fastest-levenshtein';
import { PROVINCES } from './provinces.ts';
import {
  CITY_ALIASES,
  CITY_ENGLISH_ALIASES,
  CITY_ENGLISH_NAMES,
  CITY_FULL_NAMES,
  englishKey,
  stripCitySuffix,
  tidyEnglishName,
} from './city-names.ts';

export interface Province {
  readonly short: string;
  readonly full: string;
  readonly english: string;
  readonly englishAliases: readonly string[];
  readonly municipality: boolean;
  readonly cities: City[];
}

export interface City {
  /** `浙江|杭州`: a city is only ever identified together with its province. */
  readonly key: string;
  readonly short: string;
  full: string;
  english: string | null;
  readonly englishAliases: readonly string[];
  readonly province: Province;
}

/**
 * The canonical provinces and cities, and the normalisation of the irregular names the segment
 * sources use. Cities are registered as the sources mention them, so the registry holds exactly the
 * places that have segments.
 */
export class RegionRegistry {
  readonly provinces: readonly Province[];
  private readonly provinceByShort = new Map<string, Province>();
  private readonly cityByKey = new Map<string, City>();
  /** Provinces by every prefix a source may start a place with: full name first, then short. */
  private readonly provincePrefixes: Array<[string, Province]>;

  constructor() {
    this.provinces = PROVINCES.map((p) => ({
      short: p.short,
      full: p.full,
      english: p.english,
      englishAliases: p.englishAliases ?? [],
      municipality: p.municipality === true,
      cities: [],
    }));
    for (const p of this.provinces) this.provinceByShort.set(p.short, p);
    this.provincePrefixes = this.provinces
      .flatMap((p): Array<[string, Province]> => [
        [p.full, p],
        [p.short, p],
      ])
      .sort((a, b) => b[0].length - a[0].length);
  }

  province(short: string): Province | undefined {
    return this.provinceByShort.get(short);
  }

  city(provinceShort: string, cityShort: string): City | undefined {
    return this.cityByKey.get(`${provinceShort}|${cityShort}`);
  }

  get cities(): City[] {
    return [...this.cityByKey.values()];
  }

  /**
   * A place as the geocoding file writes it (`浙江省杭州市`, `广西柳州市`, `天津`), with its English
   * counterpart (`Hangzhou, Zhejiang`). Returns undefined for text that names no province.
   */
  placeFromGeocode(zh: string, en?: string): City | undefined {
    const match = this.provincePrefixes.find(([prefix]) => zh.startsWith(prefix));
    if (!match) return undefined;
    const [prefix, province] = match;
    const englishCity = province.municipality ? province.english : en?.split(',')[0]?.trim();
    return this.resolveCity(province, province.municipality ? province.short : zh.slice(prefix.length), englishCity);
  }

  /** A place as phone.dat writes it: short province and city names in two fields. */
  placeFromPhoneDat(provinceName: string, cityName: string): City | undefined {
    const province =
      this.provinceByShort.get(provinceName.trim()) ??
      this.provincePrefixes.find(([p]) => p === provinceName.trim())?.[1];
    if (!province) return undefined;
    // Municipalities' districts (重庆's 万州, 涪陵, 黔江) belong to the municipality itself.
    return this.resolveCity(province, province.municipality ? province.short : cityName, undefined);
  }

  private resolveCity(province: Province, rawCity: string, english: string | undefined): City | undefined {
    const raw = rawCity.trim();
    const stripped = province.municipality ? province.short : stripCitySuffix(raw);
    if (stripped === '') return undefined;
    const alias = CITY_ALIASES.get(`${province.short}|${stripped}`);
    const short = alias ?? stripped;
    const key = `${province.short}|${short}`;
    let city = this.cityByKey.get(key);
    if (!city) {
      city = {
        key,
        short,
        full: CITY_FULL_NAMES.get(key) ?? (province.municipality ? province.full : `${short}市`),
        english: CITY_ENGLISH_NAMES.get(key) ?? null,
        englishAliases: CITY_ENGLISH_ALIASES.get(key) ?? [],
        province,
      };
      this.cityByKey.set(key, city);
      province.cities.push(city);
    }
    // An aliased name (莱芜 for 济南) must not lend its full or English name to the city it stands for.
    if (alias === undefined) {
      if (!CITY_FULL_NAMES.has(key) && !province.municipality && raw !== stripped) city.full = raw;
      if (city.english === null && english) city.english = tidyEnglishName(english);
    }
    return city;
  }

  /** Provinces named by `input`: short, full or English name (any case, spaces ignored). */
  findProvinces(input: string): Province[] {
    const text = input.trim();
    const key = englishKey(text);
    return this.provinces.filter(
      (p) =>
        p.short === text ||
        p.full === text ||
        (key !== '' && [p.english, ...p.englishAliases].some((e) => englishKey(e) === key)),
    );
  }

  /** Cities named by `input`, optionally only those in `province`. */
  findCities(input: string, province?: Province): City[] {
    const text = input.trim();
    const key = englishKey(text);
    const stripped = stripCitySuffix(text);
    return (province ? province.cities : this.cities).filter(
      (c) =>
        c.short === text ||
        c.full === text ||
        c.short === stripped ||
        (key !== '' && [c.english ?? '', ...c.englishAliases].some((e) => englishKey(e) === key)),
    );
  }

  /** Close names for a misspelt or unknown input, best first. */
  suggestCities(input: string, province?: Province, limit = 5): City[] {
    const pool = province ? province.cities : this.cities;
    return rankByCloseness(input, pool, (c) => [c.short, c.full, c.english ?? '', ...c.englishAliases], limit);
  }

  suggestProvinces(input: string, limit = 5): Province[] {
    return rankByCloseness(input, this.provinces, (p) => [p.short, p.full, p.english, ...p.englishAliases], limit);
  }
}

function rankByCloseness<T>(input: string, pool: readonly T[], names: (item: T) => string[], limit: number): T[] {
  const text = input.trim();
  const key = englishKey(text);
  // About one edit in three characters still counts as close.
  const allowed = Math.max(1, Math.ceil((isAscii(text) ? key.length : text.length) / 3));
  const scored: Array<[number, T]> = [];
  for (const item of pool) {
    let best = Infinity;
    for (const name of names(item)) {
      if (name === '') continue;
      const isEnglish = isAscii(name);
      const a = isEnglish ? key : text;
      const b = isEnglish ? englishKey(name) : name;
      if (a === '') continue;
      // A name that contains the input (or the reverse) is as good as one letter off.
      const d = b.includes(a) || a.includes(b) ? 1 : distance(a, b);
      best = Math.min(best, d);
    }
    if (best <= allowed) scored.push([best, item]);
  }
  return scored
    .sort((a, b) => a[0] - b[0])
    .slice(0, limit)
    .map(([, item]) => item);
}

function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}

/** `杭州 (浙江)`: how a city is named in messages and suggestions. */
export function describeCity(city: City): string {
  return `${city.short} (${city.province.short}${city.english ? `, ${city.english}` : ''})`;
}
