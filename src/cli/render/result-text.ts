import type { FinishedResult } from '../match-event.ts';
import type { FoundMatch, SearchProgress } from '../../../client/search-progress.ts';
import { type Paint, paintFor } from './terminal-style.ts';

/** `13805712345  CITY  浙江 杭州 中国移动` */
export function matchLine(match: FoundMatch): string {
  const where = [match.location?.province, match.location?.city, match.location?.carrier].filter(Boolean).join(' ');
  return `match ${match.phone}  ${match.tier}${where ? `  ${where}` : ''}`;
}

/** The final result for a person: status, matches with their location, the per-tier table, failures. */
export function resultText(result: FinishedResult, progress: SearchProgress, paint: Paint = paintFor(false)): string {
  const lines = [
    `${paint.status(result.status, result.status)}  ${progress.query ?? ''}  in ${formatSeconds(result.elapsedMs)}`,
  ];
  const located = new Map(progress.matches.map((m) => [m.phone, m]));
  for (const m of result.matches) lines.push(`  ${paint.match(matchLine(located.get(m.phone) ?? m))}`);
  if (result.note) lines.push(`  note: ${result.note}`);

  const header = ['tier', 'candidates', 'checked', 'with orders', 'failed', 'outcome'];
  const rows = result.tiers.map((t) => [
    t.tier,
    String(progress.tiers.find((p) => p.tier === t.tier)?.candidates ?? 0),
    String(t.checked),
    String(t.withOrders),
    String(t.failed),
    t.outcome,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
  lines.push('', format(header), ...rows.map(format));
  if (result.failedNumbers.length > 0)
    lines.push(
      '',
      `  checks failed for ${result.failedNumbers.length} numbers; retry exactly these:`,
      `  ${result.failedNumbers.join(' ')}`,
    );
  return `${lines.join('\n')}\n`;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
