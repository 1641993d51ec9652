import { readFileSync } from 'node:fs';
import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import type { City, Province, RegionRegistry } from '../regions/region-registry.ts';
import { CARRIERS, type Carrier, carrierCodeByName } from './carriers.ts';
import { NumberingPlan, SEGMENT_BASE, SEGMENT_SPAN } from './numbering-plan.ts';
import { embeddedDataVersion, loadGeoCarrierData } from './sources/geo-carrier.ts';
import { type PhoneDatFile, parsePhoneDat } from './sources/phone-dat.ts';
import { readSegmentOverlay, type SegmentOverlay } from './sources/segment-overlay.ts';

/** The file format a place came from. */
export type PlaceSource = 'libphonenumber' | 'phone.dat' | 'overlay';

/**
 * The data layers, bottom to top; a higher layer wins where it places a segment. `shipped` is the
 * phone.dat build in data/segments/, `phone.dat` the operator's PHONE_DAT_PATH, `overlay` SEGMENTS_OVERLAY_PATH.
 */
export const LAYER_NAMES = ['libphonenumber', 'shipped', 'phone.dat', 'overlay'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** Where a segment is, as one of its layers says it. */
export interface Place {
  readonly city: City;
  readonly zip: string | null;
  readonly areaCode: string | null;
  readonly source: PlaceSource;
  readonly layer: LayerName;
}

/** Where a location's place came from: the data layers, the operator's overlay, or learned matches. */
export const LOCATION_ORIGINS = ['DATA', 'OVERLAY', 'LEARNED'] as const;
export type LocationOrigin = (typeof LOCATION_ORIGINS)[number];

export interface SegmentLocation {
  /** The 7-digit segment looked up. */
  readonly segment: string;
  /** Whether the numbering plan (or a loaded data file) allocates (some of) this segment to mobile numbers. */
  readonly allocated: boolean;
  readonly province: Province | null;
  readonly city: City | null;
  readonly carrier: Carrier | null;
  readonly zip: string | null;
  readonly areaCode: string | null;
  readonly source: PlaceSource | null;
  readonly layer: LayerName | null;
  /** Null when not located. */
  readonly origin: LocationOrigin | null;
}

/** One loaded layer, as /ready, /metrics and the data report name it. */
export interface SegmentLayer {
  readonly name: LayerName;
  readonly source: PlaceSource;
  /** The file; null for the data embedded in the libphonenumber packages. */
  readonly path: string | null;
  /** phone.dat's header version (`2004`), the packages' versions, or the overlay's content hash. */
  readonly version: string;
  /** Segments (or prefixes, for libphonenumber) the layer lists. */
  readonly entries: number;
  /** Allocated segments whose place this layer gives (it is the top layer that places them). */
  readonly placed: number;
  /** Entries whose place names no known province, left without a place. */
  readonly unplaced: number;
}

export interface SegmentDataOptions {
  /** The shipped phone.dat build, layered first over the embedded data. */
  shippedPath?: string | undefined;
  /** An operator's phone.dat (PHONE_DAT_PATH), over the shipped one. */
  phoneDatPath?: string | undefined;
  /** An operator's CSV overlay (SEGMENTS_OVERLAY_PATH), over everything. */
  overlayPath?: string | undefined;
  logger?: Logger;
}

export interface SegmentDataStats {
  allocatedSegments: number;
  /** Allocated segments that only a loaded data file lists (libphonenumber's plan lacks them). */
  listedOnlySegments: number;
  partialSegments: number;
  locatedSegments: number;
  cities: number;
  loadMs: number;
  layers: readonly SegmentLayer[];
}

/**
 * One immutable version of the segment data: numbering plan, place and carrier of every 7-digit
 * segment, and the layers it was built from. A reload builds a new one; a search keeps the one it
 * started with. Arrays indexed by segment keep the table in a few megabytes and make a lookup two reads.
 */
export class SegmentData {
  readonly numberingPlan: NumberingPlan;
  /** placeIds[segment - SEGMENT_BASE] indexes `places`; 0 means no known place. */
  private readonly placeIds = new Uint16Array(SEGMENT_SPAN);
  private readonly carrierCodes = new Uint8Array(SEGMENT_SPAN);
  private readonly places: Array<Place | undefined> = [undefined];
  private readonly allocatedByCity = new Map<City, number>();
  readonly stats: SegmentDataStats;

  /**
   * Reads every layer and builds the table. A bad file throws (PhoneDatFormatError, SegmentOverlayError,
   * or the file system's error) and nothing of it is used: a failed reload leaves the data in use as it was.
   */
  static load(regions: RegionRegistry, options: SegmentDataOptions = {}): SegmentData {
    return new SegmentData(regions, options);
  }

  private constructor(
    readonly regions: RegionRegistry,
    options: SegmentDataOptions,
  ) {
    const started = performance.now();
    const logger = options.logger ?? silentLogger;
    const read = (path: string | undefined) => (path ? parsePhoneDat(readFileSync(path), path) : undefined);
    const shipped = read(options.shippedPath);
    const phoneDat = read(options.phoneDatPath);

    const layers: Array<Omit<SegmentLayer, 'placed'>> = [this.loadEmbedded(logger)];
    if (shipped) layers.push(this.layerPhoneDat('shipped', shipped, options.shippedPath!, logger));
    if (phoneDat) layers.push(this.layerPhoneDat('phone.dat', phoneDat, options.phoneDatPath!, logger));
    // Read after the other layers: the overlay may name any city they registered.
    const overlay = options.overlayPath ? readSegmentOverlay(options.overlayPath, regions) : undefined;
    if (overlay) layers.push(this.layerOverlay(overlay, options.overlayPath!));

    // Allocated = the plan and whatever the files list: data-card segments (146, 148, 149) are in use
    // although libphonenumber's plan lacks them.
    const plan = NumberingPlan.fromLibphonenumber();
    const listed = new Set<number>();
    for (const file of [shipped, phoneDat]) {
      for (const segment of file?.segments ?? []) if (!plan.isAllocatedSegment(segment)) listed.add(segment);
    }
    for (const entry of overlay?.entries ?? []) {
      for (let s = entry.from; s <= entry.to; s++) if (!plan.isAllocatedSegment(s)) listed.add(s);
    }
    this.numberingPlan = listed.size > 0 ? NumberingPlan.fromLibphonenumber(listed) : plan;

    let located = 0;
    const placedByLayer = new Map<LayerName, number>();
    for (let i = 0; i < SEGMENT_SPAN; i++) {
      if (!this.numberingPlan.isAllocatedSegment(SEGMENT_BASE + i)) continue;
      const place = this.places[this.placeIds[i]!];
      if (!place) continue;
      located++;
      placedByLayer.set(place.layer, (placedByLayer.get(place.layer) ?? 0) + 1);
      this.allocatedByCity.set(place.city, (this.allocatedByCity.get(place.city) ?? 0) + 1);
    }
    this.stats = {
      allocatedSegments: this.numberingPlan.allocatedSegments,
      listedOnlySegments: listed.size,
      partialSegments: this.numberingPlan.partialSegments,
      locatedSegments: located,
      cities: this.regions.cities.length,
      loadMs: performance.now() - started,
      layers: layers.map((layer) => ({ ...layer, placed: placedByLayer.get(layer.name) ?? 0 })),
    };
  }

  private addPlace(place: Place): number {
    this.places.push(place);
    if (this.places.length > 0xffff) throw new Error('more than 65,535 distinct places in the segment data');
    return this.places.length - 1;
  }

  private loadEmbedded(logger: Logger): Omit<SegmentLayer, 'placed'> {
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
          id = this.addPlace({ city, zip: null, areaCode: null, source: 'libphonenumber', layer: 'libphonenumber' });
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
    return {
      name: 'libphonenumber',
      source: 'libphonenumber',
      path: null,
      version: embeddedDataVersion(),
      entries: data.geocodes.length,
      unplaced,
    };
  }

  private layerPhoneDat(
    name: LayerName,
    file: PhoneDatFile,
    path: string,
    logger: Logger,
  ): Omit<SegmentLayer, 'placed'> {
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
          ? this.addPlace({
              city,
              zip: record.zip || null,
              areaCode: record.areaCode || null,
              source: 'phone.dat',
              layer: name,
            })
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
    logger.info({ layer: name, version: file.version, entries: file.segments.length }, 'phone.dat layered');
    return { name, source: 'phone.dat', path, version: file.version, entries: file.segments.length, unplaced };
  }

  private layerOverlay(overlay: SegmentOverlay, path: string): Omit<SegmentLayer, 'placed'> {
    const placeIdByCity = new Map<City, number>();
    let entries = 0;
    for (const { from, to, city, carrierCode } of overlay.entries) {
      let id = placeIdByCity.get(city);
      if (id === undefined) {
        id = this.addPlace({ city, zip: null, areaCode: null, source: 'overlay', layer: 'overlay' });
        placeIdByCity.set(city, id);
      }
      this.placeIds.fill(id, from - SEGMENT_BASE, to - SEGMENT_BASE + 1);
      if (carrierCode !== 0) this.carrierCodes.fill(carrierCode, from - SEGMENT_BASE, to - SEGMENT_BASE + 1);
      entries += to - from + 1;
    }
    return { name: 'overlay', source: 'overlay', path, version: overlay.version, entries, unplaced: 0 };
  }

  /** The place of a 7-digit segment, or undefined when no layer locates it. */
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
      layer: place?.layer ?? null,
      origin: place ? (place.layer === 'overlay' ? 'OVERLAY' : 'DATA') : null,
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
