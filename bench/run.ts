/**
 * `npm run bench [-- --quick] [-- --only=throughput,overhead] [-- --sim-in-process]`
 *
 * Starts the order-service simulator on 127.0.0.1 (its own process), runs each scenario several times,
 * prints medians with min-max, each figure with a target as a ratio to its reference measured in this
 * same run, and writes bench/results.md. No timed assertion lives in `npm test`; this is where they are.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './lib/context.ts';
import { benchIndex } from './lib/engine.ts';
import type { Row, ScenarioResult } from './lib/report.ts';
import { startBenchSimulator } from './lib/simulator.ts';
import { formatSummary } from './lib/stats.ts';
import {
  budgetCapacity,
  budgetEarlyStops,
  budgetLarge,
  budgetSharing,
  budgetSteady,
  budgetStorm,
} from './scenarios/budget.ts';
import { budgetBusyNeighbour, budgetFirstSearch } from './scenarios/budget-start.ts';
import { batchLookups } from './scenarios/batch.ts';
import { endToEnd } from './scenarios/end-to-end.ts';
import { firstMatch } from './scenarios/first-match.ts';
import { fleet } from './scenarios/fleet.ts';
import { manySearches } from './scenarios/many-searches.ts';
import { memory } from './scenarios/memory.ts';
import { learning, segmentChecks } from './scenarios/segment-data.ts';
import { places } from './scenarios/places.ts';
import { segmentIndex } from './scenarios/segment-index.ts';
import { startup } from './scenarios/startup.ts';
import { overhead, throughput } from './scenarios/throughput.ts';

const SCENARIOS: Record<string, (ctx: BenchContext) => Promise<ScenarioResult>> = {
  throughput,
  overhead,
  'end-to-end': endToEnd,
  'first-match': firstMatch,
  'many-searches': manySearches,
  memory,
  startup,
  'segment-index': segmentIndex,
  'segment-data': segmentChecks,
  learning,
  places,
  'budget-steady': budgetSteady,
  'budget-large': budgetLarge,
  'budget-first-search': budgetFirstSearch,
  'budget-busy-neighbour': budgetBusyNeighbour,
  'budget-capacity': budgetCapacity,
  'budget-storm': budgetStorm,
  'budget-sharing': budgetSharing,
  'budget-early-stops': budgetEarlyStops,
  batch: batchLookups,
  fleet,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const inProcessSim = args.includes('--sim-in-process');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const repsArg = args.find((a) => a.startsWith('--reps='));
const reps = repsArg ? Number(repsArg.slice('--reps='.length)) : quick ? 2 : 5;
const unknown = only?.filter((name) => !(name in SCENARIOS)) ?? [];
if (
  unknown.length > 0 ||
  args.some((a) => !['--quick', '--sim-in-process'].includes(a) && !a.startsWith('--only=') && !a.startsWith('--reps='))
) {
  console.error(
    `usage: npm run bench -- [--quick] [--reps=N] [--only=${Object.keys(SCENARIOS).join(',')}] [--sim-in-process]`,
  );
  process.exit(2);
}

const command = `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
const began = new Date();
const log = (line: string) => console.log(line);
log(`phonematch bench: ${command} — ${os.cpus().length} cores, Node ${process.version}, ${reps} runs per figure`);
benchIndex();
const sim = await startBenchSimulator({ latencyMs: 20, inProcess: inProcessSim });
log(`simulator ${inProcessSim ? 'in this process' : 'in a child process'} at ${sim.url}`);
const ctx: BenchContext = { quick, reps, sim, inProcessSim, log };

const rows: Row[] = [];
const failures: string[] = [];
try {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (only && !only.includes(name)) continue;
    const t = performance.now();
    log(`▶ ${name}`);
    try {
      const result = await scenario(ctx);
      rows.push(...result.rows);
    } catch (err) {
      failures.push(`${name}: ${err instanceof Error ? err.stack : String(err)}`);
      log(`  ✗ ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    log(`  (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
} finally {
  await sim.stop();
}

const header = ['scenario', 'metric', 'median (min–max)', 'vs reference', 'target', 'result'];
const table = rows.map((r) => [
  r.scenario,
  r.metric,
  formatSummary(r.value, r.unit),
  r.vs ? `${formatSummary(r.vs.value, r.vs.unit)} ${r.vs.label}` : '',
  r.target ?? '',
  r.pass === undefined ? (r.note ?? '') : r.pass ? 'PASS' : 'MISS',
]);
printTable(header, table);
if (failures.length > 0) console.error(`\n${failures.length} scenario(s) failed:\n${failures.join('\n')}`);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const md = [
  '# phonematch benchmark results',
  '',
  `- command: \`${command}\``,
  `- date: ${began.toISOString()}`,
  `- machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
  `- Node ${process.version}; simulator ${inProcessSim ? 'in the bench process' : 'in a child process'} on 127.0.0.1, sharing the CPUs`,
  `- ${reps} measured runs per figure (after one unmeasured warm-up); median (min–max). Ratios are per run, against the reference measured in the same run.`,
  '',
  '| ' + header.join(' | ') + ' |',
  '|' + header.map(() => '---').join('|') + '|',
  ...table.map((cells) => '| ' + cells.map((c) => c.replaceAll('|', '\\|')).join(' | ') + ' |'),
  '',
  '## How it is measured',
  '',
  "- Reference: a raw undici loop in this process, one `Pool` with as many connections as the engine's in-flight bound (100), that many requests in flight, each body read and JSON-parsed. It and the engine run alternately, run by run, against the same simulator; each engine run uses a fresh `OrderChecker` (cold pool like the raw loop's, empty cache), so every check reaches the simulator (the simulator's request count is checked).",
  '- The simulator runs in a child process (`bench/simulator-process.ts`) so it does not share the measured event loop; it still shares the CPUs. `--sim-in-process` runs it in the bench process instead, for comparison.',
  "- End to end: the whole service (`startService`) in this process, its checker warm, cache cleared before each run; `graphql-ws` and `graphql-sse` clients iterate `MatchPhoneEvents` to `SearchFinished`; the reference is the same service's engine called directly.",
  '- First match: orders placed on the middle candidate of each tier (Hangzhou, 138+1234, stopAt ALL); time from `tier-started` to `match` vs to `tier-finished`. With a fixed latency the in-flight window moves in waves of 100, so a tier of a few waves can only reach ceil((n/2+1)/100) / ceil(n/100); only tiers of 10+ waves are judged.',
  '- Many searches: one checker; 20 searches started together (10 city searches with their match at the end of the CITY tier, 10 nationwide 1,000-candidate searches); completed checks / wall time vs one 10,000-candidate nationwide search. Fairness: the Beijing city search alone, then started 500 ms into a nationwide search.',
  "- Budget (`--only=budget-steady,budget-large,budget-first-search,budget-busy-neighbour,budget-capacity,budget-storm,budget-sharing,budget-early-stops`): each scenario starts its own simulator (child process) with a capacity model (workers, queue 64 unless said, 20±5 ms service time, 429 when the queue is full). The oracle is a raw undici loop whose window is the worker count (someone who knows the capacity); `auto` and pinned limits run a fresh `OrderChecker` over endless distinct numbers for the same time, and figures are answers/s over the same span (from 2 s, after auto's start-up) as a ratio to the oracle's. Round trip / service time is the checker's mean request latency over 20 ms. Capacity change: workers 32 → 16 at 6 s → 32 at 12 s; \"steady\" is when the limit stays within 10% of knee + √knee for 1 s. Storm: 30% of requests answered 429 (no Retry-After) from 4 s to 9 s; throughput from 3 s after the storm vs the oracle's over the same span. Early stops: searches over fresh numbers that stop at their 50th answer, one after another, pinned 32 on a 64-worker service; the simulator's in-flight high-water mark and connections opened. First search and busy neighbour (200 workers, queue 200): 10,000-check searches timed start to end against the oracle checking 10,000 other numbers (window 200, a fresh pool); first search: a new `OrderChecker` (ramp-up from the minimum), then a new one resumed from the limit the first learned (a restart); busy neighbour: a process computing without pause on the same cores during both, the checker's second search (its first unmeasured); 429/503 counted by the simulator. On a machine whose CPUs are saturated by other work, round trips carry the client's own event-loop lag and the oracle itself falls far below the service's capacity; compare runs only on a quiet machine.",
  "- Fleet (`--only=fleet`): three `Fleet` instances in the bench process (each its own Redis connections, budget lease, answer store and checker) against one simulator (child process, 20 ms) and one Redis (127.0.0.1:6379, else a private redis-server), one budget of 100. Throughput: 12,000 distinct numbers (13+1234) split between the three vs the same numbers on one instance with the same bound, the simulator's in-flight high-water mark for each. First match: Hangzhou 138+1234 (102 candidates, the match in the middle), stopAt FIRST_MATCH, on one instance 500 ms after the two others started 139+1234 and 137+1234 nationwide, vs the same search alone. Redis round trips per check: the fleet's own count of script calls and publishes. All three instances share one event loop here, so the fleet pays its per-check work on the same CPU as one instance; see the notes below the table in bench/results.md for separate processes.",
  "- Segment data (`--only=segment-data`): 300 numbers (seed 17) from segments of libphonenumber's plan that the newest file here (phone.dat 2108, test data) places, the customer giving that city with the first 3 and last 4 digits. Expected checks to the number = every candidate of the earlier tiers + half of its own tier (what candidatePlan and phoneLocation tell a client), per data layer: embedded alone, + the shipped phone-2004.dat (the default), + PHONE_DAT_PATH 2108. The 2108 file is the truth here, so its figure is a floor, not a test of that file. No order service involved.",
  '- Learning (`--only=learning`): real searches (engine, checker, in-process simulator, 0 ms) for 10 numbers in segments the default data leaves unlocated (placed by 2108), the real city named, learning into a SQLite file; then a fresh index and learner on the same file (a restart) and other numbers of the same segments, against the same searches on a fresh index without learning. Figure: checks to the match after the restart; target at most a fifth of the searches without learning.',
  '- Places (`--only=places`): `resolvePlace` over 12 inputs in turn (addresses from several provinces, a county-level city, pinyin, a merged city, a shared name with and without its province), 100,000 resolutions per run; the index build is a fresh `PlaceIndex` over the division table (the table itself parsed once per process).',
  '- Memory and start-up run in fresh processes (`bench/children/`, `--expose-gc`, tsx loader as `npm start` uses). RSS is sampled every 10 ms; heap figures are after two forced GCs. Memory runs at 0 ms latency so a 100,000-candidate run takes seconds.',
  '',
  ...(rows.some((r) => r.note && r.pass !== undefined)
    ? ['Notes:', ...rows.filter((r) => r.note && r.pass !== undefined).map((r) => `- ${r.metric}: ${r.note}`), '']
    : []),
  ...(failures.length > 0 ? ['## Failed scenarios', '', '```', ...failures, '```', ''] : []),
].join('\n');
const resultsPath = fileURLToPath(new URL('./results.md', import.meta.url));
writeFileSync(resultsPath, md);
log(`\nwrote ${resultsPath}`);
process.exit(failures.length > 0 ? 1 : 0);

function printTable(head: string[], body: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of body) console.log(line(r));
}
