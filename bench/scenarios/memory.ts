import { MB, runChild } from '../lib/children.ts';
import type { BenchContext } from '../lib/context.ts';
import { IN_FLIGHT } from '../lib/engine.ts';
import type { ScenarioResult } from '../lib/report.ts';
import { SIM_TOKEN } from '../lib/simulator.ts';
import { summarize } from '../lib/stats.ts';

interface MemoryReport {
  candidates: number;
  peakRss: number;
  runs: Array<{ checks: number; elapsedMs: number; heapAfterGc: number; rssAfterGc: number; peakRss: number }>;
}

/**
 * A 100,000-candidate search (138 + 3-digit suffix) run repeatedly in a fresh process: peak RSS < 200 MB,
 * no growth from run to run. At 0 ms latency so it takes seconds, not half a minute, per run.
 */
export async function memory(ctx: BenchContext): Promise<ScenarioResult> {
  await ctx.sim.setLatency(0);
  const runs = ctx.quick ? 3 : 5;
  const { value } = await runChild<MemoryReport>('memory', [
    ctx.sim.ordersUrlTemplate,
    SIM_TOKEN,
    String(runs),
    String(IN_FLIGHT),
  ]);
  const scenario = `memory (138+123, ${value.candidates.toLocaleString('en')} candidates, ${runs} runs in one process)`;
  const peak = value.peakRss / MB;
  const heaps = value.runs.map((r) => r.heapAfterGc / MB);
  const rss = value.runs.map((r) => r.rssAfterGc / MB);
  // Growth: last run vs the first, after GC (the first run includes one-off JIT and pool warm-up).
  const heapGrowth = heaps.at(-1)! - heaps[0]!;
  const rssGrowth = rss.at(-1)! - rss[0]!;
  return {
    rows: [
      { scenario, metric: 'peak RSS', unit: 'MB', value: summarize([peak]), target: '< 200 MB', pass: peak < 200 },
      {
        scenario,
        metric: 'heap after GC, per run',
        unit: 'MB',
        value: summarize(heaps),
        note: heaps.map((h) => h.toFixed(1)).join(' → '),
      },
      {
        scenario,
        metric: 'heap growth first → last run',
        unit: 'MB',
        value: summarize([heapGrowth]),
        target: 'no growth (< 2 MB)',
        pass: heapGrowth < 2,
      },
      {
        scenario,
        metric: 'RSS after GC growth first → last',
        unit: 'MB',
        value: summarize([rssGrowth]),
        note: rss.map((h) => h.toFixed(0)).join(' → '),
      },
      {
        scenario,
        metric: 'checks/s (0 ms)',
        unit: 'checks/s',
        value: summarize(value.runs.map((r) => (r.checks / r.elapsedMs) * 1000)),
      },
    ],
  };
}
