import type { LearnedPlaces } from '../learning/learned-places.ts';
import { DEAD, type DigitAutomaton } from '../segments/digit-automaton.ts';
import { NUMBER_LENGTH, SEGMENT_LENGTH } from '../segments/numbering-plan.ts';
import type { SegmentData } from '../segments/segment-data.ts';
import type { SegmentIndex } from '../segments/segment-index.ts';
import { type DigitMask, UNKNOWN } from './partial-number.ts';
import type { RegionFilter } from './region-filter.ts';

/** Search tiers, in the order they are searched. */
export const TIERS = ['CITY', 'PROVINCE', 'NATIONAL', 'UNLOCATED'] as const;
export type Tier = (typeof TIERS)[number];

export interface TierSlice {
  readonly tier: Tier;
  /**
   * The tier is not searched: no city (CITY) or province (PROVINCE) was given, so it does not apply,
   * or it holds no candidates. The search, its events and candidatePlan all read it here.
   */
  readonly skipped: boolean;
  /** Numbers to check in this tier; 0 when it is skipped. */
  readonly candidates: number;
  /**
   * The tier's 7-digit segments that hold candidates, in search order: those learned matches place
   * here first (see LearnedOrder), then the rest ascending.
   */
  readonly segments: Int32Array;
  /** How many of `segments`, from the start, are there or first because of learned places. */
  readonly learnedSegments: number;
}

const SUFFIX_LENGTH = NUMBER_LENGTH - SEGMENT_LENGTH;

/**
 * Which full numbers a partial number can be, split into disjoint tiers by where each segment is.
 * Counting needs only the segments; the numbers themselves are produced lazily, segment by segment in
 * the tier's order, when the search asks for them.
 *
 * The plan keeps the segment data it was made with (`data`), so a reload does not change a search
 * under way. Learned places only move a segment to an earlier tier or to the front of its own: every
 * candidate is in exactly one tier, whatever was learned.
 */
export class TierPlan {
  readonly tiers: readonly TierSlice[];
  readonly total: number;
  /** The segment data this plan was made with. */
  readonly data: SegmentData;
  private readonly suffixMask: DigitMask;
  private readonly automaton: DigitAutomaton;
  /** Suffixes shared by every segment whose numbers are all allocated. */
  private wholeSegmentSuffixes: string[] | undefined;
  /** Each tier's segments ascending, for tierOf; made when first asked. */
  private sortedSegments: Int32Array[] | undefined;

  constructor(
    index: SegmentIndex,
    readonly digits: DigitMask,
    readonly region: Pick<RegionFilter, 'city' | 'province'>,
  ) {
    this.data = index.data;
    this.automaton = this.data.numberingPlan.automaton;
    this.suffixMask = digits.slice(SEGMENT_LENGTH);
    const wholeCount = 10 ** this.suffixMask.filter((d) => d === UNKNOWN).length;
    const placeTier = this.tierByPlace();
    const learned = index.learned && index.learned.size > 0 ? learnedOrder(index.learned, this.data, region) : null;
    const segmentsByTier: number[][] = TIERS.map(() => []);
    const learnedByTier: Array<Array<[number, number]>> = TIERS.map(() => []);
    const counts = TIERS.map(() => 0);
    const full = this.automaton.completions.bind(this.automaton);

    const walk = (state: number, depth: number, value: number): void => {
      if (depth === SEGMENT_LENGTH) {
        const count = full(state) === 10 ** SUFFIX_LENGTH ? wholeCount : this.countSuffixes(state, 0);
        if (count === 0) return;
        let tier = placeTier[this.data.placeIdOf(value)]!;
        const lesson = learned?.get(value);
        if (lesson && lesson.tier <= tier) {
          tier = lesson.tier;
          learnedByTier[tier]!.push([value, lesson.rank]);
        } else {
          segmentsByTier[tier]!.push(value);
        }
        counts[tier]! += count;
        return;
      }
      const known = digits[depth]!;
      for (let d = known === UNKNOWN ? 0 : known; d <= (known === UNKNOWN ? 9 : known); d++) {
        const next = this.automaton.next(state, d);
        if (next !== DEAD) walk(next, depth + 1, value * 10 + d);
      }
    };
    walk(this.automaton.start, 0, 0);

    this.tiers = TIERS.map((tier, i) => {
      const applies = !(tier === 'CITY' && !region.city) && !(tier === 'PROVINCE' && !region.province);
      const candidates = applies ? counts[i]! : 0;
      const first = learnedByTier[i]!.sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([segment]) => segment);
      return {
        tier,
        skipped: candidates === 0,
        candidates,
        segments: Int32Array.from([...first, ...segmentsByTier[i]!]),
        learnedSegments: first.length,
      };
    });
    this.total = this.tiers.reduce((sum, slice) => sum + slice.candidates, 0);
  }

  /** Tier index for every place id: 0 (no place) is UNLOCATED. */
  private tierByPlace(): Uint8Array {
    const { city, province } = this.region;
    const tiers: number[] = [TIERS.indexOf('UNLOCATED')];
    for (let id = 1; ; id++) {
      const place = this.data.placeById(id);
      if (!place) break;
      const tier: Tier =
        city && place.city === city ? 'CITY' : province && place.city.province === province ? 'PROVINCE' : 'NATIONAL';
      tiers.push(TIERS.indexOf(tier));
    }
    return Uint8Array.from(tiers);
  }

  private countSuffixes(state: number, position: number): number {
    if (position === SUFFIX_LENGTH) return 1;
    const known = this.suffixMask[position]!;
    let total = 0;
    for (let d = known === UNKNOWN ? 0 : known; d <= (known === UNKNOWN ? 9 : known); d++) {
      const next = this.automaton.next(state, d);
      if (next !== DEAD) total += this.countSuffixes(next, position + 1);
    }
    return total;
  }

  private suffixesFrom(state: number): string[] {
    const out: string[] = [];
    const visit = (s: number, position: number, text: string): void => {
      if (position === SUFFIX_LENGTH) {
        out.push(text);
        return;
      }
      const known = this.suffixMask[position]!;
      for (let d = known === UNKNOWN ? 0 : known; d <= (known === UNKNOWN ? 9 : known); d++) {
        const next = this.automaton.next(s, d);
        if (next !== DEAD) visit(next, position + 1, text + d);
      }
    };
    visit(state, 0, '');
    return out;
  }

  slice(tier: Tier): TierSlice {
    return this.tiers[TIERS.indexOf(tier)]!;
  }

  /** The tier's candidate numbers in search order (ascending within a segment), produced as they are consumed. */
  *candidates(tier: Tier): Generator<string, void, undefined> {
    const { segments } = this.slice(tier);
    for (const segment of segments) {
      const state = this.data.numberingPlan.segmentState(segment);
      let suffixes: string[];
      if (this.automaton.completions(state) === 10 ** SUFFIX_LENGTH) {
        this.wholeSegmentSuffixes ??= this.suffixesFrom(state);
        suffixes = this.wholeSegmentSuffixes;
      } else {
        suffixes = this.suffixesFrom(state);
      }
      const head = String(segment);
      for (const suffix of suffixes) yield head + suffix;
    }
  }

  /** Which tier a candidate number belongs to. */
  tierOf(number: string): Tier {
    const segment = Number(number.slice(0, SEGMENT_LENGTH));
    this.sortedSegments ??= this.tiers.map((slice) => Int32Array.from(slice.segments).sort());
    for (const [i, slice] of this.tiers.entries())
      if (binarySearch(this.sortedSegments[i]!, segment)) return slice.tier;
    throw new Error('number is not a candidate of this plan');
  }
}

function binarySearch(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Learned segments go first in their tier, by rank: evidence for the city, then for the province, then block-mates. */
const RANK_CITY = 0;
const RANK_PROVINCE = 1;
const RANK_BLOCK = 2;

/**
 * Where learned places put segments for this customer's place: tier index and rank (lower is searched
 * first). A segment with evidence for the customer's city goes to the CITY tier; one with evidence for
 * another city of the customer's province to the PROVINCE tier. The 10 segments of a block `xxxxxx0-9`
 * share a province 98.5% of the time but a city only 74.6%, so a lesson also sends the block's
 * unlocated segments to the province's tier, after the segments learned themselves.
 */
function learnedOrder(
  learned: LearnedPlaces,
  data: SegmentData,
  region: Pick<RegionFilter, 'city' | 'province'>,
): Map<number, { tier: number; rank: number }> {
  const order = new Map<number, { tier: number; rank: number }>();
  if (!region.province) return order;
  const cityTier = TIERS.indexOf('CITY');
  const provinceTier = TIERS.indexOf('PROVINCE');
  const better = (segment: number, tier: number, rank: number) => {
    const known = order.get(segment);
    if (!known || tier < known.tier || (tier === known.tier && rank < known.rank)) order.set(segment, { tier, rank });
  };
  for (const [segment, evidence] of learned.entries()) {
    for (const { city, count } of evidence) {
      // Among segments of one rank, more evidence first: ranks are spaced so counts order within them.
      const weight = 1 / (1 + count);
      if (region.city && city === region.city) better(segment, cityTier, RANK_CITY + weight);
      else if (city.province === region.province) better(segment, provinceTier, RANK_PROVINCE + weight);
      else continue;
      const block = segment - (segment % 10);
      for (let mate = block; mate < block + 10; mate++) {
        if (mate !== segment && data.placeIdOf(mate) === 0) better(mate, provinceTier, RANK_BLOCK + weight);
      }
    }
  }
  return order;
}
