import { DEAD, type DigitAutomaton } from '../segments/digit-automaton.ts';
import { NUMBER_LENGTH, SEGMENT_LENGTH } from '../segments/numbering-plan.ts';
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
  /** The tier's 7-digit segments that hold candidates, ascending. */
  readonly segments: Int32Array;
}

const SUFFIX_LENGTH = NUMBER_LENGTH - SEGMENT_LENGTH;

/**
 * Which full numbers a partial number can be, split into disjoint tiers by where each segment is.
 * Counting needs only the segments; the numbers themselves are produced lazily, in ascending order
 * within each tier, when the search asks for them.
 */
export class TierPlan {
  readonly tiers: readonly TierSlice[];
  readonly total: number;
  private readonly suffixMask: DigitMask;
  private readonly automaton: DigitAutomaton;
  /** Suffixes shared by every segment whose numbers are all allocated. */
  private wholeSegmentSuffixes: string[] | undefined;

  constructor(
    private readonly index: SegmentIndex,
    readonly digits: DigitMask,
    readonly region: RegionFilter,
  ) {
    this.automaton = index.numberingPlan.automaton;
    this.suffixMask = digits.slice(SEGMENT_LENGTH);
    const wholeCount = 10 ** this.suffixMask.filter((d) => d === UNKNOWN).length;
    const placeTier = this.tierByPlace();
    const segmentsByTier: number[][] = TIERS.map(() => []);
    const counts = TIERS.map(() => 0);
    const full = this.automaton.completions.bind(this.automaton);

    const walk = (state: number, depth: number, value: number): void => {
      if (depth === SEGMENT_LENGTH) {
        const count = full(state) === 10 ** SUFFIX_LENGTH ? wholeCount : this.countSuffixes(state, 0);
        if (count === 0) return;
        const tier = placeTier[index.placeIdOf(value)]!;
        segmentsByTier[tier]!.push(value);
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
      return { tier, skipped: candidates === 0, candidates, segments: Int32Array.from(segmentsByTier[i]!) };
    });
    this.total = this.tiers.reduce((sum, slice) => sum + slice.candidates, 0);
  }

  /** Tier index for every place id: 0 (no place) is UNLOCATED. */
  private tierByPlace(): Uint8Array {
    const { city, province } = this.region;
    const tiers: number[] = [TIERS.indexOf('UNLOCATED')];
    for (let id = 1; ; id++) {
      const place = this.index.placeById(id);
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

  /** The tier's candidate numbers, ascending, produced as they are consumed. */
  *candidates(tier: Tier): Generator<string, void, undefined> {
    const { segments } = this.slice(tier);
    for (const segment of segments) {
      const state = this.index.numberingPlan.segmentState(segment);
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
    for (const slice of this.tiers) if (binarySearch(slice.segments, segment)) return slice.tier;
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
