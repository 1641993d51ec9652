import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type { MatchStatus } from '../../../schema/generated/graphql.ts';
import type { FoundMatch } from '../../../client/search-progress.ts';
import type { BatchRow } from './batch-file.ts';

export const RESULT_FORMATS = ['csv', 'json'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** How one row ended: a search status, or refused input, or a search that could not run. */
export type RowStatus = MatchStatus | 'BAD_INPUT' | 'FAILED';

export interface RowResult {
  readonly row: BatchRow;
  readonly status: RowStatus;
  readonly matches: readonly FoundMatch[];
  readonly checked: number;
  readonly failed: number;
  readonly failedNumbers: readonly string[];
  readonly note: string | null;
  /** Refused input (the API's field, reason, message, suggestions) or why the search could not run. */
  readonly error: {
    readonly field?: string;
    readonly reason: string;
    readonly message: string;
    readonly suggestions?: readonly string[];
  } | null;
}

const RESULT_COLUMNS = [
  'status',
  'phone',
  'matches',
  'tier',
  'match_province',
  'match_city',
  'carrier',
  'checked',
  'failed',
  'failed_numbers',
  'note',
  'error_field',
  'error_reason',
  'error',
  'suggestions',
] as const;

export interface ResultWriter {
  write(result: RowResult): void;
  /** Flushes what was written; the stream itself is ended only if `endStream` was asked for. */
  end(): Promise<void>;
}

/**
 * Writes results as rows are done, in the file's order, so a long batch's output is usable as it goes.
 * CSV: the input's columns, then one column per result field (several matches joined by `;`). JSON: an
 * array of objects with the input cells under `input` and the matches with their location.
 */
export function resultWriter(
  format: ResultFormat,
  stream: NodeJS.WritableStream,
  inputColumns: readonly string[],
  options: { endStream: boolean },
): ResultWriter {
  if (format === 'json') {
    let first = true;
    stream.write('[');
    return {
      write(result) {
        stream.write(`${first ? '\n' : ',\n'}  ${JSON.stringify(asJson(result))}`);
        first = false;
      },
      async end() {
        stream.write(first ? ']\n' : '\n]\n');
        if (options.endStream) {
          stream.end();
          await once(stream, 'finish');
        }
      },
    };
  }
  const columns = [
    ...inputColumns.filter((c) => !(RESULT_COLUMNS as readonly string[]).includes(c)),
    ...RESULT_COLUMNS,
  ];
  const csv = stringify({ header: true, columns });
  csv.pipe(stream, { end: options.endStream });
  return {
    write(result) {
      csv.write(asCsvRecord(result));
    },
    async end() {
      csv.end();
      await once(csv, 'end');
      if (options.endStream) await once(stream, 'finish');
    },
  };
}

function asCsvRecord(r: RowResult): Record<string, string | number> {
  const first = r.matches[0];
  return {
    ...r.row.cells,
    status: r.status,
    phone: first?.phone ?? '',
    matches: r.matches.map((m) => m.phone).join(';'),
    tier: first?.tier ?? '',
    match_province: first?.location?.province ?? '',
    match_city: first?.location?.city ?? '',
    carrier: first?.location?.carrier ?? '',
    checked: r.checked,
    failed: r.failed,
    failed_numbers: r.failedNumbers.join(';'),
    note: r.note ?? '',
    error_field: r.error?.field ?? '',
    error_reason: r.error?.reason ?? '',
    error: r.error?.message ?? '',
    suggestions: r.error?.suggestions?.join(';') ?? '',
  };
}

function asJson(r: RowResult) {
  return {
    line: r.row.line,
    input: r.row.cells,
    status: r.status,
    matches: r.matches,
    checked: r.checked,
    failed: r.failed,
    failedNumbers: r.failedNumbers,
    note: r.note,
    error: r.error,
  };
}
