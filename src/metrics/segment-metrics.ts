import { Counter, Gauge, type Registry } from 'prom-client';
import { learnedCoverage, segmentCoverage } from '../segments/segment-coverage.ts';
import type { SegmentIndex } from '../segments/segment-index.ts';

/**
 * The segment data on /metrics, read at scrape time from the data in use: its layers and versions,
 * allocated and located segments per prefix and carrier (the figures of `npm run data:report`), what
 * was learned, and reloads.
 */
export function registerSegmentMetrics(
  registry: Registry,
  sources: { index: SegmentIndex },
): { reloaded(ok: boolean): void } {
  const registers = [registry];
  const coverage = () => segmentCoverage(sources.index.data);
  new Gauge({
    name: 'phonematch_segment_layer_info',
    help: 'Segment data layers loaded, bottom to top (value = position), with their file version',
    labelNames: ['layer', 'version'],
    registers,
    collect() {
      this.reset();
      coverage().layers.forEach((l, i) => this.set({ layer: l.name, version: l.version }, i + 1));
    },
  });
  new Gauge({
    name: 'phonematch_segment_layer_placed',
    help: 'Allocated segments whose place each layer gives (the top layer that places them)',
    labelNames: ['layer'],
    registers,
    collect() {
      this.reset();
      for (const l of coverage().layers) this.set({ layer: l.name }, l.placed);
    },
  });
  const split = (name: string, help: string, label: 'prefix' | 'carrier', pick: 'allocated' | 'located') =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers,
      collect() {
        this.reset();
        const rows = label === 'prefix' ? coverage().byPrefix : coverage().byCarrier;
        for (const row of rows) this.set({ [label]: row.name }, row[pick]);
      },
    });
  split('phonematch_segments_allocated', 'Allocated 7-digit segments by 3-digit prefix', 'prefix', 'allocated');
  split('phonematch_segments_located', 'Allocated segments the data locates, by 3-digit prefix', 'prefix', 'located');
  split('phonematch_segments_allocated_by_carrier', 'Allocated segments by carrier', 'carrier', 'allocated');
  split(
    'phonematch_segments_located_by_carrier',
    'Allocated segments the data locates, by carrier',
    'carrier',
    'located',
  );
  new Gauge({
    name: 'phonematch_learned_segments',
    help: 'Segments with learned evidence (kind="all"), and those of them the data leaves unlocated (kind="unlocated_by_data")',
    labelNames: ['kind'],
    registers,
    collect() {
      const learned = learnedCoverage(sources.index.learned, sources.index.data);
      this.set({ kind: 'all' }, learned.segments);
      this.set({ kind: 'unlocated_by_data' }, learned.unlocatedByData);
    },
  });
  new Gauge({
    name: 'phonematch_learned_evidence',
    help: 'Learned evidence summed over segments and cities (each API key capped)',
    registers,
    collect() {
      this.set(learnedCoverage(sources.index.learned, sources.index.data).evidence);
    },
  });
  const reloads = new Counter({
    name: 'phonematch_segment_reloads_total',
    help: 'Segment data reloads (SIGHUP), by outcome; a failed one keeps the data in use',
    labelNames: ['outcome'],
    registers,
  });
  return { reloaded: (ok) => reloads.inc({ outcome: ok ? 'ok' : 'failed' }) };
}
