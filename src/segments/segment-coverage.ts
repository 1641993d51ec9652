import type { LearnedPlaces } from '../learning/learned-places.ts';
import { SEGMENT_BASE, SEGMENT_SPAN } from './numbering-plan.ts';
import type { LayerName, SegmentData, SegmentLayer } from './segment-data.ts';

export interface CoverageRow {
  /** A 3-digit prefix (`199`) or a carrier (`China Telecom`, `China Telecom (virtual)`, `unknown`). */
  readonly name: string;
  readonly allocated: number;
  readonly located: number;
  /** Located segments by the layer that places them. */
  readonly byLayer: Readonly<Partial<Record<LayerName, number>>>;
}

/** How much of the allocated segments the data locates, overall, per prefix and per carrier. */
export interface SegmentCoverage {
  readonly allocated: number;
  readonly located: number;
  readonly byPrefix: readonly CoverageRow[];
  readonly byCarrier: readonly CoverageRow[];
  readonly layers: readonly SegmentLayer[];
}

export interface LearnedCoverage {
  /** Segments with any learned evidence. */
  readonly segments: number;
  /** Of those, segments the data leaves unlocated: what learning adds. */
  readonly unlocatedByData: number;
  /** Evidence summed over segments and cities (each key's count capped). */
  readonly evidence: number;
}

const computed = new WeakMap<SegmentData, SegmentCoverage>();

/** The data's coverage; a data version never changes, so it is counted once per version. */
export function segmentCoverage(data: SegmentData): SegmentCoverage {
  let coverage = computed.get(data);
  if (coverage) return coverage;
  type Counts = { allocated: number; located: number; byLayer: Partial<Record<LayerName, number>> };
  const prefixes = new Map<string, Counts>();
  const carriers = new Map<string, Counts>();
  const count = (map: typeof prefixes, name: string, layer: LayerName | undefined) => {
    let row = map.get(name);
    if (!row) map.set(name, (row = { allocated: 0, located: 0, byLayer: {} }));
    row.allocated++;
    if (!layer) return;
    row.located++;
    row.byLayer[layer] = (row.byLayer[layer] ?? 0) + 1;
  };
  for (let segment = SEGMENT_BASE; segment < SEGMENT_BASE + SEGMENT_SPAN; segment++) {
    if (!data.numberingPlan.isAllocatedSegment(segment)) continue;
    const layer = data.placeOf(segment)?.layer;
    count(prefixes, String(segment).slice(0, 3), layer);
    const carrier = data.carrierOf(segment);
    count(carriers, carrier ? `${carrier.english}${carrier.virtual ? ' (virtual)' : ''}` : 'unknown', layer);
  }
  const rows = (map: typeof prefixes) =>
    [...map].map(([name, r]) => ({ name, ...r })).sort((a, b) => a.name.localeCompare(b.name));
  coverage = {
    allocated: data.stats.allocatedSegments,
    located: data.stats.locatedSegments,
    byPrefix: rows(prefixes),
    byCarrier: rows(carriers),
    layers: data.stats.layers,
  };
  computed.set(data, coverage);
  return coverage;
}

export function learnedCoverage(learned: LearnedPlaces | undefined, data: SegmentData): LearnedCoverage {
  let segments = 0;
  let unlocatedByData = 0;
  let evidence = 0;
  for (const [segment, cities] of learned?.entries() ?? []) {
    segments++;
    if (data.placeIdOf(segment) === 0) unlocatedByData++;
    for (const { count } of cities) evidence += count;
  }
  return { segments, unlocatedByData, evidence };
}
