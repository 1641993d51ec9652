/** A seeded random source returning floats in [0, 1), like `Math.random`. */
export type Rng = () => number;

/**
 * mulberry32: a tiny 32-bit PRNG. Not cryptographic; chosen because the same seed must give the same
 * data set and fault sequence on every machine, so benchmarks and test failures are reproducible.
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
