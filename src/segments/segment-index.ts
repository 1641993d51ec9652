import { readFileSync } from 'node:fs';
import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import { type City, type Province, RegionRegistry } from '../regions/region-registry.ts';
import { CARRIERS, type Carrier, carrierCodeByName } from './carriers.ts';
import { NumberingPlan, SEGMENT_BASE, SEGMENT_SPAN } from './numbering-plan.ts';
import { loadGeoCarrierData } from './sources/geo-carrier.ts';
import { parsePhoneDat } from './sources/phone-dat.ts';

/** Where a segment is, as one of its sources says it. */
export interface Place {
  readonly city: City;
  readonly zip: string | null;
  readonly areaCode: string | null;
  readonly source: 'libphonenumber' | 'phone.dat';
}

export interface SegmentLocation {
  /** The 7-digit segment looked up. */
  readonly segment: string;
  /** Whether the numbering plan allocates (some of) this segment to mobile numbers. */
  readonly allocated: boolean;
  readonly province: Province | null;
  readonly city: City | null;
  readonly carrier: Carrier | null;
  readonly zip: string | null;
  readonly areaCode: string | null;
  readonly source: Place['source'] | null;
}

export interface SegmentIndexOptions {
  /** A community phone.dat file layered over the embedded data; it wins where it has a segment. */
  phoneDatPath?: string;
  logger?: Logger;
}

export interface SegmentIndexStats {
  allocatedSegments: number;
  partialSegments: number;
  locatedSegments: number;
  cities: number;
  loadMs: number;
  phoneDat: { path: string; version: string; entries: number; unplaced: number } | null;
}

/**
 * Every 7-digit segment with its allocation, place and carrier. Arrays indexed by segment keep the
 * whole table in a few megabytes and make a lookup two array reads.
 */
export class SegmentIndex {
  readonly numberingPlan: NumberingPlan;
  readonly regions: RegionRegistry;
  /** placeIds[segment - SEGMENT_BASE] indexes `places`; 0 means no known place. */
  private readonly placeIds = new Uint16Array(SEGMENT_SPAN);
  private readonly carrierCodes = new Uint8Array(SEGMENT_SPAN);
  private readonly places: Array<Place | undefined> = [undefined];
  private readonly allocatedByCity = new Map<City, number>();
  readonly stats: SegmentIndexStats;

  private constructor(options: SegmentIndexOptions) {
    const started = performance.now();
    const logger = options.logger ?? silentLogger;
    this.numberingPlan = NumberingPlan.fromLibphonenumber();
    this.regions = new RegionRegistry();
    this.loadEmbedded(logger);
    const phoneDat = options.phoneDatPath ? this.layerPhoneDat(options.phoneDatPath, logger) : null;
    let located = 0;
    for (let i = 0; i < SEGMENT_SPAN; i++) {
      if (!this.numberingPlan.isAllocatedSegment(SEGMENT_BASE + i)) continue;
      const place = this.places[this.placeIds[i]!];
      if (!place) continue;
      located++;
      this.allocatedByCity.set(place.city, (this.allocatedByCity.get(place.city) ?? 0) + 1);
    }
    this.stats = {
      allocatedSegments: this.numberingPlan.allocatedSegments,
      partialSegments: this.numberingPlan.partialSegments,
      locatedSegments: located,
      cities: this.regions.cities.length,
      loadMs: performance.now() - started,
      phoneDat,
    };
  }

  static load(options: SegmentIndexOptions = {}): SegmentIndex {
    return new SegmentIndex(options);
  }

  private addPlace(place: Place): number {
    this.places.push(place);
    if (this.places.length > 0xffff) throw new Error('more than 65,535 distinct places in the segment data');
    return this.places.length - 1;
  }

  private loadEmbedded(logger: Logger): void {
    const data = loadGeoCarrierData();
    const placeIdByCity = new Map<City, number>();
    // 130,000 prefixes name about 340 places: normalise each distinct text once.
    const placeIdByText = new Map<string, number>();
    let unplaced = 0;
    // Shorter prefixes first, so the longest matching key is the one left standing.
    data.geocodes.sort((a, b) => a.prefix.length - b.prefix.length);
    for (const { prefix, zh, en } of data.geocodes) {
      let id = placeIdByText.get(zh);
      if (id === undefined) {
        const city = this.regions.placeFromGeocode(zh, en);
        id = city ? placeIdByCity.get(city) : 0;
        if (city && id === undefined) {
          id = this.addPlace({ city, zip: null, areaCode: null, source: 'libphonenumber' });
          placeIdByCity.set(city, id);
        }
        placeIdByText.set(zh, id!);
      }
      if (id === 0) unplaced++;
      else fillRange(this.placeIds, prefix, id!);
    }
    data.carriers.sort((a, b) => a.prefix.length - b.prefix.length);
    for (const { prefix, name } of data.carriers) {
      const code = carrierCodeByName(name);
      if (code !== 0 && prefix.length <= 7) fillRange(this.carrierCodes, prefix, code);
    }
    if (unplaced > 0) logger.warn({ unplaced }, 'geocoding entries name no known province; left without location');
  }

  private layerPhoneDat(path: string, logger: Logger): NonNullable<SegmentIndexStats['phoneDat']> {
    const file = parsePhoneDat(readFileSync(path), path);
    const placeIdByRecord = new Map<number, number>();
    const unknownNames = new Set<string>();
    let unplaced = 0;
    for (let i = 0; i < file.segments.length; i++) {
      const recordIndex = file.recordIndex[i]!;
      let id = placeIdByRecord.get(recordIndex);
      if (id === undefined) {
        const record = file.records[recordIndex]!;
        const city = this.regions.placeFromPhoneDat(record.province, record.city);
        id = city
          ? this.addPlace({ city, zip: record.zip || null, areaCode: record.areaCode || null, source: 'phone.dat' })
          : 0;
        if (!city) unknownNames.add(`${record.province}|${record.city}`);
        placeIdByRecord.set(recordIndex, id);
      }
      const slot = file.segments[i]! - SEGMENT_BASE;
      if (id === 0) {
        unplaced++;
      } else {
        this.placeIds[slot] = id;
      }
      this.carrierCodes[slot] = file.cardTypes[i]!;
    }
    if (unknownNames.size > 0) {
      logger.warn({ names: [...unknownNames].slice(0, 20), unplaced }, 'phone.dat places with no known province');
    }
    logger.info(
      { version: file.version, entries: file.segments.length },
      'phone.dat layered over embedded segment data',
    );
    return { path, version: file.version, entries: file.segments.length, unplaced };
  }

  /** The place of a 7-digit segment, or undefined when no source locates it. */
  placeOf(segment: number): Place | undefined {
    if (segment < SEGMENT_BASE || segment >= SEGMENT_BASE + SEGMENT_SPAN) return undefined;
    return this.places[this.placeIds[segment - SEGMENT_BASE]!];
  }

  /** Place id of a segment (0 = none), for hot loops that only compare places. */
  placeIdOf(segment: number): number {
    return this.placeIds[segment - SEGMENT_BASE]!;
  }

  placeById(id: number): Place | undefined {
    return this.places[id];
  }

  carrierOf(segment: number): Carrier | undefined {
    if (segment < SEGMENT_BASE || segment >= SEGMENT_BASE + SEGMENT_SPAN) return undefined;
    return CARRIERS[this.carrierCodes[segment - SEGMENT_BASE]!];
  }

  /** Location of a full number or of its first 7 digits. Expects digits; callers validate. */
  lookup(numberOrSegment: string): SegmentLocation {
    const segmentText = numberOrSegment.slice(0, 7);
    const segment = Number(segmentText);
    const place = this.placeOf(segment);
    const allocated =
      numberOrSegment.length === 11
        ? this.numberingPlan.isValidNumber(numberOrSegment)
        : this.numberingPlan.isAllocatedSegment(segment);
    return {
      segment: segmentText,
      allocated,
      province: place?.city.province ?? null,
      city: place?.city ?? null,
      carrier: this.carrierOf(segment) ?? null,
      zip: place?.zip ?? null,
      areaCode: place?.areaCode ?? null,
      source: place?.source ?? null,
    };
  }

  /** How many allocated segments a city has. */
  segmentCount(city: City): number {
    return this.allocatedByCity.get(city) ?? 0;
  }
}

/** Sets `value` for every segment that starts with `prefix` (4 to 7 digits). */
function fillRange(target: Uint8Array | Uint16Array, prefix: string, value: number): void {
  const width = 10 ** (7 - prefix.length);
  const from = Number(prefix) * width - SEGMENT_BASE;
  target.fill(value, from, from + width);
}
