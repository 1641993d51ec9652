import { distance } from 'fastest-levenshtein';
import { englishKey } from './city-names.ts';

/** The items whose names are close to `input` (a typo, a near miss), closest first. */
export function rankByCloseness<T>(
  input: string,
  pool: readonly T[],
  names: (item: T) => string[],
  limit: number,
): T[] {
  const text = input.trim();
  const key = englishKey(text);
  // About one edit in three characters still counts as close.
  const allowed = Math.max(1, Math.ceil((isAscii(text) ? key.length : text.length) / 3));
  const scored: Array<[number, T]> = [];
  for (const item of pool) {
    let best = Infinity;
    for (const name of names(item)) {
      if (name === '') continue;
      const isEnglish = isAscii(name);
      const a = isEnglish ? key : text;
      const b = isEnglish ? englishKey(name) : name;
      if (a === '') continue;
      // A name that contains the input (or the reverse) is as good as one letter off.
      const d = b.includes(a) || a.includes(b) ? 1 : distance(a, b);
      best = Math.min(best, d);
    }
    if (best <= allowed) scored.push([best, item]);
  }
  return scored
    .sort((a, b) => a[0] - b[0])
    .slice(0, limit)
    .map(([, item]) => item);
}

export function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}
