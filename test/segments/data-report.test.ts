import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { reportSvg, reportTable } from '../../scripts/lib/data-report.ts';
import { LearnedPlaces } from '../../src/learning/learned-places.ts';
import { registerSegmentMetrics } from '../../src/metrics/segment-metrics.ts';
import { learnedCoverage, segmentCoverage } from '../../src/segments/segment-coverage.ts';
import { leave } from '../support/leftovers.ts';
import { shippedIndex } from '../support/segment-data.ts';

describe('npm run data:report and /metrics: the same figures', () => {
  const index = shippedIndex();
  const coverage = segmentCoverage(index.data);

  it('counts every allocated segment once per prefix and per carrier, split by the layer that places it', () => {
    const sum = (rows: typeof coverage.byPrefix, pick: (r: (typeof rows)[number]) => number) =>
      rows.reduce((total, r) => total + pick(r), 0);
    for (const rows of [coverage.byPrefix, coverage.byCarrier]) {
      expect(sum(rows, (r) => r.allocated)).toBe(index.stats.allocatedSegments);
      expect(sum(rows, (r) => r.located)).toBe(index.stats.locatedSegments);
      for (const r of rows) expect(Object.values(r.byLayer).reduce((a, b) => a + b, 0)).toBe(r.located);
    }
    const p149 = coverage.byPrefix.find((r) => r.name === '149')!;
    expect(p149).toMatchObject({ allocated: p149.located, byLayer: { shipped: p149.located } });
    expect(coverage.byPrefix.find((r) => r.name === '192')?.located).toBe(0);
  });

  it('prints the layers, the total and a row per prefix and carrier, and learned segments', () => {
    const learned = learnedCoverage(
      LearnedPlaces.fromRows([{ segment: 1920000, cityKey: '北京|北京', keyId: 'k', count: 2 }], index.regions, 3),
      index.data,
    );
    const text = reportTable(coverage, learned);
    expect(text).toMatch(/^shipped\s+2004\s+447,893\s+447,893$/m);
    const share = ((100 * index.stats.locatedSegments) / index.stats.allocatedSegments).toFixed(1);
    expect(text).toContain(`of ${index.stats.allocatedSegments.toLocaleString('en')} allocated segments (${share}%)`);
    expect(text).toMatch(/^192\s+10,000\s+0\s+0\.0%/m);
    expect(text).toMatch(/^China Broadnet\s/m);
    expect(text).toContain('learned: 1 segments (1 of them unlocated by the data), 2 pieces of evidence');
  });

  it('draws a bar per prefix in a self-contained SVG', () => {
    const svg = reportSvg(coverage, undefined);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toContain('<script');
    for (const row of coverage.byPrefix) expect(svg).toContain(`>${row.name}</text>`);
    expect(svg).toContain('shipped 2004: places');
  });

  it('serves the same per-prefix and per-layer figures on /metrics', async () => {
    const registry = new Registry();
    leave(() => registry.clear());
    registerSegmentMetrics(registry, { index });
    const text = await registry.metrics();
    for (const row of coverage.byPrefix) {
      expect(text).toContain(`phonematch_segments_allocated{prefix="${row.name}"} ${row.allocated}\n`);
      expect(text).toContain(`phonematch_segments_located{prefix="${row.name}"} ${row.located}\n`);
    }
    expect(text).toContain(`phonematch_segment_layer_placed{layer="shipped"} ${index.stats.layers[1]!.placed}`);
    expect(text).toContain('phonematch_learned_segments{kind="all"} 0');
  });
});
