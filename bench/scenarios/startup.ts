import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MB, runChild } from '../lib/children.ts';
import type { BenchContext } from '../lib/context.ts';
import type { Row, ScenarioResult } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';

const PHONE_DAT = fileURLToPath(new URL('../../../shared/data/phone.dat', import.meta.url));

interface StartupSample {
  readyMs: number;
  loadMs: number;
  indexHeapBytes: number;
  indexExternalBytes: number;
  rss: number;
}

/** Fresh processes: process start to index ready (< 1 s) and the index's heap (< 60 MB). */
export async function startup(ctx: BenchContext): Promise<ScenarioResult> {
  const variants: Array<{ label: string; args: string[] }> = [{ label: 'embedded data', args: [] }];
  if (existsSync(PHONE_DAT) && !ctx.quick) variants.push({ label: '+ phone.dat', args: [PHONE_DAT] });
  const rows: Row[] = [];
  for (const variant of variants) {
    await runChild('startup', variant.args); // warm the tsx transform cache and the page cache
    const samples: StartupSample[] = [];
    for (let i = 0; i < ctx.reps; i++) {
      const { value } = await runChild<StartupSample>('startup', variant.args);
      samples.push(value);
      ctx.log(
        `  startup (${variant.label}) run ${i + 1}/${ctx.reps}: ready at ${value.readyMs.toFixed(0)} ms (index ${value.loadMs.toFixed(0)} ms), index heap ${(value.indexHeapBytes / MB).toFixed(1)} MB + typed arrays ${(value.indexExternalBytes / MB).toFixed(1)} MB`,
      );
    }
    const scenario = `start-up (${variant.label})`;
    const ready = summarize(samples.map((s) => s.readyMs));
    const heap = summarize(samples.map((s) => (s.indexHeapBytes + s.indexExternalBytes) / MB));
    rows.push(
      {
        scenario,
        metric: 'process start → index ready',
        unit: 'ms',
        value: ready,
        target: '< 1000 ms',
        pass: ready.median < 1000,
      },
      { scenario, metric: 'of which SegmentIndex.load()', unit: 'ms', value: summarize(samples.map((s) => s.loadMs)) },
      {
        scenario,
        metric: 'index memory after GC (JS heap + typed arrays)',
        unit: 'MB',
        value: heap,
        target: '< 60 MB',
        pass: heap.median < 60,
      },
      { scenario, metric: 'of which JS heap', unit: 'MB', value: summarize(samples.map((s) => s.indexHeapBytes / MB)) },
      { scenario, metric: 'RSS when ready', unit: 'MB', value: summarize(samples.map((s) => s.rss / MB)) },
    );
  }
  return { rows };
}
