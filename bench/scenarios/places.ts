import { PlaceIndex } from '../../src/regions/place-index.ts';
import { resolvePlace } from '../../src/regions/resolve-place.ts';
import type { BenchContext } from '../lib/context.ts';
import type { Row, ScenarioResult } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';

/** Addresses and names as agents paste them: every level, with and without suffixes, pinyin, a shared name. */
const INPUTS = [
  { address: '浙江省金华市义乌市稠城街道工人北路1号' },
  { address: '深圳南山区科技园' },
  { address: '四川成都武侯区人民南路四段' },
  { address: '北京 北京市 朝阳区 建国路88号' },
  { address: '收货地址：上海市浦东新区张江路' },
  { address: '新疆巴音郭楞蒙古自治州库尔勒市' },
  { address: '山东省济南市市中区经七路' },
  { address: '鼓楼区中山路1号' },
  { city: '义乌' },
  { city: 'Kunshan' },
  { city: '莱芜' },
  { province: '福建', city: '鼓楼' },
];
const RESOLUTIONS = 100_000;

/** What resolving a place costs: once to build the index, then per address (target: well under a millisecond). */
export async function places(ctx: BenchContext): Promise<ScenarioResult> {
  const buildMs: number[] = [];
  const perResolveUs: number[] = [];
  let sink = 0;
  for (let run = 0; run < ctx.reps + 1; run++) {
    const buildStarted = performance.now();
    sink += new PlaceIndex().namesAt('义乌', 0).length;
    const built = performance.now() - buildStarted;
    const started = process.hrtime.bigint();
    for (let i = 0; i < RESOLUTIONS; i++) if ('place' in resolvePlace(INPUTS[i % INPUTS.length]!)) sink++;
    const us = Number(process.hrtime.bigint() - started) / RESOLUTIONS / 1000;
    if (run === 0) continue; // warm-up
    buildMs.push(built);
    perResolveUs.push(us);
    ctx.log(
      `  places run ${run}/${ctx.reps}: index built in ${built.toFixed(1)} ms, ${us.toFixed(2)} µs per resolution`,
    );
  }
  if (sink === 0) throw new Error('nothing was resolved');
  const scenario = 'places';
  const build = summarize(buildMs);
  const resolve = summarize(perResolveUs);
  const rows: Row[] = [
    {
      scenario,
      metric: 'division index built (once per process)',
      unit: 'ms',
      value: build,
      target: '< 200 ms',
      pass: build.median < 200,
    },
    {
      scenario,
      metric: `resolving a place (${INPUTS.length} addresses and names, mixed)`,
      unit: 'µs',
      value: resolve,
      target: '< 100 µs',
      pass: resolve.median < 100,
    },
  ];
  return { rows };
}
