import { Metadata } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';
import { DEAD, DigitAutomaton } from './digit-automaton.ts';

/** What we read of libphonenumber's numbering plan; its typings do not declare the type accessor. */
interface PlanWithTypes {
  type(name: 'MOBILE'): { pattern(): string; possibleLengths(): number[] } | undefined;
}

/** 7-digit segments span 1000000-1999999; arrays indexed by segment subtract this. */
export const SEGMENT_BASE = 1_000_000;
export const SEGMENT_SPAN = 1_000_000;
export const NUMBER_LENGTH = 11;
export const SEGMENT_LENGTH = 7;
const NUMBERS_PER_SEGMENT = 10_000;

/**
 * Which Chinese mobile numbers exist, from libphonenumber's full metadata (type MOBILE, region CN).
 * The pattern is compiled once into a digit automaton, from which every allocated 7-digit segment,
 * and the part of a segment that is allocated when only part is, falls out directly.
 */
export class NumberingPlan {
  readonly automaton: DigitAutomaton;
  /** Automaton state after the segment's 7 digits, or DEAD when the segment is not allocated. */
  private readonly segmentStates: Int32Array;
  readonly allocatedSegments: number;
  readonly partialSegments: number;

  constructor(readonly pattern: string) {
    this.automaton = DigitAutomaton.compile(pattern, NUMBER_LENGTH);
    this.segmentStates = new Int32Array(SEGMENT_SPAN).fill(DEAD);
    let allocated = 0;
    let partial = 0;
    const walk = (state: number, depth: number, value: number): void => {
      if (depth === SEGMENT_LENGTH) {
        this.segmentStates[value - SEGMENT_BASE] = state;
        allocated++;
        if (this.automaton.completions(state) < NUMBERS_PER_SEGMENT) partial++;
        return;
      }
      for (let d = 0; d < 10; d++) {
        const next = this.automaton.next(state, d);
        if (next !== DEAD) walk(next, depth + 1, value * 10 + d);
      }
    };
    walk(this.automaton.start, 0, 0);
    this.allocatedSegments = allocated;
    this.partialSegments = partial;
  }

  static fromLibphonenumber(): NumberingPlan {
    const meta = new Metadata(metadata);
    meta.selectNumberingPlan('CN');
    const mobile = (meta.numberingPlan as unknown as PlanWithTypes | undefined)?.type('MOBILE');
    if (!mobile) throw new Error('libphonenumber metadata has no MOBILE type for CN');
    if (!mobile.possibleLengths().includes(NUMBER_LENGTH)) {
      throw new Error(`libphonenumber's CN mobile numbers are no longer ${NUMBER_LENGTH} digits long`);
    }
    return new NumberingPlan(mobile.pattern());
  }

  /** Automaton state after the segment, DEAD when no number in it is allocated. */
  segmentState(segment: number): number {
    if (segment < SEGMENT_BASE || segment >= SEGMENT_BASE + SEGMENT_SPAN) return DEAD;
    return this.segmentStates[segment - SEGMENT_BASE]!;
  }

  isAllocatedSegment(segment: number): boolean {
    return this.segmentState(segment) !== DEAD;
  }

  /** True when every one of the segment's 10,000 numbers is allocated. */
  isWholeSegment(segment: number): boolean {
    const state = this.segmentState(segment);
    return state !== DEAD && this.automaton.completions(state) === NUMBERS_PER_SEGMENT;
  }

  isValidNumber(number: string): boolean {
    return this.automaton.accepts(number);
  }
}
