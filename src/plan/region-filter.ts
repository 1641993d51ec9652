import { type InputViolation, violation } from '../errors/input-error.ts';
import { type City, type Province, type RegionRegistry, describeCity } from '../regions/region-registry.ts';

export interface RegionInput {
  city?: string | null | undefined;
  province?: string | null | undefined;
}

export interface RegionFilter {
  readonly city: City | null;
  /** The given province, or the city's own when only a city was given. */
  readonly province: Province | null;
}

const MAX_NAME_LENGTH = 64;
const ACCEPT_PROVINCE = 'a province by short, full or English name, e.g. 浙江, 浙江省 or Zhejiang';
const ACCEPT_CITY = 'a city by short, full or English name, e.g. 杭州, 杭州市 or Hangzhou';

function describeProvince(p: Province): string {
  return `${p.short} (${p.english})`;
}

/** Resolves the customer's city and province names to canonical places; every problem is reported. */
export function resolveRegion(
  regions: RegionRegistry,
  input: RegionInput,
): { value?: RegionFilter; problems: InputViolation[] } {
  const problems: InputViolation[] = [];
  const provinceText = checkName('province', input.province, ACCEPT_PROVINCE, problems);
  const cityText = checkName('city', input.city, ACCEPT_CITY, problems);
  if (problems.length > 0) return { problems };

  let province: Province | null = null;
  if (provinceText !== undefined) {
    const found = regions.findProvinces(provinceText);
    if (found.length === 0) {
      const suggestions = regions.suggestProvinces(provinceText).map(describeProvince);
      return {
        problems: [
          violation(
            'province',
            'UNKNOWN_PROVINCE',
            `'${provinceText}' is not a known province`,
            ACCEPT_PROVINCE,
            suggestions,
          ),
        ],
      };
    }
    province = found[0]!;
  }
  if (cityText === undefined) return { value: { city: null, province }, problems };

  const cities = regions.findCities(cityText, province ?? undefined);
  if (cities.length === 1) return { value: { city: cities[0]!, province: province ?? cities[0]!.province }, problems };
  if (cities.length > 1) {
    return {
      problems: [
        violation(
          'city',
          'AMBIGUOUS_CITY',
          `'${cityText}' names ${cities.length} cities; give the province too`,
          `${ACCEPT_CITY}, with province when the name is shared`,
          cities.map(describeCity),
        ),
      ],
    };
  }
  if (province) {
    const elsewhere = regions.findCities(cityText);
    if (elsewhere.length > 0) {
      return {
        problems: [
          violation(
            'city',
            'CITY_NOT_IN_PROVINCE',
            `'${cityText}' is not in ${province.short}; it is in ${[...new Set(elsewhere.map((c) => c.province.short))].join(', ')}`,
            `a city of ${province.short}`,
            elsewhere.map(describeCity),
          ),
        ],
      };
    }
  }
  const asProvince = regions.findProvinces(cityText);
  if (asProvince.length > 0) {
    return {
      problems: [
        violation(
          'city',
          'CITY_IS_PROVINCE',
          `'${cityText}' is a province; pass it as province`,
          ACCEPT_CITY,
          asProvince.map(describeProvince),
        ),
      ],
    };
  }
  const suggestions = regions.suggestCities(cityText, province ?? undefined).map(describeCity);
  return {
    problems: [
      violation(
        'city',
        'UNKNOWN_CITY',
        `'${cityText}' is not a known city${province ? ` of ${province.short}` : ''}`,
        ACCEPT_CITY,
        suggestions,
      ),
    ],
  };
}

function checkName(
  field: string,
  raw: string | null | undefined,
  accepted: string,
  problems: InputViolation[],
): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw.length > MAX_NAME_LENGTH) {
    problems.push(violation(field, 'TOO_LONG', `${raw.length} characters is longer than any place name`, accepted));
    return undefined;
  }
  const text = raw.trim();
  if (text === '') {
    problems.push(violation(field, 'EMPTY', 'is empty; leave it out instead', accepted));
    return undefined;
  }
  return text;
}
