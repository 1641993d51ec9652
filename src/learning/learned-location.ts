import type { SegmentLocation } from '../segments/segment-data.ts';
import type { LearnedPlaces } from './learned-places.ts';

/**
 * A segment's location, with learned places filling in where the data has none: the city with the
 * most evidence, origin LEARNED. Where the data places the segment, the data's answer stands.
 */
export function locateWithLearning(location: SegmentLocation, learned: LearnedPlaces | undefined): SegmentLocation {
  if (location.city || !learned) return location;
  const best = learned.evidence(Number(location.segment))[0];
  if (!best) return location;
  return { ...location, city: best.city, province: best.city.province, origin: 'LEARNED' };
}
