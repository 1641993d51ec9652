import type { SegmentIndex } from '../segments/segment-index.ts';
import { SEGMENT_BASE, SEGMENT_SPAN } from '../segments/numbering-plan.ts';
import type { PhonePicker } from './dataset.ts';

/**
 * Picks valid numbers from located segments of the real index, so a generated data set's matches
 * fall in known cities and therefore in predictable tiers.
 */
export function segmentPicker(index: SegmentIndex): PhonePicker {
  const located: number[] = [];
  for (let segment = SEGMENT_BASE; segment < SEGMENT_BASE + SEGMENT_SPAN; segment++) {
    if (index.numberingPlan.isWholeSegment(segment) && index.placeIdOf(segment) !== 0) located.push(segment);
  }
  return (rng) => {
    const segment = located[Math.floor(rng() * located.length)]!;
    return `${segment}${String(Math.floor(rng() * 10_000)).padStart(4, '0')}`;
  };
}
