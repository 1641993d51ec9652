import type { City, RegionRegistry } from '../regions/region-registry.ts';

/** Evidence that a segment is in a city: how many matched searches (capped per API key) placed it there. */
export interface SegmentEvidence {
  readonly city: City;
  readonly count: number;
}

/** One stored count: an API key's evidence for a segment in a city (`province|city`). */
export interface EvidenceRow {
  readonly segment: number;
  readonly cityKey: string;
  readonly keyId: string;
  readonly count: number;
}

/**
 * What matched searches taught about where segments are, as the planner reads it. Counts are summed
 * over API keys after each key's count is capped, so one key cannot outvote the others. A snapshot:
 * a store builds a new one when its evidence changes; a plan reads one throughout.
 */
export class LearnedPlaces {
  private readonly bySegment = new Map<number, SegmentEvidence[]>();

  private constructor() {}

  static empty(): LearnedPlaces {
    return new LearnedPlaces();
  }

  /** Sums `rows` (each capped at `capPerKey`); rows naming a province the registry does not know are skipped. */
  static fromRows(rows: Iterable<EvidenceRow>, regions: RegionRegistry, capPerKey: number): LearnedPlaces {
    const learned = new LearnedPlaces();
    const totals = new Map<number, Map<City, number>>();
    for (const row of rows) {
      const [provinceName, city] = row.cityKey.split('|');
      const province = provinceName ? regions.province(provinceName) : undefined;
      // A city with no segments of its own (三沙) is still a place a customer names.
      const found = province && city ? regions.cityOrUnlisted(province, city) : undefined;
      if (!found || row.count <= 0) continue;
      let cities = totals.get(row.segment);
      if (!cities) totals.set(row.segment, (cities = new Map()));
      cities.set(found, (cities.get(found) ?? 0) + Math.min(row.count, capPerKey));
    }
    for (const [segment, cities] of totals) {
      const evidence = [...cities].map(([city, count]) => ({ city, count }));
      learned.bySegment.set(
        segment,
        evidence.sort((a, b) => b.count - a.count || a.city.key.localeCompare(b.city.key)),
      );
    }
    return learned;
  }

  /** Segments with any evidence. */
  get size(): number {
    return this.bySegment.size;
  }

  /** The segment's evidence, most first; empty when none. */
  evidence(segment: number): readonly SegmentEvidence[] {
    return this.bySegment.get(segment) ?? [];
  }

  /** Evidence for one city (0 when none). */
  countFor(segment: number, city: City): number {
    return this.evidence(segment).find((e) => e.city === city)?.count ?? 0;
  }

  /** Every segment with its evidence, in no particular order. */
  entries(): IterableIterator<[number, readonly SegmentEvidence[]]> {
    return this.bySegment.entries();
  }
}
