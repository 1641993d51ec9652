import type { BenchSimulator } from './simulator.ts';

/** What every scenario gets from the runner. */
export interface BenchContext {
  readonly quick: boolean;
  /** Measured repetitions per figure. */
  readonly reps: number;
  /** The shared simulator (child process unless --sim-in-process), latency set by each scenario. */
  readonly sim: BenchSimulator;
  readonly inProcessSim: boolean;
  log(line: string): void;
}
