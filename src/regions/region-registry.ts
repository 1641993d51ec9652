import { PROVINCES } from './provinces.ts';
import { CITY_ENGLISH_ALIASES, CITY_ENGLISH_NAMES, stripCitySuffix, tidyEnglishName } from './city-names.ts';
import { type Division, divisions } from './divisions.ts';
import { placeIndex } from './place-index.ts';
import { readPlace } from './place-reader.ts';

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
  private readonly unlisted = new Map<string, City>();
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

  /**
   * The city segment data places numbers in, or, for a prefecture-level city with no segments of its
   * own (三沙, 天门), one outside the registry: it names the customer's place but holds no candidates.
   */
  cityOrUnlisted(province: Province, short: string): City {
    const key = `${province.short}|${short}`;
    const listed = this.cityByKey.get(key);
    if (listed) return listed;
    let unlisted = this.unlisted.get(key);
    if (!unlisted) {
      const unit = divisions().find(
        (d) => d.level === 'prefecture' && d.province === province.short && d.city === short,
      );
      unlisted = { key, short, full: unit?.name ?? `${short}市`, english: null, englishAliases: [], province };
      this.unlisted.set(key, unlisted);
    }
    return unlisted;
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
    // The division list tells which prefecture a source's name is in: a county seat phone.dat uses as a
    // city (都匀: 黔南), a merged city (莱芜: 济南), a former name (襄樊: 襄阳).
    const prefecture = province.municipality ? undefined : prefectureNamed(province, raw);
    const short = province.municipality ? province.short : (prefecture?.city ?? stripCitySuffix(raw));
    if (short === '') return undefined;
    const key = `${province.short}|${short}`;
    let city = this.cityByKey.get(key);
    if (!city) {
      city = {
        key,
        short,
        full: province.municipality ? province.full : (prefecture?.name ?? (raw === short ? `${short}市` : raw)),
        english: CITY_ENGLISH_NAMES.get(key) ?? null,
        englishAliases: CITY_ENGLISH_ALIASES.get(key) ?? [],
        province,
      };
      this.cityByKey.set(key, city);
      province.cities.push(city);
    }
    // A name that stands for another city (莱芜 for 济南) must not lend it its English name.
    if (city.english === null && english && stripCitySuffix(raw) === short) city.english = tidyEnglishName(english);
    return city;
  }
}

/** The prefecture-level unit a source's city name is in, when the division list tells it unambiguously. */
function prefectureNamed(province: Province, name: string): Division | undefined {
  const provinceUnit = divisions().find((d) => d.level === 'province' && d.province === province.short);
  const reading = readPlace(placeIndex(), name, { within: provinceUnit ? [provinceUnit] : [] });
  const cities = new Set(reading.units.map((u) => u.city));
  if (!reading.whole || cities.size !== 1) return undefined;
  let unit: Division | null = reading.units[0]!;
  while (unit && unit.level === 'county') unit = unit.parent;
  return unit?.level === 'prefecture' ? unit : undefined;
}
