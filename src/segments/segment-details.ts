import type { PlaceLearner } from '../learning/place-learner.ts';
import type { SegmentIndex } from './segment-index.ts';

/**
 * The segment data in use, as /ready shows it: its layers bottom to top with their versions (not their
 * paths: /ready needs no key), and where learning keeps its evidence.
 */
export function segmentDataDetails(index: SegmentIndex, learner: PlaceLearner | undefined): Record<string, unknown> {
  const { stats } = index.data;
  return {
    layers: stats.layers.map((l) => ({ name: l.name, version: l.version })),
    allocated: stats.allocatedSegments,
    located: stats.locatedSegments,
    learning: learner ? { store: learner.storeKind, segments: learner.learned.size } : 'off',
  };
}
