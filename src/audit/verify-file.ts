import type Database from 'better-sqlite3';
import { CHAIN_START_TABLE, CHAINED_COLUMNS } from './audit-chain.ts';
import { openDatabase, prepare } from './sqlite.ts';
import { type ChainReport, type ChainRow, type VerifyOptions, verifyChain } from './verify-chain.ts';

/** The file is missing or is not an audit database. */
export class NotAnAuditFile extends Error {
  override name = 'NotAnAuditFile';
}

/**
 * Verifies the chain of the audit database at `path`, opened read-only. Rows and SQLite's id counter
 * are read in one transaction: a consistent snapshot while the service goes on writing (WAL).
 */
export function verifyAuditFile(path: string, options: Pick<VerifyOptions, 'expectedHead'> = {}): ChainReport {
  let db;
  try {
    db = openDatabase(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new NotAnAuditFile(`${path}: ${(error as Error).message}`);
  }
  try {
    let columns;
    try {
      columns = new Set(
        prepare<[], { name: string }>(db, 'PRAGMA table_info(searches)')
          .all()
          .map((c) => c.name),
      );
    } catch (error) {
      // Not SQLite at all (SQLITE_NOTADB), or unreadable.
      throw new NotAnAuditFile(`${path}: ${(error as Error).message}`);
    }
    if (columns.size === 0) throw new NotAnAuditFile(`${path}: not a phonematch audit (no searches table)`);
    // A file no chained writer has opened yet has no chain columns: all its rows are unchained.
    const chain = ['prev_hash', 'hash'].map((c) => (columns.has(c) ? c : `NULL AS ${c}`)).join(', ');
    const rows = prepare(db, `SELECT id, ${CHAINED_COLUMNS.join(', ')}, ${chain} FROM searches ORDER BY id`);
    const sequence = prepare(db, "SELECT seq FROM sqlite_sequence WHERE name = 'searches'");
    const chained = columns.has('prev_hash') || columns.has('hash');
    return db.transaction(() =>
      verifyChain(rows.iterate() as IterableIterator<ChainRow>, {
        ...options,
        sequence: (sequence.get() as { seq: number } | undefined)?.seq,
        chainStart: chainStartOf(db, chained),
      }),
    )();
  } finally {
    db.close();
  }
}

/** Where the file says its chain starts (see VerifyOptions.chainStart). */
function chainStartOf(db: Database.Database, hasChainColumns: boolean): VerifyOptions['chainStart'] {
  const recorded = prepare(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).get(
    CHAIN_START_TABLE,
  );
  if (recorded === undefined) return hasChainColumns ? 'unrecorded' : undefined;
  const row = prepare<[], { first_id: unknown }>(db, `SELECT first_id FROM ${CHAIN_START_TABLE} LIMIT 1`).get();
  return typeof row?.first_id === 'number' ? row.first_id : 'removed';
}
