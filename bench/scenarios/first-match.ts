import type { BenchContext } from '../lib/context.ts';
import { IN_FLIGHT, newChecker, newEngine, request } from '../lib/engine.ts';
import type { Row, ScenarioResult } from '../lib/report.ts';
import { startBenchSimulator } from '../lib/simulator.ts';
import { summarize } from '../lib/stats.ts';
import type { Tier } from '../../src/plan/tier-plan.ts';
import type { SearchEvent } from '../../src/search/search-types.ts';

export const FIRST_MATCH_INPUT = { prefix: '138', suffix: '1234', city: 'Hangzhou' };

/**
 * A number with orders at the middle candidate of every tier, stopAt ALL: the time from a tier's start
 * to its match event should be about half the tier's scan time (candidates are dispatched in order).
 */
export async function firstMatch(ctx: BenchContext): Promise<ScenarioResult> {
  const req = request(FIRST_MATCH_INPUT);
  const middles = new Map<Tier, string>();
  for (const slice of req.plan.tiers) {
    if (slice.skipped) continue;
    const mid = Math.floor(slice.candidates / 2);
    let i = 0;
    for (const phone of req.plan.candidates(slice.tier)) if (i++ === mid) middles.set(slice.tier, phone);
  }
  const sim = await startBenchSimulator({ latencyMs: 20, numbers: middles.values(), inProcess: ctx.inProcessSim });
  const ratios = new Map<Tier, number[]>();
  const toMatch = new Map<Tier, number[]>();
  const scans = new Map<Tier, number[]>();
  try {
    for (let rep = -1; rep < ctx.reps; rep++) {
      const checker = newChecker(sim.ordersUrlTemplate);
      const at = new Map<string, number>();
      const onEvent = (e: SearchEvent) => {
        const now = performance.now();
        if (e.type === 'tier-started') at.set(`start:${e.tier}`, now);
        else if (e.type === 'match') at.set(`match:${e.match.tier}`, now);
        else if (e.type === 'tier-finished') at.set(`end:${e.report.tier}`, now);
      };
      const result = await newEngine(checker).search(request(FIRST_MATCH_INPUT), { stopAt: 'ALL', onEvent });
      await checker.close();
      if (result.matches.length !== middles.size)
        throw new Error(`first match: expected ${middles.size} matches, got ${result.matches.length}`);
      if (rep < 0) continue; // warm-up
      const parts: string[] = [];
      for (const tier of middles.keys()) {
        const start = at.get(`start:${tier}`)!;
        const match = at.get(`match:${tier}`)! - start;
        const scan = at.get(`end:${tier}`)! - start;
        push(toMatch, tier, match);
        push(scans, tier, scan);
        push(ratios, tier, (match / scan) * 100);
        parts.push(`${tier} ${match.toFixed(0)}/${scan.toFixed(0)} ms`);
      }
      ctx.log(`  first match run ${rep + 1}/${ctx.reps}: ${parts.join(', ')}`);
    }
  } finally {
    await sim.stop();
  }
  const rows: Row[] = [];
  for (const slice of req.plan.tiers) {
    const tier = slice.tier;
    if (!middles.has(tier)) continue;
    const scenario = `first match (138+1234 Hangzhou, 20 ms, match mid-tier)`;
    const ratio = summarize(ratios.get(tier)!);
    // With a fixed latency the window moves in waves of IN_FLIGHT requests that go out and come back
    // together, so the middle candidate is answered with its wave: ceil((mid+1)/W) of ceil(n/W) waves.
    // That is 50% only when a tier spans many waves; smaller tiers are shown with their wave-bound ratio.
    const waves = Math.ceil(slice.candidates / IN_FLIGHT);
    const waveBound = (Math.ceil((Math.floor(slice.candidates / 2) + 1) / IN_FLIGHT) / waves) * 100;
    const judged = waves >= 10;
    rows.push({
      scenario,
      metric: `${tier} (${slice.candidates.toLocaleString('en')} cand.): time to match`,
      unit: 'ms',
      value: summarize(toMatch.get(tier)!),
      vs: { label: `of tier scan (${summarize(scans.get(tier)!).median.toFixed(0)} ms)`, unit: '%', value: ratio },
      ...(judged
        ? { target: '≈ 50% of scan (40-60%)', pass: ratio.median >= 40 && ratio.median <= 60 }
        : { note: `${waves} wave(s) of ${IN_FLIGHT}: bound ${waveBound.toFixed(0)}%; not judged` }),
    });
  }
  return { rows };
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
