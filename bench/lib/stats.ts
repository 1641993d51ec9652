/** Median with min-max of repeated measurements. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { median: NaN, min: NaN, max: NaN, samples };
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples };
}

/** Rounds sensibly for a table: 3 significant digits below 100, integers above. */
export function num(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const text = abs >= 100 ? Math.round(value).toLocaleString('en') : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
  return unit === '%' || unit === '×' ? `${text}${unit}` : unit ? `${text} ${unit}` : text;
}

export function formatSummary(s: Summary, unit = ''): string {
  if (s.samples.length <= 1) return num(s.median, unit);
  return `${num(s.median, unit)} (${num(s.min)}–${num(s.max)})`;
}
