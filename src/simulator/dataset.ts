import { readFile } from 'node:fs/promises';
import { mulberry32, type Rng } from './prng.ts';

/** Produces one full 11-digit number from a seeded random source. */
export type PhonePicker = (rng: Rng) => string;

/** Options for generating a synthetic data set of numbers that have orders. */
export interface GenerateOptions {
  seed: number;
  /** How many distinct numbers with orders to produce. */
  count: number;
  /**
   * Picks a number. Wire this to the real segment index to get realistic prefixes/regions;
   * {@link builtinPicker} is the fallback.
   * @default builtinPicker
   */
  pick?: PhonePicker;
  /**
   * Order count for a generated number.
   * @default 1..5 uniformly
   */
  orders?: (rng: Rng) => number;
}

/** Mainland mobile prefixes, enough for plausible numbers when the real segment index is not loaded. */
const BUILTIN_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '170',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

/** Random number under one of a built-in list of mobile prefixes. */
export const builtinPicker: PhonePicker = (rng) => {
  const prefix = BUILTIN_PREFIXES[Math.floor(rng() * BUILTIN_PREFIXES.length)] ?? '138';
  const rest = Math.floor(rng() * 1e8)
    .toString()
    .padStart(8, '0');
  return prefix + rest;
};

/** Deterministic data set: the same seed, count and picker always give the same map. */
export function generateNumbers(options: GenerateOptions): Map<string, number> {
  const rng = mulberry32(options.seed);
  const pick = options.pick ?? builtinPicker;
  const orders = options.orders ?? ((r: Rng) => 1 + Math.floor(r() * 5));
  const out = new Map<string, number>();
  // A picker over a small space may repeat itself; bound the attempts instead of looping forever.
  for (let tries = 0; out.size < options.count && tries < options.count * 20; tries++) {
    const phone = pick(rng);
    if (!out.has(phone)) out.set(phone, orders(rng));
  }
  return out;
}

/** Parses `phone,total` lines; a header line and blank lines are skipped, a missing total means 1. */
export function parseCsv(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const [phoneField = '', totalField] = line.split(',');
    const phone = phoneField.trim();
    if (!/^\d+$/.test(phone)) continue; // header or junk
    const total = totalField === undefined || totalField.trim() === '' ? 1 : Number(totalField.trim());
    if (!Number.isFinite(total) || total < 0) throw new Error(`invalid total on CSV line: ${line.slice(0, 3)}…`);
    out.set(phone, total);
  }
  return out;
}

export async function loadCsv(path: string): Promise<Map<string, number>> {
  return parseCsv(await readFile(path, 'utf8'));
}
