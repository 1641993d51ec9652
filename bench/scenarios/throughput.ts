import { allCandidates, IN_FLIGHT, NATIONWIDE, request, timedSearch } from '../lib/engine.ts';
import type { BenchContext } from '../lib/context.ts';
import { rawLoop } from '../lib/raw-loop.ts';
import type { ScenarioResult } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';

export interface PairedRuns {
  readonly raw: number[];
  readonly engine: number[];
  /** engine / raw of each pair, in percent. */
  readonly ratio: number[];
}

/**
 * Raw loop and engine, interleaved run by run against the same simulator, so drift (thermal, other
 * load) hits both alike. One unmeasured warm-up of each first (JIT, sockets of the simulator).
 */
export async function pairedRuns(ctx: BenchContext, latencyMs: number, label: string): Promise<PairedRuns> {
  await ctx.sim.setLatency(latencyMs);
  const phones = allCandidates(request(NATIONWIDE));
  const out: PairedRuns = { raw: [], engine: [], ratio: [] };
  await rawLoop(ctx.sim.ordersUrlTemplate, phones, IN_FLIGHT);
  await timedSearch(ctx.sim.ordersUrlTemplate, NATIONWIDE);
  for (let i = 0; i < ctx.reps; i++) {
    await ctx.sim.resetStats();
    const raw = await rawLoop(ctx.sim.ordersUrlTemplate, phones, IN_FLIGHT);
    const rawSeen = (await ctx.sim.stats()).requests;
    await ctx.sim.resetStats();
    const engine = await timedSearch(ctx.sim.ordersUrlTemplate, NATIONWIDE);
    const engineSeen = (await ctx.sim.stats()).requests;
    if (rawSeen !== phones.length || engineSeen !== phones.length) {
      throw new Error(
        `${label}: simulator saw ${rawSeen} raw / ${engineSeen} engine requests for ${phones.length} candidates`,
      );
    }
    out.raw.push(raw.perSecond);
    out.engine.push(engine.perSecond);
    out.ratio.push((engine.perSecond / raw.perSecond) * 100);
    ctx.log(
      `  ${label} run ${i + 1}/${ctx.reps}: raw ${Math.round(raw.perSecond)}/s, engine ${Math.round(engine.perSecond)}/s (${((engine.perSecond / raw.perSecond) * 100).toFixed(1)}%)`,
    );
  }
  return out;
}

/** Nationwide search, no match, 20 ms: engine vs raw loop, and vs the concurrency / latency limit. */
export async function throughput(ctx: BenchContext): Promise<ScenarioResult> {
  const latencyMs = 20;
  const limit = (IN_FLIGHT / latencyMs) * 1000;
  const runs = await pairedRuns(ctx, latencyMs, 'throughput');
  const scenario = `throughput (138+1234, ${latencyMs} ms, ${IN_FLIGHT} in flight)`;
  const ratio = summarize(runs.ratio);
  return {
    rows: [
      {
        scenario,
        metric: 'raw undici loop',
        unit: 'checks/s',
        value: summarize(runs.raw),
        vs: {
          label: `of ${limit.toLocaleString('en')}/s limit`,
          unit: '%',
          value: summarize(runs.raw.map((r) => (r / limit) * 100)),
        },
      },
      {
        scenario,
        metric: 'engine',
        unit: 'checks/s',
        value: summarize(runs.engine),
        vs: { label: 'of raw loop', unit: '%', value: ratio },
        target: '>= 90% of raw',
        pass: ratio.median >= 90,
      },
      {
        scenario,
        metric: 'engine vs limit',
        unit: '%',
        value: summarize(runs.engine.map((r) => (r / limit) * 100)),
        vs: {
          label: `of ${limit.toLocaleString('en')}/s limit`,
          unit: '%',
          value: summarize(runs.engine.map((r) => (r / limit) * 100)),
        },
      },
    ],
  };
}

/** The same at 0 ms: what the engine itself costs per check. */
export async function overhead(ctx: BenchContext): Promise<ScenarioResult> {
  const runs = await pairedRuns(ctx, 0, 'overhead');
  const scenario = `engine overhead (138+1234, 0 ms, ${IN_FLIGHT} in flight)`;
  const ratio = summarize(runs.ratio);
  return {
    rows: [
      { scenario, metric: 'raw undici loop', unit: 'checks/s', value: summarize(runs.raw) },
      {
        scenario,
        metric: 'engine',
        unit: 'checks/s',
        value: summarize(runs.engine),
        vs: { label: 'of raw loop', unit: '%', value: ratio },
        target: '>= 85% of raw',
        pass: ratio.median >= 85,
      },
    ],
  };
}
