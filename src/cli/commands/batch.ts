import { setTimeout as sleep } from 'node:timers/promises';
import { Presets, SingleBar } from 'cli-progress';
import type { BatchFile, BatchRow } from '../batch/batch-file.ts';
import type { ResultWriter, RowResult, RowStatus } from '../batch/batch-results.ts';
import { EXIT, type ExitCode, exitCodeOf } from '../exit-codes.ts';
import { badInputSummary } from '../render/bad-input-text.ts';
import type { SearchTarget } from '../targets/search-target.ts';
import { initialSearchProgress, reduceSearchProgress } from '../../../client/search-progress.ts';

/**
 * Resolves every row of a batch file, one search after another, writing each result as it is done.
 * The searches share one checker (in-process) or one service, whose cache answers a number already
 * checked by an earlier row, so the order service is never asked twice for a number with a definite
 * answer. Exits with the highest code of any row (see EXIT); Ctrl-C cancels the running search, and the
 * rows not reached are written as CANCELLED.
 */
export async function batchCommand(
  target: SearchTarget,
  file: BatchFile,
  writer: ResultWriter,
  out: { stderr: NodeJS.WritableStream; progress: boolean },
  signal: AbortSignal,
): Promise<ExitCode> {
  const counts: Partial<Record<RowStatus, number>> = {};
  const bar = out.progress
    ? new SingleBar(
        {
          stream: out.stderr,
          format:
            ' batch {bar} {value}/{total} rows  matched {matched}  not found {notFound}  other {other}  {current}',
          barsize: 30,
          hideCursor: true,
          clearOnComplete: false,
          fps: 12,
        },
        Presets.shades_classic,
      )
    : undefined;
  let done = 0;
  const payload = (current: string) => ({
    matched: counts.MATCHED ?? 0,
    notFound: counts.NOT_FOUND ?? 0,
    other: done - (counts.MATCHED ?? 0) - (counts.NOT_FOUND ?? 0),
    current,
  });
  let worst: ExitCode = EXIT.MATCHED;
  bar?.start(file.rows.length, 0, payload(''));
  try {
    for (const row of file.rows) {
      const result = signal.aborted
        ? notRun(row)
        : await resolveRow(target, row, signal, {
            show: (current) => bar?.update(done, payload(current)),
            // Without a bar, a wait is said on stderr, so a piped batch does not look hung.
            note: (text) => (bar ? bar.update(done, payload(text)) : out.stderr.write(`phonematch: ${text}\n`)),
          });
      writer.write(result);
      counts[result.status] = (counts[result.status] ?? 0) + 1;
      worst = Math.max(worst, rowExitCode(result.status)) as ExitCode;
      done++;
      bar?.update(done, payload(''));
    }
  } finally {
    bar?.stop();
    await writer.end();
  }
  const summary = Object.entries(counts)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  out.stderr.write(`phonematch: ${file.rows.length} rows: ${summary || 'none'}\n`);
  return worst;
}

export function rowExitCode(status: RowStatus): ExitCode {
  if (status === 'BAD_INPUT') return EXIT.BAD_INPUT;
  if (status === 'FAILED') return EXIT.FAILED;
  return exitCodeOf(status);
}

/** One row's search; a quota refusal from a service (TOO_MANY_SEARCHES, RATE_LIMITED) is waited out. */
async function resolveRow(
  target: SearchTarget,
  row: BatchRow,
  signal: AbortSignal,
  { show, note }: { show: (current: string) => void; note: (text: string) => void },
): Promise<RowResult> {
  for (;;) {
    let progress = initialSearchProgress;
    const outcome = await target.search(row.input, {
      signal,
      onEvent: (event) => {
        progress = reduceSearchProgress(progress, event);
        show(`line ${row.line} ${progress.query ?? ''} ${progress.checked}/${progress.total}`);
      },
    });
    const base = { row, matches: [], checked: 0, failed: 0, failedNumbers: [], note: null, error: null };
    switch (outcome.kind) {
      case 'finished': {
        const r = outcome.result;
        const located = new Map(progress.matches.map((m) => [m.phone, m]));
        return {
          ...base,
          status: r.status,
          matches: r.matches.map((m) => located.get(m.phone) ?? m),
          checked: r.tiers.reduce((n, t) => n + t.checked, 0),
          failed: r.tiers.reduce((n, t) => n + t.failed, 0),
          failedNumbers: r.failedNumbers,
          note: r.note ?? null,
        };
      }
      case 'bad-input':
        return { ...base, status: 'BAD_INPUT', error: badInputSummary(outcome.errors) };
      case 'cancelled':
        return { ...base, status: 'CANCELLED', note: 'cancelled while running' };
      case 'failed':
        if (outcome.retryAfterSeconds !== undefined && !signal.aborted) {
          note(`line ${row.line}: ${outcome.code ?? 'quota'}, retrying in ${outcome.retryAfterSeconds} s`);
          await sleep(outcome.retryAfterSeconds * 1000, undefined, { signal }).catch(() => {});
          if (signal.aborted) return notRun(row);
          continue;
        }
        return {
          ...base,
          status: 'FAILED',
          error: { reason: outcome.code ?? 'SEARCH_FAILED', message: outcome.message },
        };
    }
  }
}

function notRun(row: BatchRow): RowResult {
  return {
    row,
    status: 'CANCELLED',
    matches: [],
    checked: 0,
    failed: 0,
    failedNumbers: [],
    note: 'not run: the batch was cancelled',
    error: null,
  };
}
