// Fresh process: one 100,000-candidate search repeated, sampling RSS; heap after each run (after GC).
import { OrderChecker } from '../../src/checker/index.ts';
import { buildSearchRequest } from '../../src/plan/search-request.ts';
import { SearchEngine } from '../../src/search/search-engine.ts';
import { SegmentIndex } from '../../src/segments/segment-index.ts';

const [ordersUrlTemplate, token, runsText, concurrencyText] = process.argv.slice(2) as [string, string, string, string];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const index = SegmentIndex.load();
const checker = new OrderChecker({
  orderService: { urlTemplate: ordersUrlTemplate, sessionToken: token },
  concurrency: Number(concurrencyText),
});
const engine = new SearchEngine(checker, { deadlineMs: 600_000 });
let peakRss = process.memoryUsage.rss();
process.stderr.write(`  memory: RSS ${(peakRss / 2 ** 20).toFixed(0)} MB with the index loaded, before any search\n`);
const sampler = setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
}, 10);

const runs: Array<{ checks: number; elapsedMs: number; heapAfterGc: number; rssAfterGc: number; peakRss: number }> = [];
for (let i = 0; i < Number(runsText); i++) {
  checker.clearCache(); // every run hits the simulator
  const request = buildSearchRequest(index, { prefix: '138', suffix: '123' });
  const started = performance.now();
  const result = await engine.search(request, { stopAt: 'ALL', onEvent: () => {} });
  const elapsedMs = performance.now() - started;
  if (result.totals.checked !== request.plan.total)
    throw new Error(`checked ${result.totals.checked} of ${request.plan.total}`);
  const runPeak = peakRss;
  gc();
  gc();
  const mem = process.memoryUsage();
  runs.push({
    checks: result.totals.checked,
    elapsedMs,
    heapAfterGc: mem.heapUsed,
    rssAfterGc: mem.rss,
    peakRss: runPeak,
  });
  process.stderr.write(
    `  memory run ${i + 1}/${runsText}: ${Math.round((result.totals.checked / elapsedMs) * 1000)} checks/s, peak RSS ${(runPeak / 2 ** 20).toFixed(0)} MB, heap after GC ${(mem.heapUsed / 2 ** 20).toFixed(1)} MB\n`,
  );
}
clearInterval(sampler);
await checker.close();
console.log(JSON.stringify({ candidates: runs[0]?.checks ?? 0, peakRss, runs }));
