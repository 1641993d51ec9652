import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.ts';
import { leave } from './leftovers.ts';

/** The order-service simulator, stopped after the test (or after the file, when started in `beforeAll`). */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return leaveRunning(await startSimulator(options));
}

/** Stops `simulator` (one the test started otherwise, e.g. through the simulator's CLI) after the test. */
export function leaveRunning<S extends Simulator | undefined>(simulator: S): S {
  leave(() => simulator?.stop());
  return simulator;
}
