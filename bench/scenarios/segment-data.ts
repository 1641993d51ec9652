import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderChecker } from '../../src/checker/index.ts';
import { InputValidationError } from '../../src/errors/input-error.ts';
import { PlaceLearner } from '../../src/learning/place-learner.ts';
import { SqliteEvidenceStore } from '../../src/learning/sqlite-evidence-store.ts';
import { buildSearchRequest, type SearchInput } from '../../src/plan/search-request.ts';
import { TIERS } from '../../src/plan/tier-plan.ts';
import { SearchEngine } from '../../src/search/search-engine.ts';
import { SEGMENT_BASE, SEGMENT_SPAN } from '../../src/segments/numbering-plan.ts';
import { SegmentIndex } from '../../src/segments/segment-index.ts';
import { SHIPPED_PHONE_DAT } from '../../src/segments/shipped-data.ts';
import { mulberry32 } from '../../src/simulator/prng.ts';
import { startSimulator } from '../../src/simulator/server.ts';
import { SHARED_PHONE_DAT, hasSharedPhoneDat } from '../../test/support/segment-data.ts';
import type { BenchContext } from '../lib/context.ts';
import { IN_FLIGHT } from '../lib/engine.ts';
import type { Row, ScenarioResult } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';

const SAMPLE = 300;

/** A number's real place, from the newest segment file here (2108): what the customer names. */
interface Truth {
  readonly number: string;
  readonly province: string;
  readonly city: string;
}

/** `count` numbers of segments that `pick` accepts, spread by a fixed seed; their place from `truth`. */
function sampleNumbers(truth: SegmentIndex, count: number, seed: number, pick: (segment: number) => boolean): Truth[] {
  const segments: number[] = [];
  for (let s = SEGMENT_BASE; s < SEGMENT_BASE + SEGMENT_SPAN; s++) {
    if (truth.numberingPlan.isWholeSegment(s) && truth.placeIdOf(s) !== 0 && pick(s)) segments.push(s);
  }
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const segment = segments[Math.floor(rng() * segments.length)]!;
    const place = truth.placeOf(segment)!;
    const number = `${segment}${String(Math.floor(rng() * 10_000)).padStart(4, '0')}`;
    return { number, province: place.city.province.short, city: place.city.short };
  });
}

/** The search a customer asks for: first 3 and last 4 digits, with the number's real city. */
function inputFor(t: Truth): SearchInput {
  return { prefix: t.number.slice(0, 3), suffix: t.number.slice(-4), province: t.province, city: t.city };
}

/**
 * Checks expected before the number is reached: every candidate of the earlier tiers, and half of its
 * own tier (the order within a tier does not depend on where the number is). The same figures a client
 * reads from candidatePlan (tier sizes) and phoneLocation (the number's tier).
 */
function expectedChecks(index: SegmentIndex, t: Truth): number {
  let plan;
  try {
    plan = buildSearchRequest(index, inputFor(t)).plan;
  } catch (error) {
    // A city this layer has never heard of: the customer's province alone still narrows the search.
    if (!(error instanceof InputValidationError)) throw error;
    plan = buildSearchRequest(index, { ...inputFor(t), city: undefined }).plan;
  }
  const tier = plan.tierOf(t.number);
  let checks = 0;
  for (const slice of plan.tiers) {
    if (slice.tier === tier) return checks + slice.candidates / 2;
    checks += slice.candidates;
  }
  throw new Error(`${tier} is not among the plan's tiers ${TIERS.join(', ')}`);
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const p90 = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)]!;

/** Mean expected checks to the number for each data layer, over numbers placed by the newest file here. */
export async function segmentChecks(ctx: BenchContext): Promise<ScenarioResult> {
  if (!hasSharedPhoneDat) return { rows: [], notes: ['segment data: skipped (no ../shared/data/phone.dat)'] };
  const layers: Array<[string, SegmentIndex]> = [
    ['embedded libphonenumber', SegmentIndex.load()],
    ['+ shipped phone-2004.dat (default)', SegmentIndex.load({ shippedPath: SHIPPED_PHONE_DAT })],
    [
      '+ PHONE_DAT_PATH phone.dat 2108',
      SegmentIndex.load({ shippedPath: SHIPPED_PHONE_DAT, phoneDatPath: SHARED_PHONE_DAT }),
    ],
  ];
  const truth = layers[2]![1];
  const baseline = layers[0]![1];
  // Numbers libphonenumber's plan has, so that every layer can search them (the embedded data alone
  // refuses data-card segments such as 149 outright).
  const sample = sampleNumbers(truth, ctx.quick ? 100 : SAMPLE, 17, (s) =>
    baseline.numberingPlan.isAllocatedSegment(s),
  );
  const scenario = 'segment data';
  const rows: Row[] = [];
  let embeddedMean = NaN;
  for (const [name, index] of layers) {
    const checks = sample.map((t) => expectedChecks(index, t));
    const m = mean(checks);
    if (index === baseline) embeddedMean = m;
    const located = (100 * index.stats.locatedSegments) / index.stats.allocatedSegments;
    ctx.log(`  ${name}: mean ${m.toFixed(0)} expected checks, p90 ${p90(checks)}, ${located.toFixed(1)}% located`);
    rows.push({
      scenario,
      metric: `mean expected checks to the number: ${name}`,
      unit: 'checks',
      value: summarize([m]),
      ...(index === baseline
        ? {}
        : { vs: { label: 'embedded', value: summarize([embeddedMean / m]), unit: 'x fewer' } }),
    });
  }
  return { rows };
}

/**
 * Learning across a restart: real searches (engine, checker, simulator over loopback) for numbers in
 * segments the default data leaves unlocated, with the customer naming the real city; then a new index
 * and learner on the same SQLite file, as after a restart; then other numbers of the same segments.
 */
export async function learning(ctx: BenchContext): Promise<ScenarioResult> {
  if (!hasSharedPhoneDat) return { rows: [], notes: ['learning: skipped (no ../shared/data/phone.dat)'] };
  const shipped = () => SegmentIndex.load({ shippedPath: SHIPPED_PHONE_DAT });
  const truth = SegmentIndex.load({ shippedPath: SHIPPED_PHONE_DAT, phoneDatPath: SHARED_PHONE_DAT });
  const before = shipped();
  const count = ctx.quick ? 5 : 10;
  const seen = sampleNumbers(truth, count, 23, (s) => before.placeIdOf(s) === 0);
  // Other numbers of the same segments: same segment, another last four digits.
  const later = seen.map((t, i) => ({
    ...t,
    number: `${t.number.slice(0, 7)}${String((i * 7919 + 4321) % 10_000).padStart(4, '0')}`,
  }));
  const sim = await startSimulator({
    token: 'bench-learning',
    numbers: new Set([...seen, ...later].map((t) => t.number)),
  });
  const dir = mkdtempSync(join(tmpdir(), 'phonematch-bench-learning-'));
  const path = join(dir, 'audit.sqlite');
  const run = async (index: SegmentIndex, numbers: Truth[], learn: boolean) => {
    const checker = new OrderChecker({
      orderService: { urlTemplate: sim.ordersUrlTemplate, sessionToken: 'bench-learning' },
      concurrency: IN_FLIGHT,
    });
    const learner = learn ? new PlaceLearner({ store: new SqliteEvidenceStore(path), index }) : undefined;
    await learner?.start();
    const engine = new SearchEngine(checker, {
      deadlineMs: 600_000,
      onFinished: (result, request, info) => learner?.record(result, request, info),
    });
    const checks: number[] = [];
    for (const t of numbers) {
      const result = await engine.search(buildSearchRequest(index, inputFor(t)), { stopAt: 'FIRST_MATCH' });
      if (result.status !== 'MATCHED') throw new Error(`learning: a search ended ${result.status}`);
      checks.push(result.totals.checked);
    }
    await learner?.close();
    await checker.close();
    return checks;
  };
  try {
    const first = await run(before, seen, true);
    const control = await run(shipped(), later, false);
    const afterRestart = await run(shipped(), later, true);
    const ratio = mean(control) / mean(afterRestart);
    ctx.log(
      `  learning: first searches ${mean(first).toFixed(0)} checks, other numbers of those segments after a restart ${mean(afterRestart).toFixed(1)} (without learning ${mean(control).toFixed(0)}): ${ratio.toFixed(0)}x fewer`,
    );
    const scenario = 'learning';
    return {
      rows: [
        {
          scenario,
          metric: `checks to the match, ${count} segments unlocated by the default data, seen once, after a restart`,
          unit: 'checks',
          value: summarize(afterRestart),
          target: '<= 1/5 of the same searches without learning',
          vs: { label: 'without learning', value: summarize([ratio]), unit: 'x fewer' },
          pass: ratio >= 5,
        },
      ],
    };
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
