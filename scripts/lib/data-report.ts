import type { LearnedCoverage, SegmentCoverage } from '../../src/segments/segment-coverage.ts';
import { LAYER_NAMES, type LayerName } from '../../src/segments/segment-data.ts';

const percent = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
const number = (n: number) => n.toLocaleString('en');

/** The report as plain-text tables: layers, totals, each prefix and carrier, learned segments. */
export function reportTable(coverage: SegmentCoverage, learned: LearnedCoverage | undefined): string {
  const lines: string[] = [];
  const table = (header: string[], rows: string[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    lines.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '');
  };
  table(
    ['layer', 'version', 'entries', 'places'],
    coverage.layers.map((l) => [l.name, l.version, number(l.entries), number(l.placed)]),
  );
  lines.push(
    `located ${number(coverage.located)} of ${number(coverage.allocated)} allocated segments (${percent(coverage.located, coverage.allocated)})`,
    '',
  );
  const split = (title: string, rows: SegmentCoverage['byPrefix']) =>
    table(
      [title, 'allocated', 'located', 'share', ...coverage.layers.map((l) => l.name)],
      rows.map((r) => [
        r.name,
        number(r.allocated),
        number(r.located),
        percent(r.located, r.allocated),
        ...coverage.layers.map((l) => number(r.byLayer[l.name] ?? 0)),
      ]),
    );
  split('prefix', coverage.byPrefix);
  split('carrier', coverage.byCarrier);
  lines.push(
    learned
      ? `learned: ${number(learned.segments)} segments (${number(learned.unlocatedByData)} of them unlocated by the data), ${number(learned.evidence)} pieces of evidence`
      : 'learned: no evidence store given (--audit-db, REDIS_URL or REDIS_CLUSTER_NODES)',
  );
  return `${lines.join('\n')}\n`;
}

const COLOURS: Record<LayerName, string> = {
  libphonenumber: '#4e79a7',
  shipped: '#59a14f',
  'phone.dat': '#f28e2b',
  overlay: '#b07aa1',
};
const UNLOCATED = '#d9d9d9';

/**
 * A bar per prefix, as tall as its allocated segments' share located, split by the layer that places
 * them; the grey rest is unlocated. Plain SVG, no script: it opens in any browser.
 */
export function reportSvg(coverage: SegmentCoverage, learned: LearnedCoverage | undefined): string {
  const rows = coverage.byPrefix;
  const bar = 14;
  const gap = 4;
  const left = 40;
  const top = 56;
  const height = 240;
  const width = left + rows.length * (bar + gap) + 20;
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const x = left + i * (bar + gap);
    let y = top + height;
    for (const layer of LAYER_NAMES) {
      const count = row.byLayer[layer] ?? 0;
      if (count === 0) continue;
      const h = (height * count) / row.allocated;
      y -= h;
      parts.push(
        `<rect x="${x}" y="${y.toFixed(1)}" width="${bar}" height="${h.toFixed(1)}" fill="${COLOURS[layer]}"><title>${row.name}: ${count} by ${layer}</title></rect>`,
      );
    }
    parts.push(
      `<rect x="${x}" y="${top}" width="${bar}" height="${(y - top).toFixed(1)}" fill="${UNLOCATED}"><title>${row.name}: ${row.allocated - row.located} of ${row.allocated} unlocated</title></rect>`,
      `<text x="${x + bar / 2}" y="${top + height + 12}" font-size="9" text-anchor="middle" transform="rotate(-60 ${x + bar / 2} ${top + height + 12})">${row.name}</text>`,
    );
  });
  const legend = coverage.layers
    .map((l, i) => {
      const y = top + height + 34 + i * 16;
      return `<rect x="${left}" y="${y}" width="10" height="10" fill="${COLOURS[l.name]}"/><text x="${left + 14}" y="${y + 9}" font-size="11">${escape(`${l.name} ${l.version}: places ${number(l.placed)}`)}</text>`;
    })
    .join('');
  const title = `Located ${percent(coverage.located, coverage.allocated)} of ${number(coverage.allocated)} allocated segments, by prefix and layer${learned ? `; ${number(learned.segments)} learned segments` : ''}`;
  const axis = [0, 50, 100]
    .map((p) => {
      const y = top + height - (height * p) / 100;
      return `<text x="${left - 6}" y="${y + 3}" font-size="9" text-anchor="end">${p}%</text><line x1="${left}" x2="${width - 20}" y1="${y}" y2="${y}" stroke="#999" stroke-width="0.5"/>`;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.max(width, 800)}" height="${top + height + 44 + coverage.layers.length * 16}" font-family="sans-serif">`,
    `<text x="${left}" y="24" font-size="14">${escape(title)}</text>`,
    axis,
    ...parts,
    legend,
    '</svg>',
    '',
  ].join('\n');
}
