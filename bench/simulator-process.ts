/**
 * The order-service simulator in its own process, so it does not share the benchmarked event loop
 * (it still shares the CPUs). Driven over the IPC channel by `lib/simulator.ts`:
 *   parent -> { id, op: 'start', options } | { id, op: 'latency', ms } | { id, op: 'capacity', capacity }
 *             | { id, op: 'faults', faults } | { id, op: 'reset' } | { id, op: 'stats' } | { id, op: 'stop' }
 *   child  -> { id, ok: true, value } | { id, ok: false, error }
 */
import type { CapacityOptions } from '../src/simulator/capacity.ts';
import type { FaultOptions } from '../src/simulator/faults.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../src/simulator/server.ts';
import { benchStats } from './lib/simulator.ts';

type Request =
  | { id: number; op: 'start'; options: Omit<SimulatorOptions, 'numbers'> & { numbers?: Array<[string, number]> } }
  | { id: number; op: 'latency'; ms: number; jitterMs?: number }
  | { id: number; op: 'capacity'; capacity: CapacityOptions }
  | { id: number; op: 'faults'; faults: FaultOptions }
  | { id: number; op: 'reset' }
  | { id: number; op: 'stats' }
  | { id: number; op: 'stop' };

let sim: Simulator | undefined;

async function handle(req: Request): Promise<unknown> {
  switch (req.op) {
    case 'start': {
      await sim?.stop();
      const { numbers, ...rest } = req.options;
      sim = await startSimulator({ ...rest, ...(numbers ? { numbers: new Map(numbers) } : {}), requestLogSize: 1 });
      return { url: sim.url, ordersUrlTemplate: sim.ordersUrlTemplate };
    }
    case 'latency':
      sim?.setLatency(req.ms, req.jitterMs ?? 0);
      return null;
    case 'capacity':
      sim?.setCapacity(req.capacity);
      return null;
    case 'faults':
      sim?.setFaults(req.faults);
      return null;
    case 'reset':
      sim?.resetStats();
      return null;
    case 'stats':
      return sim ? benchStats(sim) : null;
    case 'stop':
      await sim?.stop();
      sim = undefined;
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (req: Request) => {
  handle(req).then(
    (value) => process.send?.({ id: req.id, ok: true, value }),
    (err: unknown) => process.send?.({ id: req.id, ok: false, error: String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
