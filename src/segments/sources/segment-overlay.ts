import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type CsvError, parse } from 'csv-parse/sync';
import type { City, RegionRegistry } from '../../regions/region-registry.ts';
import { CARRIERS } from '../carriers.ts';
import { SEGMENT_BASE, SEGMENT_SPAN } from '../numbering-plan.ts';
import { resolveOverlayPlace } from './overlay-place.ts';

/**
 * An operator's CSV overlay (SEGMENTS_OVERLAY_PATH), layered over every other source:
 *
 *   segment,province,city,carrier
 *   1990100-1990199,四川,成都,中国电信
 *   1741234,Zhejiang,Hangzhou,
 *
 * `segment` is one 7-digit segment or an inclusive range of them; `province` and `city` any name the
 * place input accepts; `carrier` optional. A later line wins over an earlier one where they overlap,
 * so a broad range can be followed by its exceptions.
 */
export interface SegmentOverlay {
  /** The first 12 hex digits of the file's SHA-256: which overlay is loaded. */
  readonly version: string;
  readonly entries: readonly OverlayEntry[];
}

export interface OverlayEntry {
  /** 1-based line in the file. */
  readonly line: number;
  readonly from: number;
  readonly to: number;
  readonly city: City;
  /** Carrier code (carriers.ts); 0 when the line gives none. */
  readonly carrierCode: number;
}

export interface OverlayProblem {
  /** 1-based line in the file; 1 is the header. */
  readonly line: number;
  readonly message: string;
}

/** The overlay cannot be used: every problem is listed, and nothing of the file is. */
export class SegmentOverlayError extends Error {
  readonly code = 'SEGMENT_OVERLAY_INVALID';
  constructor(
    readonly path: string,
    readonly problems: readonly OverlayProblem[],
  ) {
    const shown = problems.slice(0, 20).map((p) => `  line ${p.line}: ${p.message}`);
    if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
    super(`segment overlay ${path} was not loaded (${problems.length} problem(s)):\n${shown.join('\n')}`);
    this.name = 'SegmentOverlayError';
  }
}

const COLUMNS = ['segment', 'province', 'city', 'carrier'] as const;
const REQUIRED = ['segment', 'province', 'city'];
/** A range longer than this is more likely a typo than an intent (it is 10 whole 3-digit prefixes). */
const MAX_RANGE = 100_000;
const ACCEPTED_SEGMENT = 'a 7-digit segment such as 1990100, or a range such as 1990100-1990199';
const CARRIER_NAMES = [...new Set(CARRIERS.filter((c) => c && !c.virtual).map((c) => c!.name))];

/** Reads and checks the whole file; throws SegmentOverlayError naming every bad line. */
export function readSegmentOverlay(path: string, regions: RegionRegistry): SegmentOverlay {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new SegmentOverlayError(path, [{ line: 0, message: `cannot be read: ${(error as Error).message}` }]);
  }
  return parseSegmentOverlay(bytes, path, regions);
}

export function parseSegmentOverlay(bytes: Buffer, path: string, regions: RegionRegistry): SegmentOverlay {
  let columns: string[] = [];
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parse(bytes.toString('utf8'), {
      bom: true,
      columns: (header: string[]) => (columns = header.map((h) => h.trim().toLowerCase())),
      skip_empty_lines: true,
      comment: '#',
      trim: true,
      info: true,
    });
  } catch (error) {
    const csv = error as CsvError & { lines?: number };
    throw new SegmentOverlayError(path, [{ line: csv.lines ?? 0, message: `is not valid CSV: ${csv.message}` }]);
  }
  const problems: OverlayProblem[] = [];
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !(COLUMNS as readonly string[]).includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    const found = columns.length ? columns.map((c) => `"${c}"`).join(', ') : 'no header';
    problems.push({ line: 1, message: `the header must be segment,province,city[,carrier]; found ${found}` });
    throw new SegmentOverlayError(path, problems);
  }

  const entries: OverlayEntry[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    const wrong: string[] = [];
    const range = parseSegmentRange(record.segment ?? '');
    if (typeof range === 'string') wrong.push(range);
    const place = resolveOverlayPlace(regions, record.province ?? '', record.city ?? '');
    if ('problem' in place) wrong.push(place.problem);
    const carrierCode = parseCarrier(record.carrier ?? '');
    if (carrierCode === undefined) {
      wrong.push(`carrier '${record.carrier}' is not one of ${CARRIER_NAMES.join(', ')} (or empty)`);
    }
    if (wrong.length > 0 || typeof range === 'string' || 'problem' in place || carrierCode === undefined) {
      problems.push(...wrong.map((message) => ({ line, message })));
      continue;
    }
    entries.push({ line, from: range.from, to: range.to, city: place.city, carrierCode });
  }
  if (problems.length > 0) throw new SegmentOverlayError(path, problems);
  return { version: createHash('sha256').update(bytes).digest('hex').slice(0, 12), entries };
}

function parseSegmentRange(text: string): { from: number; to: number } | string {
  const match = /^(\d{7})(?:\s*-\s*(\d{7}))?$/.exec(text);
  if (!match) return `segment '${text}' is not ${ACCEPTED_SEGMENT}`;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (from < SEGMENT_BASE || to >= SEGMENT_BASE + SEGMENT_SPAN) return `segment '${text}' does not start with 1`;
  if (to < from) return `range '${text}' ends before it starts`;
  if (to - from + 1 > MAX_RANGE) return `range '${text}' spans ${to - from + 1} segments, more than ${MAX_RANGE}`;
  return { from, to };
}

/** A carrier code from its Chinese or English name (中国移动, 移动, China Mobile); 0 for empty, undefined when unknown. */
function parseCarrier(text: string): number | undefined {
  if (text === '') return 0;
  const key = text.toLowerCase().replace(/\s+/g, ' ');
  const found = CARRIERS.find(
    (c) => c && !c.virtual && (c.name === text || c.name.slice(2) === text || c.english.toLowerCase() === key),
  );
  return found?.code;
}
