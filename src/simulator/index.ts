export { startSimulator } from './server.ts';
export type {
  LatencyDistribution,
  Simulator,
  SimulatorOptions,
  SimulatorStats,
  RequestLogEntry,
  RequestOutcome,
} from './server.ts';
export type { CapacityOptions, CapacityStats } from './capacity.ts';
export type { FaultKind, FaultOptions, FaultRates, PhoneFault } from './faults.ts';
export { builtinPicker, generateNumbers, loadCsv, parseCsv } from './dataset.ts';
export type { GenerateOptions, PhonePicker } from './dataset.ts';
export { mulberry32 } from './prng.ts';
export type { Rng } from './prng.ts';
