import { readFile } from 'node:fs/promises';
import { type CsvError, parse } from 'csv-parse/sync';
import type { MatchPhoneInput } from '../match-event.ts';

/** The columns a batch file may have; any other column is carried through to the results untouched. */
export const INPUT_COLUMNS = ['mask', 'prefix', 'suffix', 'city', 'province', 'address'] as const;

export interface BatchRow {
  /** 1-based line in the file (the header is line 1). */
  readonly line: number;
  /** Every cell of the row, by (lower-cased) column name. */
  readonly cells: Readonly<Record<string, string>>;
  readonly input: MatchPhoneInput;
}

export interface BatchFile {
  readonly columns: readonly string[];
  readonly rows: readonly BatchRow[];
}

/** The file cannot be used at all (unreadable, not CSV, no number column): exit 2 before any search. */
export class BatchFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchFileError';
  }
}

/**
 * Reads a CSV batch with a header row: `mask`, or `prefix` and/or `suffix`, and optionally `city`,
 * `province` and `address` (the same fields as the API's MatchPhoneInput). Empty cells count as not given, so one file
 * can mix masks and prefix/suffix rows. Every row is searched with `stopAt`.
 */
export async function readBatchFile(path: string, stopAt: MatchPhoneInput['stopAt']): Promise<BatchFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BatchFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  let columns: string[] = [];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => (columns = header.map((h) => h.trim().toLowerCase())),
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    throw new BatchFileError(`${path} is not a CSV file this command can read: ${(error as CsvError).message}`);
  }
  if (!columns.some((c) => c === 'mask' || c === 'prefix' || c === 'suffix'))
    throw new BatchFileError(
      `${path} has no number column: its header row must name "mask", or "prefix" and/or "suffix" ` +
        `(optionally "city", "province" and "address"); found ${columns.length ? columns.map((c) => `"${c}"`).join(', ') : 'no header'}`,
    );

  const rows = records.map(({ record: cells, info }) => {
    const input: MatchPhoneInput = { ...(stopAt ? { stopAt } : {}) };
    for (const column of INPUT_COLUMNS) {
      const value = cells[column];
      if (value !== undefined && value !== '') input[column] = value;
    }
    // csv-parse's own line count (blank lines included), so a person finds the row in the file.
    return { line: info.lines, cells, input };
  });
  return { columns, rows };
}
