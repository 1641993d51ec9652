import { type InputViolation, type SuggestionPick, violation } from '../errors/input-error.ts';
import { isAscii, rankByCloseness } from './close-names.ts';
import { type Division, divisions } from './divisions.ts';
import { placeIndex } from './place-index.ts';
import { readPlace } from './place-reader.ts';

/** The input fields a place is read from. */
export type PlaceField = 'province' | 'city' | 'address';

export interface PlaceInput {
  province?: string | null | undefined;
  city?: string | null | undefined;
  address?: string | null | undefined;
}

/** Where the customer is, as segment data places numbers: province and prefecture-level city. */
export interface ResolvedPlace {
  /** Short name, e.g. 浙江; null when the input names no place. */
  readonly province: string | null;
  /** Short name of the prefecture-level city (金华; 上海 for a district of 上海); null when none. */
  readonly city: string | null;
  /** The most specific place named, official full name (义乌市, 浦东新区, 浙江省); null when none. */
  readonly placeName: string | null;
  readonly provinceFrom: PlaceField | null;
  readonly cityFrom: PlaceField | null;
}

export type PlaceResolution = { readonly place: ResolvedPlace } | { readonly problems: readonly InputViolation[] };

const MAX_NAME_LENGTH = 64;
const MAX_ADDRESS_LENGTH = 200;
const ACCEPT_PROVINCE = 'a province by short, full or English name, e.g. 浙江, 浙江省 or Zhejiang';
const ACCEPT_CITY =
  'a city, district or county by short, full, pinyin or English name, e.g. 杭州, 杭州市, Hangzhou, 义乌, 浦东新区 or Yiwu (a shared name with its city: 南京鼓楼区)';
const ACCEPT_ADDRESS = 'an address that starts with its province, city or district, e.g. 浙江省金华市义乌市稠城街道…';

/**
 * Reads where the customer is from any of province, city (any level below the province) and a
 * free-text address, which must agree. The answer is the province and prefecture-level city segment
 * data places numbers by, or every problem as the API reports it (field, reason, accepted,
 * suggestions). Pure; the division index is built on first use.
 */
export function resolvePlace(input: PlaceInput): PlaceResolution {
  const problems: InputViolation[] = [];
  const provinceText = checkText('province', input.province, MAX_NAME_LENGTH, ACCEPT_PROVINCE, problems);
  const cityText = checkText('city', input.city, MAX_NAME_LENGTH, ACCEPT_CITY, problems);
  const addressText = checkText('address', input.address, MAX_ADDRESS_LENGTH, ACCEPT_ADDRESS, problems);
  if (problems.length > 0) return { problems };
  const index = placeIndex();

  let units: readonly Division[] | undefined;
  let last: PlaceField | undefined;
  let named = '';
  if (provinceText !== undefined) {
    const provinces = readPlace(index, provinceText).units.filter((u) => u.level === 'province');
    if (provinces.length === 0) return fail(unknownProvince(provinceText));
    units = provinces;
    last = 'province';
  }
  if (cityText !== undefined) {
    const reading = readPlace(index, cityText, { within: units });
    const cities = reading.units.filter((u) => u.city !== null);
    if (!reading.whole || cities.length === 0) return fail(unknownCity(cityText, units));
    units = cities;
    named = cityText;
    last = 'city';
  }
  if (addressText !== undefined) {
    const reading = readPlace(index, addressText, { within: units, address: true });
    if (reading.clash || (units && reading.units.length === 0)) {
      const conflict = conflictOf(addressText, reading.clash, units);
      if (conflict) return fail(conflict);
    }
    if (reading.units.length > 0) {
      // 海南, 吉林 open an address as provinces far more often than as the prefectures of the name.
      units = preferLevel(reading.units, 'province');
      last = 'address';
      named = addressText;
    } else if (!units) {
      return fail(
        violation('address', 'UNKNOWN_PLACE', `names no province, city or district at its start`, ACCEPT_ADDRESS),
      );
    }
  }
  if (!units || !last) {
    return { place: { province: null, city: null, placeName: null, provinceFrom: null, cityFrom: null } };
  }

  const distinct = new Map<string, Division>();
  for (const unit of units) {
    const key = `${unit.province}|${unit.city ?? ''}`;
    if (!distinct.has(key)) distinct.set(key, unit);
  }
  if (distinct.size > 1) return fail(ambiguous(last, named, [...distinct.values()]));
  // Several units in one city: the same name twice (a merger the list keeps both codes of), else the city.
  const unit = units.every((u) => u.name === units[0]!.name) ? units[0]! : prefectureOf(units[0]!);
  const field = (given: string | undefined, name: PlaceField) => (given !== undefined ? name : null);
  // A province alone (北京 too) leaves the city open, so the search starts with the whole province.
  const city = last === 'province' ? null : unit.city;
  return {
    place: {
      province: unit.province,
      city,
      placeName: unit.name,
      provinceFrom: field(provinceText, 'province') ?? field(cityText, 'city') ?? 'address',
      cityFrom: city === null ? null : (field(cityText, 'city') ?? 'address'),
    },
  };
}

function fail(problem: InputViolation): PlaceResolution {
  return { problems: [problem] };
}

function checkText(
  field: PlaceField,
  raw: string | null | undefined,
  maxLength: number,
  accepted: string,
  problems: InputViolation[],
): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw.length > maxLength) {
    problems.push(violation(field, 'TOO_LONG', `${raw.length} characters is longer than any ${field}`, accepted));
    return undefined;
  }
  const text = raw.trim();
  if (text === '') {
    problems.push(violation(field, 'EMPTY', 'is empty; leave it out instead', accepted));
    return undefined;
  }
  return text;
}

function unknownProvince(text: string): InputViolation {
  const provinces = divisions().filter((d) => d.level === 'province');
  const close = rankByCloseness(text, provinces, (p) => [p.name, ...p.otherNames, ...p.latinNames], 5);
  return violation(
    'province',
    'UNKNOWN_PROVINCE',
    `'${text}' is not a known province`,
    ACCEPT_PROVINCE,
    close.map(describePlace),
  );
}

function unknownCity(text: string, within: readonly Division[] | undefined): InputViolation {
  const index = placeIndex();
  const anywhere = within ? readPlace(index, text) : undefined;
  if (anywhere?.whole && anywhere.units.some((u) => u.city !== null)) {
    const elsewhere = anywhere.units.filter((u) => u.city !== null);
    const where = [...new Set(elsewhere.map((u) => u.province))].join(', ');
    return violation(
      'city',
      'CITY_NOT_IN_PROVINCE',
      `'${text}' is not in ${within!.map((u) => u.province).join(', ')}; it is in ${where}`,
      `a place in ${within!.map((u) => u.province).join(', ')}`,
      elsewhere.map(describePlace),
    );
  }
  const reading = anywhere ?? readPlace(index, text);
  if (reading.whole && reading.units.length > 0) {
    return violation(
      'city',
      'CITY_IS_PROVINCE',
      `'${text}' is a province; pass it as province`,
      ACCEPT_CITY,
      reading.units.map(describePlace),
    );
  }
  if (readPlace(index, text, { address: true }).units.length > 0) {
    // A whole address pasted into city: it names a place, followed by more.
    return violation(
      'city',
      'UNKNOWN_CITY',
      'reads as an address (a place name and more); send it as address',
      ACCEPT_CITY,
    );
  }
  const pool = divisions().filter(
    (d) => d.level !== 'province' && (!within || within.some((w) => w.province === d.province)),
  );
  const close = rankByCloseness(
    text,
    pool,
    (d) => [d.name, ...d.otherNames, ...(isAscii(text) ? d.latinNames : [])],
    5,
  );
  return violation(
    'city',
    'UNKNOWN_CITY',
    `'${text}' is not a known city, district or county${within ? ` of ${within.map((u) => u.province).join(', ')}` : ''}`,
    ACCEPT_CITY,
    close.map(describePlace),
  );
}

/** The address names a place the other fields (or its own earlier names) rule out. */
function conflictOf(
  address: string,
  clash: { name: string; units: readonly Division[] } | undefined,
  given: readonly Division[] | undefined,
): InputViolation | undefined {
  const named = clash?.units ?? readPlace(placeIndex(), address, { address: true }).units;
  if (named.length === 0) return undefined;
  const other = given ? given.map((u) => u.name).join(' / ') : 'the names before it';
  return violation(
    'address',
    'CONFLICTING_PLACE',
    `the address names ${clash?.name ?? named.map(describePlace).join(' / ')}, which is not in ${other}`,
    'an address in the place that province and city name (or leave those out)',
    named.map(describePlace),
  );
}

function ambiguous(field: PlaceField, text: string, units: readonly Division[]): InputViolation {
  return violation(
    field,
    'AMBIGUOUS_PLACE',
    `${field === 'address' ? 'the address' : `'${text}'`} names ${units.length} places in different cities: ${units.map(describePlace).join(', ')}; give the province or city that tells them apart`,
    ACCEPT_CITY,
    units.map(describePlace),
    units.map(pickOf),
  );
}

/** The input that names `unit` alone: its province, and its city written before it (南京鼓楼区). */
function pickOf(unit: Division): SuggestionPick {
  if (unit.level !== 'county') return { province: unit.province, city: unit.city ?? unit.name };
  const prefecture = prefectureOf(unit);
  // A municipality's district is one of a kind within its province (北京 朝阳区).
  return {
    province: unit.province,
    city: prefecture.level === 'prefecture' ? `${prefecture.city}${unit.name}` : unit.name,
  };
}

function prefectureOf(unit: Division): Division {
  let u = unit;
  while (u.level === 'county' && u.parent) u = u.parent;
  return u;
}

function preferLevel(units: readonly Division[], level: Division['level']): readonly Division[] {
  const preferred = units.filter((u) => u.level === level);
  return preferred.length > 0 ? preferred : units;
}

/** How a place is named in messages and suggestions: `杭州 (浙江, Hangzhou)`, `鼓楼区 (江苏 南京)`, `浙江 (Zhejiang)`. */
export function describePlace(unit: Division): string {
  const english = unit.latinNames.find((n) => /[A-Z]/.test(n)) ?? capitalise(unit.latinNames[0]);
  if (unit.level === 'province') return `${unit.province} (${english})`;
  if (unit.level === 'prefecture') return `${unit.city} (${unit.province}${english ? `, ${english}` : ''})`;
  const prefecture = prefectureOf(unit);
  return `${unit.name} (${prefecture.level === 'prefecture' ? `${unit.province} ${prefecture.city}` : unit.province})`;
}

function capitalise(word: string | undefined): string {
  return word ? word[0]!.toUpperCase() + word.slice(1) : '';
}
