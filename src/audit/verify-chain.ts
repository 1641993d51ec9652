import { CHAIN_START_TABLE, type ChainedColumn, GENESIS_HASH, rowHash } from './audit-chain.ts';

/** A row as the verifier reads it: the chained columns whatever SQLite holds now, `id` and the chain's two. */
export type ChainRow = Record<ChainedColumn, unknown> & {
  id: number;
  prev_hash: unknown;
  hash: unknown;
};

export type FindingKind =
  /** Rows whose content no longer gives their stored hash (edited in place). */
  | 'modified'
  /** Rows the chain must cover that have no chain: their chain columns were cleared, or they were slipped in without. */
  | 'cleared'
  /** Ids missing: between two rows, before the first, or after the last up to what SQLite handed out. */
  | 'deleted'
  /** Rows the chain goes around: the row after them links to the row before them. */
  | 'inserted'
  /** A row that does not link to the one before it, with no id missing to explain it. */
  | 'unlinked'
  /** The head recorded earlier (`expectedHead`) is gone or has another hash. */
  | 'head'
  /** The file's record of where the chain starts was emptied. */
  | 'start';

/** A run of row ids (`from` = `to` for one row) and what happened to them. Never row content. */
export interface Finding {
  kind: FindingKind;
  from: number;
  to: number;
  /** A sentence for the operator, about ids only. */
  detail: string;
}

export interface ChainHead {
  id: number;
  hash: string;
}

export interface ChainReport {
  /** Rows read. */
  rows: number;
  /** Rows written before the file had the chain (both chain columns empty, all before where the chain starts). */
  unchained: { count: number; firstId: number | undefined; lastId: number | undefined };
  /** The last chained row: what to record elsewhere and give back as `expectedHead` later. */
  head: ChainHead | undefined;
  findings: Finding[];
  /** No finding. Unchained rows are not findings: nothing vouches for them either way. */
  intact: boolean;
}

export interface VerifyOptions {
  /** SQLite's AUTOINCREMENT counter (sqlite_sequence.seq): the highest id ever handed out. */
  sequence?: number | undefined;
  /** A head recorded at an earlier verification: that row must still be there with that hash. */
  expectedHead?: ChainHead | undefined;
  /**
   * Where the chain starts, as the file records it (CHAIN_START_TABLE): every row from this id on must
   * be chained. `unrecorded`: the file has the chain's columns but not the record (written before it
   * was kept), so the chain starts at its first chained row, and rows with none chained had their
   * chain cleared. `removed`: the record was emptied (a finding), then as `unrecorded`. Absent: the
   * file has no chain at all (written before the chain), every row unchained.
   */
  chainStart?: number | 'unrecorded' | 'removed' | undefined;
}

/**
 * Walks the chain, rows in ascending id order (an iterator: rows stream from SQLite). Pure: no I/O,
 * and what it reports names row ids, never a row's content (which may hold full numbers).
 *
 * Per row: its hash must be sha256(its prev_hash + its fields) — else `modified` — and its prev_hash
 * must be the previous chained row's hash (GENESIS_HASH for the first). A link that fails is explained
 * by missing ids (`deleted`), or by a prev_hash naming an earlier row, whose followers are then
 * `inserted`; otherwise the row is `unlinked` from its predecessor (the predecessor was altered and
 * re-hashed, or rows were deleted and the ids renumbered). A row without a chain is unchained (written
 * before the chain) only before where the file's chain starts (`chainStart`); from there on it is
 * `cleared`: clearing the chain columns does not switch the chain off.
 *
 * Holds every chained row's hash in memory (about 150 bytes a row) to recognise links that skip rows.
 */
export function verifyChain(rows: Iterable<ChainRow>, options: VerifyOptions = {}): ChainReport {
  const marked = new Map<number, 'modified' | 'cleared' | 'inserted'>();
  const spans: Finding[] = [];
  // Stored hash of each chained row so far -> its position in `chainedIds`.
  const positionOf = new Map<string, number>();
  const chainedIds: number[] = [];
  const unchained: ChainReport['unchained'] = { count: 0, firstId: undefined, lastId: undefined };
  let count = 0;
  let lastId = 0;
  let previous: ChainHead | undefined;
  let expectedHeadHash: string | undefined;
  const { chainStart } = options;

  for (const row of rows) {
    count++;
    const { id } = row;
    const gap = id > lastId + 1;
    if (gap) spans.push(deleted(lastId + 1, id - 1, 'missing'));
    lastId = id;
    if (id === options.expectedHead?.id) expectedHeadHash = typeof row.hash === 'string' ? row.hash : '';

    if (row.prev_hash === null && row.hash === null) {
      // Before the chain starts: written before the chain. After: the chain columns were cleared.
      const covered = typeof chainStart === 'number' ? id >= chainStart : previous !== undefined;
      if (covered) {
        marked.set(id, 'cleared');
      } else {
        unchained.count++;
        unchained.firstId ??= id;
        unchained.lastId = id;
      }
      continue;
    }

    const prevHash = typeof row.prev_hash === 'string' ? row.prev_hash : '';
    const hash = typeof row.hash === 'string' ? row.hash : '';
    if (!isHash(prevHash) || rowHash(prevHash, row) !== hash) marked.set(id, 'modified');

    if (prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      const skippedFrom = positionOf.get(prevHash);
      if (skippedFrom !== undefined) {
        for (const inserted of chainedIds.slice(skippedFrom + 1)) marked.set(inserted, 'inserted');
      } else if (gap) {
        // The ids missing just before this row, reported above, explain the broken link.
      } else if (previous) {
        spans.push({
          kind: 'unlinked',
          from: previous.id,
          to: id,
          detail: `row ${id} does not link to row ${previous.id}: row ${previous.id} was altered and its hash recomputed, or rows were deleted and the ids renumbered`,
        });
      } else {
        spans.push({
          kind: 'unlinked',
          from: id,
          to: id,
          detail: `the first chained row does not start the chain: chained rows before it were deleted (ids renumbered) or had their chain columns cleared`,
        });
      }
    }

    if (hash && !positionOf.has(hash)) positionOf.set(hash, chainedIds.length);
    chainedIds.push(id);
    previous = { id, hash };
  }

  if (chainStart !== undefined && typeof chainStart !== 'number' && previous === undefined && unchained.count > 0) {
    // The file has the chain's columns, so it was chained; yet no row is: the chain was cleared.
    spans.push({
      kind: 'cleared',
      from: unchained.firstId!,
      to: unchained.lastId!,
      detail: `no row is chained though the file has the chain's columns and no record of where the chain starts: the chain was cleared (or the file was migrated by a phonematch older than that record and has had no search since)`,
    });
    unchained.count = 0;
    unchained.firstId = unchained.lastId = undefined;
  }
  if (chainStart === 'removed')
    spans.push({
      kind: 'start',
      from: 0,
      to: 0,
      detail: `the record of where the chain starts (${CHAIN_START_TABLE}) was emptied`,
    });
  if (options.sequence !== undefined && options.sequence > lastId)
    spans.push(deleted(lastId + 1, options.sequence, 'tail'));
  const expectedHead = options.expectedHead;
  if (expectedHead && expectedHeadHash === undefined)
    spans.push({
      kind: 'head',
      from: expectedHead.id,
      to: expectedHead.id,
      detail: `the recorded head, row ${expectedHead.id}, is gone: rows were deleted`,
    });
  else if (expectedHead && expectedHeadHash !== expectedHead.hash.toLowerCase())
    spans.push({
      kind: 'head',
      from: expectedHead.id,
      to: expectedHead.id,
      detail: `row ${expectedHead.id} no longer has the recorded head's hash: the chain up to it was rewritten`,
    });

  const findings = [...runsOf(marked), ...spans].sort((a, b) => a.from - b.from || a.to - b.to);
  return { rows: count, unchained, head: previous, findings, intact: findings.length === 0 };
}

/** Sentences for the operator: ids, counts and verified hashes only. */
export function formatReport(report: ChainReport): string {
  const lines = [`${report.rows} rows`];
  const { unchained } = report;
  if (unchained.count > 0)
    lines.push(
      `${unchained.count} rows (ids ${unchained.firstId}-${unchained.lastId}) were written before the hash chain: unchained, not verifiable`,
    );
  // A hash is printed only once verified: stored values of a tampered file may be any text at all.
  if (report.head && report.intact)
    lines.push(
      `head: row ${report.head.id}, hash ${report.head.hash} (record it outside this file; later, --head ${report.head.id}:${report.head.hash} checks it)`,
    );
  else if (report.head) lines.push(`last chained row: ${report.head.id}`);
  for (const finding of report.findings)
    lines.push(`${finding.kind.toUpperCase()} ${span(finding)}: ${finding.detail}`);
  lines.push(report.intact ? 'chain intact' : `chain NOT intact: ${report.findings.length} findings`);
  return `${lines.join('\n')}\n`;
}

/** `id:hash`, as formatReport prints a head. */
export function parseHead(text: string): ChainHead | undefined {
  const match = /^(\d+):([0-9a-f]{64})$/i.exec(text.trim());
  return match ? { id: Number(match[1]), hash: match[2]!.toLowerCase() } : undefined;
}

function isHash(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

function deleted(from: number, to: number, where: 'missing' | 'tail'): Finding {
  return {
    kind: 'deleted',
    from,
    to,
    detail:
      where === 'tail'
        ? `SQLite handed out ids up to ${to} (sqlite_sequence) but the rows end before: the tail was cut`
        : `${to === from ? 'this id is' : 'these ids are'} missing`,
  };
}

/** Consecutive ids of one kind, as one finding each. */
function runsOf(marked: Map<number, 'modified' | 'cleared' | 'inserted'>): Finding[] {
  const findings: Finding[] = [];
  for (const [id, kind] of [...marked].sort((a, b) => a[0] - b[0])) {
    const last = findings.at(-1);
    if (last?.kind === kind && last.to === id - 1) {
      last.to = id;
      continue;
    }
    findings.push({ kind, from: id, to: id, detail: '' });
  }
  for (const finding of findings)
    finding.detail =
      finding.kind === 'modified'
        ? 'the content no longer gives the stored hash (edited in place)'
        : finding.kind === 'cleared'
          ? 'no chain where the chain must be: the chain columns were cleared (or the rows slipped in without them), so nothing vouches for what they hold'
          : 'the chain goes around: the row after links to the row before';
  return findings;
}

function span(finding: Finding): string {
  if (finding.kind === 'start') return CHAIN_START_TABLE;
  return finding.kind === 'unlinked' && finding.from !== finding.to
    ? `rows ${finding.from}->${finding.to}`
    : finding.from === finding.to
      ? `row ${finding.from}`
      : `rows ${finding.from}-${finding.to}`;
}
