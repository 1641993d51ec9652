import { UNKNOWN } from '../../src/plan/partial-number.ts';
import { TierPlan } from '../../src/plan/tier-plan.ts';
import type { BenchContext } from '../lib/context.ts';
import { benchIndex } from '../lib/engine.ts';
import type { Row, ScenarioResult } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';

const LOOKUPS = 1_000_000;

/** The foundation's own figures: a lookup well under a microsecond, a plan for a 3-digit prefix under 10 ms. */
export async function segmentIndex(ctx: BenchContext): Promise<ScenarioResult> {
  const index = benchIndex();
  const hangzhou = index.regions.city('浙江', '杭州')!;
  // Real numbers spread over every allocated prefix, made up front so the loop times lookups only.
  const numbers = Array.from(
    { length: 4096 },
    (_, i) => `1${30 + ((i * 7) % 70)}${String((i * 7919) % 100_000_000).padStart(8, '0')}`,
  );
  const lookupNs: number[] = [];
  const planMs: number[] = [];
  let sink = 0;
  for (let run = 0; run < ctx.reps + 1; run++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < LOOKUPS; i++) if (index.lookup(numbers[i & 4095]!).city) sink++;
    const perLookup = Number(process.hrtime.bigint() - started) / LOOKUPS;

    // 138 followed by 8 unknown digits: 10,000 segments to place in tiers (100 million numbers).
    const digits = [1, 3, 8, ...new Array<number>(8).fill(UNKNOWN)];
    const planStarted = performance.now();
    const plan = new TierPlan(index, digits, { city: hangzhou, province: hangzhou.province });
    const ms = performance.now() - planStarted;
    sink += plan.total;
    if (run === 0) continue; // warm-up
    lookupNs.push(perLookup);
    planMs.push(ms);
    ctx.log(
      `  segment index run ${run}/${ctx.reps}: lookup ${perLookup.toFixed(0)} ns, plan 138******** in 杭州 ${ms.toFixed(2)} ms (${plan.total.toLocaleString('en')} candidates)`,
    );
  }
  if (sink === 0) throw new Error('nothing was looked up');
  const scenario = 'segment index';
  const lookup = summarize(lookupNs);
  const planning = summarize(planMs);
  const rows: Row[] = [
    {
      scenario,
      metric: 'lookup of a number (province, city, carrier)',
      unit: 'ns',
      value: lookup,
      target: '< 1000 ns',
      pass: lookup.median < 1000,
    },
    {
      scenario,
      metric: 'tier plan for a 3-digit prefix (138, city 杭州)',
      unit: 'ms',
      value: planning,
      target: '< 10 ms',
      pass: planning.median < 10,
    },
  ];
  return { rows };
}
