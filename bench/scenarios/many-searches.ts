import type { SearchInput } from '../../src/plan/search-request.ts';
import type { SearchEngine } from '../../src/search/search-engine.ts';
import type { OrderChecker } from '../../src/checker/index.ts';
import type { BenchContext } from '../lib/context.ts';
import { IN_FLIGHT, NATIONWIDE, newChecker, newEngine, request } from '../lib/engine.ts';
import type { ScenarioResult } from '../lib/report.ts';
import { startBenchSimulator } from '../lib/simulator.ts';
import { summarize } from '../lib/stats.ts';
import type { StopAt } from '../../src/search/search-types.ts';

const CITIES = [
  'Beijing',
  'Shanghai',
  'Guangzhou',
  'Shenzhen',
  'Hangzhou',
  'Chengdu',
  'Wuhan',
  'Nanjing',
  'Qingdao',
  'Tianjin',
];

interface Planned {
  readonly input: SearchInput;
  readonly stopAt: StopAt;
  readonly kind: 'city' | 'nationwide';
}

/**
 * 20 searches at once on one checker: 10 nationwide (139 + a 5-digit suffix, 1,000 candidates, no match)
 * and 10 city searches (138 + a 4-digit suffix + city, the number with orders being the last candidate
 * of the CITY tier, FIRST_MATCH). Aggregate checks/s vs one nationwide search alone; then fairness: a
 * city search started while the 10,000-candidate nationwide search runs vs the same city search alone.
 */
export async function manySearches(ctx: BenchContext): Promise<ScenarioResult> {
  const planned: Planned[] = [];
  const numbers: string[] = [];
  CITIES.forEach((city, i) => {
    const input = { prefix: '138', suffix: String(2000 + i * 379).padStart(4, '0'), city };
    planned.push({ input, stopAt: 'FIRST_MATCH', kind: 'city' });
    numbers.push(lastCityCandidate(input));
  });
  for (let i = 0; i < 10; i++)
    planned.push({ input: { prefix: '139', suffix: `${i}5678` }, stopAt: 'ALL', kind: 'nationwide' });
  const fairCity = planned[0]!.input;

  const sim = await startBenchSimulator({ latencyMs: 20, numbers, inProcess: ctx.inProcessSim });
  const checker = newChecker(sim.ordersUrlTemplate);
  const engine = newEngine(checker);
  const out = {
    solo: [] as number[],
    many: [] as number[],
    ratio: [] as number[],
    citySolo: [] as number[],
    cityBusy: [] as number[],
    fair: [] as number[],
  };
  try {
    for (let rep = -1; rep < ctx.reps; rep++) {
      const solo = await searchRate(engine, checker, NATIONWIDE, 'ALL');
      checker.clearCache();
      const started = performance.now();
      const results = await Promise.all(
        planned.map((p) => engine.search(request(p.input), { stopAt: p.stopAt, onEvent: () => {} })),
      );
      const elapsed = performance.now() - started;
      const checked = results.reduce((n, r) => n + r.totals.checked, 0);
      const missing = results.filter((r, i) =>
        planned[i]!.kind === 'city' ? r.status !== 'MATCHED' : r.status !== 'NOT_FOUND',
      );
      if (missing.length > 0)
        throw new Error(`many searches: unexpected statuses ${missing.map((r) => r.status).join(',')}`);
      const many = (checked / elapsed) * 1000;

      const citySolo = await searchTime(engine, checker, fairCity);
      checker.clearCache();
      const background = new AbortController();
      const nationwide = engine.search(request(NATIONWIDE), {
        stopAt: 'ALL',
        signal: background.signal,
        onEvent: () => {},
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const cityBusy = await searchTime(engine, checker, fairCity, false);
      background.abort();
      await nationwide;
      if (rep < 0) continue; // warm-up
      out.solo.push(solo);
      out.many.push(many);
      out.ratio.push((many / solo) * 100);
      out.citySolo.push(citySolo);
      out.cityBusy.push(cityBusy);
      out.fair.push(cityBusy / citySolo);
      ctx.log(
        `  many searches run ${rep + 1}/${ctx.reps}: one ${Math.round(solo)}/s, 20 at once ${Math.round(many)}/s (${checked} checks in ${elapsed.toFixed(0)} ms); city alone ${citySolo.toFixed(0)} ms, during nationwide ${cityBusy.toFixed(0)} ms`,
      );
    }
  } finally {
    await checker.close();
    await sim.stop();
  }
  const cityTier = request(fairCity).plan.slice('CITY').candidates;
  const scenario = `many searches (20 at once: 10 city + 10 nationwide, 20 ms, ${IN_FLIGHT} in flight)`;
  const ratio = summarize(out.ratio);
  const fair = summarize(out.fair);
  return {
    rows: [
      { scenario, metric: 'one nationwide search (138+1234)', unit: 'checks/s', value: summarize(out.solo) },
      {
        scenario,
        metric: '20 searches at once, total',
        unit: 'checks/s',
        value: summarize(out.many),
        vs: { label: 'of one search', unit: '%', value: ratio },
        target: '>= 90% of one search',
        pass: ratio.median >= 90,
      },
      {
        scenario,
        metric: `city search alone (${fairCity.city}, ${cityTier} in CITY tier)`,
        unit: 'ms',
        value: summarize(out.citySolo),
      },
      {
        scenario,
        metric: 'same city search during a nationwide one',
        unit: 'ms',
        value: summarize(out.cityBusy),
        vs: { label: 'of solo time', unit: '×', value: fair },
        target: '<= 2× solo',
        pass: fair.median <= 2,
      },
    ],
  };
}

function lastCityCandidate(input: SearchInput): string {
  let last: string | undefined;
  for (const phone of request(input).plan.candidates('CITY')) last = phone;
  if (last === undefined) throw new Error(`no CITY candidates for ${JSON.stringify(input)}`);
  return last;
}

async function searchRate(
  engine: SearchEngine,
  checker: OrderChecker,
  input: SearchInput,
  stopAt: StopAt,
): Promise<number> {
  checker.clearCache();
  const started = performance.now();
  const result = await engine.search(request(input), { stopAt, onEvent: () => {} });
  return (result.totals.checked / (performance.now() - started)) * 1000;
}

async function searchTime(
  engine: SearchEngine,
  checker: OrderChecker,
  input: SearchInput,
  clear = true,
): Promise<number> {
  if (clear) checker.clearCache();
  const started = performance.now();
  const result = await engine.search(request(input), { stopAt: 'FIRST_MATCH', onEvent: () => {} });
  if (result.status !== 'MATCHED') throw new Error(`city search ended ${result.status}`);
  return performance.now() - started;
}
