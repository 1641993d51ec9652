import type { LearnedPlaces } from '../learning/learned-places.ts';
import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import { type City, RegionRegistry } from '../regions/region-registry.ts';
import type { Carrier } from './carriers.ts';
import type { NumberingPlan } from './numbering-plan.ts';
import {
  type Place,
  SegmentData,
  type SegmentDataOptions,
  type SegmentDataStats,
  type SegmentLocation,
} from './segment-data.ts';

export type { Place, PlaceSource, LayerName, SegmentLayer, SegmentLocation } from './segment-data.ts';

export type SegmentIndexOptions = SegmentDataOptions;
export type SegmentIndexStats = SegmentDataStats;

/**
 * The segment data the service uses now, reloadable in place. Everything reads the current version
 * (`data`) through it; a search takes `data` once when it is planned and keeps it to the end, so a
 * reload never changes a running search. The region registry outlives reloads: a city found once stays
 * the same object, so places resolved before a reload compare equal to places after it.
 */
export class SegmentIndex {
  readonly regions: RegionRegistry;
  private current: SegmentData;
  private readonly options: SegmentIndexOptions;
  /** What matched searches taught about where segments are; see LearnedPlaces. Unset when learning is off. */
  learned: LearnedPlaces | undefined;

  private constructor(options: SegmentIndexOptions) {
    this.options = options;
    this.regions = new RegionRegistry();
    this.current = SegmentData.load(this.regions, options);
  }

  static load(options: SegmentIndexOptions = {}): SegmentIndex {
    return new SegmentIndex(options);
  }

  /** The data in use now: what a new search plans with. */
  get data(): SegmentData {
    return this.current;
  }

  /**
   * Reads every layer's file again and, when all of them are good, makes the result current. A bad
   * file throws and the data in use stays as it was.
   */
  reload(logger: Logger = this.options.logger ?? silentLogger): SegmentData {
    const next = SegmentData.load(this.regions, { ...this.options, logger });
    this.current = next;
    return next;
  }

  get numberingPlan(): NumberingPlan {
    return this.current.numberingPlan;
  }

  get stats(): SegmentIndexStats {
    return this.current.stats;
  }

  placeOf(segment: number): Place | undefined {
    return this.current.placeOf(segment);
  }

  placeIdOf(segment: number): number {
    return this.current.placeIdOf(segment);
  }

  placeById(id: number): Place | undefined {
    return this.current.placeById(id);
  }

  carrierOf(segment: number): Carrier | undefined {
    return this.current.carrierOf(segment);
  }

  lookup(numberOrSegment: string): SegmentLocation {
    return this.current.lookup(numberOrSegment);
  }

  segmentCount(city: City): number {
    return this.current.segmentCount(city);
  }
}
