/**
 * The order-service budget (issue 10 §1-§2): CHECK_CONCURRENCY=auto against the oracle (a raw undici
 * loop whose window is the simulator's worker count, i.e. someone who knows the capacity) and against
 * pinned limits, on the simulator's capacity model (workers, queue, 429 when the queue is full).
 * Each scenario starts its own simulator (child process) with the capacity it needs.
 */
import { DEFAULT_CONCURRENCY_MAX, OrderChecker } from '../../src/checker/index.ts';
import {
  checkerRun,
  endlessPhones,
  oracleRun,
  rate,
  steadyAfter,
  type CheckerRun,
  type Schedule,
  type Timeline,
} from '../lib/budget-runs.ts';
import type { BenchContext } from '../lib/context.ts';
import type { Row, ScenarioResult } from '../lib/report.ts';
import { SIM_TOKEN, startBenchSimulator, type BenchSimulator } from '../lib/simulator.ts';
import { summarize } from '../lib/stats.ts';

const SERVICE_MS = 20;
const JITTER_MS = 5;
let nextStart = 0;
/** A fresh block of numbers per run, so no run is answered from another's cache. */
export const block = () => (nextStart += 1_000_000);

export async function withSim<T>(
  ctx: BenchContext,
  workers: number,
  queue: number,
  body: (sim: BenchSimulator) => Promise<T>,
): Promise<T> {
  const sim = await startBenchSimulator({
    latencyMs: SERVICE_MS,
    jitterMs: JITTER_MS,
    capacity: { workers, queue },
    inProcess: ctx.inProcessSim,
  });
  try {
    // One unmeasured warm-up (the child's JIT, the first sockets), as the other scenarios do.
    await oracleRun(sim.ordersUrlTemplate, workers, 1500, block());
    return await body(sim);
  } finally {
    await sim.stop();
  }
}

export const pct = (a: number, b: number) => (a / b) * 100;

/** Steady state, 32 workers at 20 ms: auto vs the oracle and pinned limits. */
export async function budgetSteady(ctx: BenchContext): Promise<ScenarioResult> {
  const workers = 32;
  const ms = ctx.quick ? 8000 : 15_000;
  const from = 2000;
  const ratios: Record<string, number[]> = { auto: [], '16': [], '64': [] };
  const oracle: number[] = [];
  const latency: number[] = [];
  const refusedAfter2s: number[] = [];
  await withSim(ctx, workers, 64, async (sim) => {
    for (let rep = 0; rep < ctx.reps; rep++) {
      const o = await oracleRun(sim.ordersUrlTemplate, workers, ms, block());
      const oRate = rate(o, from, ms);
      oracle.push(oRate);
      for (const c of ['auto', 16, 64] as const) {
        await sim.resetStats();
        const timers = [setTimeout(() => void sim.resetStats(), from)];
        const run = await checkerRun(sim.ordersUrlTemplate, c, ms, block());
        timers.forEach(clearTimeout);
        ratios[String(c)]!.push(pct(rate(run, from, ms), oRate));
        if (c === 'auto') {
          latency.push(run.meanLatencyMs / SERVICE_MS);
          const s = await sim.stats();
          refusedAfter2s.push(s.outcomes.overloaded ?? 0);
        }
        ctx.log(`  steady run ${rep + 1} ${c}: ${pct(rate(run, from, ms), oRate).toFixed(1)}% of oracle`);
      }
    }
  });
  const scenario = `budget: steady state (${workers} workers, queue 64, ${SERVICE_MS}±${JITTER_MS} ms)`;
  const auto = summarize(ratios.auto!);
  const lat = summarize(latency);
  const refused = summarize(refusedAfter2s);
  return {
    rows: [
      { scenario, metric: `oracle (raw loop, window ${workers})`, unit: 'checks/s', value: summarize(oracle) },
      ratioRow(scenario, 'auto', auto, '>= 90% of oracle', 90),
      ratioRow(scenario, 'pinned 16', summarize(ratios['16']!)),
      ratioRow(scenario, 'pinned 64', summarize(ratios['64']!)),
      {
        scenario,
        metric: 'auto: mean round trip / service time',
        unit: '×',
        value: lat,
        target: '<= 1.3×',
        pass: lat.median <= 1.3,
      },
      {
        scenario,
        metric: 'auto: 429/503 after the first 2 s',
        unit: '',
        value: refused,
        target: '0',
        pass: refused.max === 0,
      },
    ],
  };
}

/** A large service (200 workers): the limit must grow past 64. */
export async function budgetLarge(ctx: BenchContext): Promise<ScenarioResult> {
  const workers = 200;
  const ms = ctx.quick ? 8000 : 15_000;
  const from = 2000;
  const ratios: number[] = [];
  const oracle: number[] = [];
  const limits: number[] = [];
  await withSim(ctx, workers, 200, async (sim) => {
    for (let rep = 0; rep < ctx.reps; rep++) {
      const o = await oracleRun(sim.ordersUrlTemplate, workers, ms, block());
      const oRate = rate(o, from, ms);
      oracle.push(oRate);
      const run = await checkerRun(sim.ordersUrlTemplate, 'auto', ms, block());
      ratios.push(pct(rate(run, from, ms), oRate));
      limits.push(median(run.limits.filter(([at]) => at >= from).map(([, l]) => l)));
      ctx.log(`  large run ${rep + 1}: ${ratios.at(-1)!.toFixed(1)}% of oracle, limit ${limits.at(-1)}`);
    }
  });
  const scenario = `budget: large service (${workers} workers, ${SERVICE_MS} ms, max ${DEFAULT_CONCURRENCY_MAX})`;
  return {
    rows: [
      { scenario, metric: `oracle (raw loop, window ${workers})`, unit: 'checks/s', value: summarize(oracle) },
      ratioRow(scenario, 'auto', summarize(ratios), '>= 85% of oracle', 85),
      {
        scenario,
        metric: 'auto: median limit after 2 s',
        unit: '',
        value: summarize(limits),
        target: '> 64',
        pass: median(limits) > 64,
      },
    ],
  };
}

/** Capacity halves (32 -> 16) at 6 s, then doubles back at 12 s. */
export async function budgetCapacity(ctx: BenchContext): Promise<ScenarioResult> {
  const [halveAt, doubleAt, end] = [6000, 12_000, 18_000];
  const toHalf: number[] = [];
  const toDouble: number[] = [];
  const tput: number[] = [];
  await withSim(ctx, 32, 64, async (sim) => {
    for (let rep = 0; rep < ctx.reps; rep++) {
      const schedule: Schedule = [
        { atMs: halveAt, run: () => sim.setCapacity({ workers: 16 }) },
        { atMs: doubleAt, run: () => sim.setCapacity({ workers: 32 }) },
      ];
      const o: Timeline = await oracleRun(sim.ordersUrlTemplate, 32, end, block(), schedule);
      await sim.setCapacity({ workers: 32 });
      const run: CheckerRun = await checkerRun(sim.ordersUrlTemplate, 'auto', end, block(), { schedule });
      await sim.setCapacity({ workers: 32 });
      // The target band is the knee plus its queue allowance (see AdaptiveLimiter).
      toHalf.push(steadyAfter(run.limits, halveAt, doubleAt, 16 + Math.sqrt(16)) ?? Infinity);
      toDouble.push(steadyAfter(run.limits, doubleAt, end, 32 + Math.sqrt(32)) ?? Infinity);
      tput.push(
        pct(
          rate(run, halveAt + 3000, doubleAt) + rate(run, doubleAt + 3000, end),
          rate(o, halveAt + 3000, doubleAt) + rate(o, doubleAt + 3000, end),
        ),
      );
      ctx.log(
        `  capacity run ${rep + 1}: steady ${toHalf.at(-1)} ms after halving, ${toDouble.at(-1)} ms after doubling`,
      );
    }
  });
  const scenario = 'budget: capacity 32 → 16 → 32 workers mid-run (20 ms)';
  const h = summarize(toHalf);
  const d = summarize(toDouble);
  return {
    rows: [
      {
        scenario,
        metric: 'auto: time to within 10% of the new knee after halving',
        unit: 'ms',
        value: h,
        target: '< 3000 ms',
        pass: h.max < 3000,
      },
      {
        scenario,
        metric: 'auto: time to within 10% of the new knee after doubling',
        unit: 'ms',
        value: d,
        target: '< 3000 ms',
        pass: d.max < 3000,
      },
      ratioRow(scenario, 'auto from 3 s after each change', summarize(tput)),
    ],
    notes: ['"Within 10% of the new knee": the limit stays within 10% of knee + sqrt(knee) (its target band) for 1 s.'],
  };
}

/** A 429 storm: 30% of requests refused for 5 s, then none. */
export async function budgetStorm(ctx: BenchContext): Promise<ScenarioResult> {
  const [stormAt, calmAt, end] = [4000, 9000, 15_000];
  const after: number[] = [];
  const during: number[] = [];
  await withSim(ctx, 32, 64, async (sim) => {
    for (let rep = 0; rep < ctx.reps; rep++) {
      const o = await oracleRun(sim.ordersUrlTemplate, 32, end, block());
      const schedule: Schedule = [
        { atMs: stormAt, run: () => sim.setFaults({ rateLimitRate: 0.3, retryAfter: '0' }) },
        { atMs: calmAt, run: () => sim.setFaults({}) },
      ];
      const run = await checkerRun(sim.ordersUrlTemplate, 'auto', end, block(), { schedule });
      await sim.setFaults({});
      after.push(pct(rate(run, calmAt + 3000, end), rate(o, calmAt + 3000, end)));
      during.push(pct(rate(run, stormAt, calmAt), rate(o, stormAt, calmAt)));
      ctx.log(`  storm run ${rep + 1}: ${after.at(-1)!.toFixed(1)}% of oracle from 3 s after the storm`);
    }
  });
  const scenario = 'budget: 429 storm (30% for 5 s, then none; 32 workers, 20 ms)';
  return {
    rows: [
      ratioRow(scenario, 'auto during the storm (backs off)', summarize(during)),
      ratioRow(scenario, 'auto from 3 s after the storm', summarize(after), '>= 90% of oracle', 90),
    ],
  };
}

/** Two searches sharing one service: both progress. */
export async function budgetSharing(ctx: BenchContext): Promise<ScenarioResult> {
  const ms = ctx.quick ? 8000 : 12_000;
  const shares: number[] = [];
  const total: number[] = [];
  await withSim(ctx, 32, 64, async (sim) => {
    for (let rep = 0; rep < ctx.reps; rep++) {
      const o = await oracleRun(sim.ordersUrlTemplate, 32, ms, block());
      const run = await checkerRun(sim.ordersUrlTemplate, 'auto', ms, block(), { sessions: 2 });
      const [a, b] = run.perSession.map((s) => s.filter((at) => at >= 2000).length) as [number, number];
      shares.push(pct(Math.min(a, b), a + b));
      total.push(pct(rate(run, 2000, ms), rate(o, 2000, ms)));
    }
  });
  const scenario = 'budget: two searches sharing the service (auto, 32 workers)';
  const share = summarize(shares);
  return {
    rows: [
      {
        scenario,
        metric: 'smaller search’s share of answers',
        unit: '%',
        value: share,
        target: '>= 40% (both progress)',
        pass: share.min >= 40,
      },
      ratioRow(scenario, 'both together', summarize(total)),
    ],
  };
}

/**
 * The cost of holding the bound at the service (§1): city-sized searches that stop at a match on
 * their 50th candidate, one after another, beside nothing else. Requests out at each stop finish
 * (their slots held) before the next search gets them.
 */
export async function budgetEarlyStops(ctx: BenchContext): Promise<ScenarioResult> {
  const bound = 32;
  const searches = ctx.quick ? 30 : 60;
  const firstMatch: number[] = [];
  const peak: number[] = [];
  const opened: number[] = [];
  const throughput: number[] = [];
  await withSim(ctx, 64, 64, async (sim) => {
    for (let rep = 0; rep < ctx.reps; rep++) {
      await sim.resetStats();
      const checker = new OrderChecker({
        orderService: { urlTemplate: sim.ordersUrlTemplate, sessionToken: SIM_TOKEN },
        concurrency: bound,
      });
      const times: number[] = [];
      const started = performance.now();
      for (let i = 0; i < searches; i++) {
        const base = block();
        const t0 = performance.now();
        let seen = 0;
        await checker.session().run(endlessPhones(base), () => (++seen === 50 ? 'stop' : undefined));
        times.push(performance.now() - t0);
      }
      const wall = performance.now() - started;
      await checker.close();
      const s = await sim.stats();
      firstMatch.push(median(times));
      peak.push(s.peakInFlight);
      opened.push(s.connections.opened);
      throughput.push((s.requests * 1000) / wall);
    }
  });
  const scenario = `budget: early stops (${searches} searches stopping at their 50th answer, pinned ${bound}, 20 ms)`;
  const p = summarize(peak);
  const c = summarize(opened);
  return {
    rows: [
      {
        scenario,
        metric: 'time to the stopping answer (median search)',
        unit: 'ms',
        value: summarize(firstMatch),
        note: `ideal ≈ 2 waves of ${bound} = 40 ms`,
      },
      {
        scenario,
        metric: 'requests/s at the service (stopped ones included)',
        unit: 'req/s',
        value: summarize(throughput),
      },
      {
        scenario,
        metric: 'in flight at the service, high-water mark',
        unit: '',
        value: p,
        target: `<= ${bound}`,
        pass: p.max <= bound,
      },
      {
        scenario,
        metric: 'connections opened',
        unit: '',
        value: c,
        target: `<= ${bound + 1}`,
        pass: c.max <= bound + 1,
      },
    ],
  };
}

export function ratioRow(
  scenario: string,
  metric: string,
  value: ReturnType<typeof summarize>,
  target?: string,
  min?: number,
): Row {
  return {
    scenario,
    metric,
    unit: '%',
    value,
    vs: { label: 'of oracle', unit: '%', value },
    ...(target ? { target, pass: value.median >= min! } : {}),
  };
}

function median(values: readonly number[]): number {
  return summarize(values).median;
}
