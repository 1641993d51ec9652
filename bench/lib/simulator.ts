import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CapacityOptions, CapacityStats } from '../../src/simulator/capacity.ts';
import type { FaultOptions } from '../../src/simulator/faults.ts';
import { startSimulator, type LatencyDistribution, type Simulator } from '../../src/simulator/server.ts';

export const SIM_TOKEN = 'bench-session-token';

export interface SimStats {
  requests: number;
  peakInFlight: number;
  outcomes: Record<string, number>;
  connections: { opened: number; open: number; peakOpen: number };
  capacity: CapacityStats;
}

/** What the scenarios need from a simulator, wherever it runs. */
export interface BenchSimulator {
  readonly ordersUrlTemplate: string;
  readonly url: string;
  setLatency(ms: number, jitterMs?: number): Promise<void>;
  setCapacity(capacity: CapacityOptions): Promise<void>;
  /** Random fault rates only (per-phone faults do not cross the process boundary). */
  setFaults(faults: Omit<FaultOptions, 'failPhones' | 'phoneFaults'>): Promise<void>;
  resetStats(): Promise<void>;
  stats(): Promise<SimStats>;
  stop(): Promise<void>;
}

export interface BenchSimulatorOptions {
  latencyMs: number;
  /** Numbers with orders. */
  numbers?: Iterable<string>;
  /** Run it in this process instead of a child (only for comparing the two setups). */
  inProcess?: boolean;
  jitterMs?: number;
  latencyDistribution?: LatencyDistribution;
  capacity?: CapacityOptions;
}

const SIM_SCRIPT = fileURLToPath(new URL('../simulator-process.ts', import.meta.url));

/** Starts the simulator on 127.0.0.1, by default in a child process of its own. */
export async function startBenchSimulator(options: BenchSimulatorOptions): Promise<BenchSimulator> {
  const numbers = [...(options.numbers ?? [])].map((p): [string, number] => [p, 1]);
  const shape = {
    latencyMs: options.latencyMs,
    ...(options.jitterMs === undefined ? {} : { jitterMs: options.jitterMs }),
    ...(options.latencyDistribution ? { latencyDistribution: options.latencyDistribution } : {}),
    ...(options.capacity ? { capacity: options.capacity } : {}),
  };
  if (options.inProcess)
    return wrapInProcess(
      await startSimulator({ token: SIM_TOKEN, ...shape, numbers: new Map(numbers), requestLogSize: 1 }),
    );

  const child = fork(SIM_SCRIPT, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const call = rpc(child);
  const started = (await call({
    op: 'start',
    options: { token: SIM_TOKEN, ...shape, numbers },
  })) as { url: string; ordersUrlTemplate: string };
  return {
    ...started,
    setLatency: async (ms, jitterMs = 0) => void (await call({ op: 'latency', ms, jitterMs })),
    setCapacity: async (capacity) => void (await call({ op: 'capacity', capacity })),
    setFaults: async (faults) => void (await call({ op: 'faults', faults })),
    resetStats: async () => void (await call({ op: 'reset' })),
    stats: async () => (await call({ op: 'stats' })) as SimStats,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call({ op: 'stop' }).catch(() => {});
      await exited;
    },
  };
}

function rpc(child: ChildProcess): (msg: Record<string, unknown>) => Promise<unknown> {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error));
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`simulator process exited (${code})`));
    pending.clear();
  });
  return (msg) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, ...msg });
    });
}

function wrapInProcess(sim: Simulator): BenchSimulator {
  return {
    url: sim.url,
    ordersUrlTemplate: sim.ordersUrlTemplate,
    setLatency: async (ms, jitterMs = 0) => sim.setLatency(ms, jitterMs),
    setCapacity: async (capacity) => sim.setCapacity(capacity),
    setFaults: async (faults) => sim.setFaults(faults),
    resetStats: async () => sim.resetStats(),
    stats: async () => benchStats(sim),
    stop: () => sim.stop(),
  };
}

/** The part of the simulator's stats the bench reads (also what the child process sends back). */
export function benchStats(sim: Simulator): SimStats {
  const s = sim.stats();
  return {
    requests: s.requests,
    peakInFlight: s.peakInFlight,
    outcomes: s.outcomes as Record<string, number>,
    connections: s.connections,
    capacity: s.capacity,
  };
}
