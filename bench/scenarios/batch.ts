import { OrderChecker } from '../../src/checker/index.ts';
import type { SearchInput } from '../../src/plan/search-request.ts';
import type { BenchContext } from '../lib/context.ts';
import { IN_FLIGHT, NATIONWIDE, newEngine, request } from '../lib/engine.ts';
import type { Row, ScenarioResult } from '../lib/report.ts';
import { SIM_TOKEN } from '../lib/simulator.ts';
import { summarize } from '../lib/stats.ts';

/** Batches carry many numbers, so they get a search big enough to last several waves of requests. */
const WIDE: SearchInput = { prefix: '13', suffix: '1234' };
const SIZES = [10, 50, 200] as const;

/**
 * Candidates/s of a whole search (stopAt ALL, no match) through the batch contract with batches of
 * 10, 50 and 200, against the per-number contract, at 20 ms and the same in-flight bound (a batch is
 * one request). The simulator's batch cost model: latency + 0.2 ms per number, one worker per batch.
 */
export async function batchLookups(ctx: BenchContext): Promise<ScenarioResult> {
  const latencyMs = 20;
  await ctx.sim.setLatency(latencyMs);
  const batchUrl = `${ctx.sim.url}/orders/batch`;
  const run = async (input: SearchInput, size: number | undefined): Promise<number> => {
    const checker = new OrderChecker({
      orderService: { urlTemplate: ctx.sim.ordersUrlTemplate, sessionToken: SIM_TOKEN },
      concurrency: IN_FLIGHT,
      ...(size === undefined ? {} : { batch: { url: batchUrl, size } }),
    });
    try {
      await ctx.sim.resetStats();
      const started = performance.now();
      const result = await newEngine(checker).search(request(input), { stopAt: 'ALL' });
      const elapsedMs = performance.now() - started;
      const seen = (await ctx.sim.stats()).requests;
      const expected = size === undefined ? result.totals.candidates : Math.ceil(result.totals.candidates / size);
      if (result.totals.failed > 0 || result.totals.checked !== result.totals.candidates || seen < expected)
        throw new Error(
          `batch ${size ?? 'off'}: ${result.totals.checked}/${result.totals.candidates} checked, ${result.totals.failed} failed, ${seen} requests`,
        );
      return (result.totals.checked / elapsedMs) * 1000;
    } finally {
      await checker.close();
    }
  };

  await run(NATIONWIDE, undefined); // warm-up of both paths (JIT, sockets)
  await run(NATIONWIDE, 50);
  const perNumber: number[] = [];
  const batched = new Map<number, number[]>(SIZES.map((s) => [s, []]));
  for (let i = 0; i < ctx.reps; i++) {
    const base = await run(NATIONWIDE, undefined);
    perNumber.push(base);
    const line = [`per-number ${Math.round(base)}/s`];
    for (const size of SIZES) {
      const rate = await run(WIDE, size);
      batched.get(size)!.push(rate);
      line.push(`batch ${size} ${Math.round(rate)}/s (${(rate / base).toFixed(1)}x)`);
    }
    ctx.log(`  batch run ${i + 1}/${ctx.reps}: ${line.join(', ')}`);
  }

  const scenario = `batch lookups (${latencyMs} ms, ${IN_FLIGHT} in flight; 138+1234 per number, 13+1234 in batches)`;
  const rows: Row[] = [{ scenario, metric: 'per-number contract', unit: 'candidates/s', value: summarize(perNumber) }];
  for (const size of SIZES) {
    const rates = batched.get(size)!;
    const ratio = summarize(rates.map((r, i) => r / perNumber[i]!));
    rows.push({
      scenario,
      metric: `batches of ${size}`,
      unit: 'candidates/s',
      value: summarize(rates),
      vs: { label: 'x per-number', unit: 'x', value: ratio },
      ...(size === 50 ? { target: '>= 10x per-number', pass: ratio.median >= 10 } : {}),
    });
  }
  return { rows };
}
