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

  /**
   * @param pattern libphonenumber's pattern of mobile numbers.
   * @param listedSegments segments a loaded data file lists; those the pattern lacks (data-card
   *   segments such as 146, 148, 149) become allocated in full, since the file says they are in use.
   */
  constructor(
    readonly pattern: string,
    listedSegments: Iterable<number> = [],
  ) {
    const extra = segmentsPattern(listedSegments);
    this.automaton = DigitAutomaton.compile(
      extra ? `(?:${pattern})|(?:${extra})\\d{${NUMBER_LENGTH - SEGMENT_LENGTH}}` : pattern,
      NUMBER_LENGTH,
    );
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

  /** libphonenumber's plan, widened by the segments a data file lists (see the constructor). */
  static fromLibphonenumber(listedSegments: Iterable<number> = []): NumberingPlan {
    const meta = new Metadata(metadata);
    meta.selectNumberingPlan('CN');
    const mobile = (meta.numberingPlan as unknown as PlanWithTypes | undefined)?.type('MOBILE');
    if (!mobile) throw new Error('libphonenumber metadata has no MOBILE type for CN');
    if (!mobile.possibleLengths().includes(NUMBER_LENGTH)) {
      throw new Error(`libphonenumber's CN mobile numbers are no longer ${NUMBER_LENGTH} digits long`);
    }
    return new NumberingPlan(mobile.pattern(), listedSegments);
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

/**
 * A pattern for a set of 7-digit segments, as a digit trie whose children with the same subtree share
 * one character class (`14[689]\d\d\d\d` rather than thousands of alternatives), so the automaton
 * stays small. Empty when there are none.
 */
export function segmentsPattern(segments: Iterable<number>): string {
  interface Trie {
    readonly children: Map<number, Trie>;
  }
  const root: Trie = { children: new Map() };
  let any = false;
  for (const segment of segments) {
    if (segment < SEGMENT_BASE || segment >= SEGMENT_BASE + SEGMENT_SPAN) continue;
    any = true;
    let node = root;
    for (const char of String(segment)) {
      const digit = Number(char);
      let next = node.children.get(digit);
      if (!next) node.children.set(digit, (next = { children: new Map() }));
      node = next;
    }
  }
  if (!any) return '';
  const render = (node: Trie): string => {
    if (node.children.size === 0) return '';
    const bySubtree = new Map<string, number[]>();
    for (const [digit, child] of [...node.children].sort((a, b) => a[0] - b[0])) {
      const sub = render(child);
      bySubtree.set(sub, [...(bySubtree.get(sub) ?? []), digit]);
    }
    const options = [...bySubtree].map(([sub, digits]) => digitClass(digits) + sub);
    return options.length === 1 ? options[0]! : `(?:${options.join('|')})`;
  };
  return render(root);
}

function digitClass(digits: readonly number[]): string {
  if (digits.length === 10) return '\\d';
  return digits.length === 1 ? String(digits[0]) : `[${digits.join('')}]`;
}
