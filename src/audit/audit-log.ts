import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { Logger } from '../log/logger.ts';
import { maskPhone } from '../phone/mask.ts';
import type { SearchRequest } from '../plan/search-request.ts';
import type { FinishedInfo } from '../search/search-engine.ts';
import type { MatchResult } from '../search/search-types.ts';
import { CHAIN_START_TABLE, type ChainedColumn, GENESIS_HASH, rowHash } from './audit-chain.ts';
import { openDatabase, prepare } from './sqlite.ts';

/** One row of the `searches` table. */
export interface AuditRow {
  id: number;
  time: string;
  search_id: string;
  key_id: string;
  request_id: string | null;
  masked_input: string;
  city: string | null;
  province: string | null;
  stop_at: string;
  /** JSON: [{ tier, candidates, checked, withOrders, failed, cacheHits, outcome }] for the tiers that ran. */
  tiers_run: string;
  status: string;
  matches_count: number;
  /** JSON array: masked numbers, or full ones when the operator turned AUDIT_FULL_NUMBERS on. */
  matched_numbers: string;
  numbers_full: number;
  checked: number;
  upstream_requests: number;
  elapsed_ms: number;
  /** The hash chain (audit-chain.ts): the previous row's hash and this row's; null on rows written before the chain. */
  prev_hash: string | null;
  hash: string | null;
}

// Before SCHEMA, which includes it.
const CHAIN_START_SCHEMA = `
CREATE TABLE IF NOT EXISTS ${CHAIN_START_TABLE} (first_id INTEGER NOT NULL);
CREATE TRIGGER IF NOT EXISTS chain_start_no_update BEFORE UPDATE ON ${CHAIN_START_TABLE}
  BEGIN SELECT RAISE(ABORT, 'where the audit chain starts is fixed: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS chain_start_no_delete BEFORE DELETE ON ${CHAIN_START_TABLE}
  BEGIN SELECT RAISE(ABORT, 'where the audit chain starts is fixed: DELETE refused'); END;`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS searches (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  time              TEXT    NOT NULL,
  search_id         TEXT    NOT NULL,
  key_id            TEXT    NOT NULL,
  request_id        TEXT,
  masked_input      TEXT    NOT NULL,
  city              TEXT,
  province          TEXT,
  stop_at           TEXT    NOT NULL,
  tiers_run         TEXT    NOT NULL,
  status            TEXT    NOT NULL,
  matches_count     INTEGER NOT NULL,
  matched_numbers   TEXT    NOT NULL,
  numbers_full      INTEGER NOT NULL,
  checked           INTEGER NOT NULL,
  upstream_requests INTEGER NOT NULL,
  elapsed_ms        INTEGER NOT NULL,
  prev_hash         TEXT,
  hash              TEXT
);
CREATE INDEX IF NOT EXISTS searches_time ON searches (time);
CREATE INDEX IF NOT EXISTS searches_key ON searches (key_id, time);
CREATE TRIGGER IF NOT EXISTS searches_no_update BEFORE UPDATE ON searches
  BEGIN SELECT RAISE(ABORT, 'the audit is append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS searches_no_delete BEFORE DELETE ON searches
  BEGIN SELECT RAISE(ABORT, 'the audit is append-only: DELETE refused'); END;
${CHAIN_START_SCHEMA}
`;

export interface AuditLogOptions {
  /** SQLite file; its directory is created. */
  path: string;
  /** Write matched numbers in full (operator opt-in); masked otherwise. */
  fullNumbers?: boolean;
  logger?: Logger;
}

/**
 * Append-only record of every search in SQLite (WAL). Rows are only ever inserted: triggers make
 * SQLite itself refuse UPDATE and DELETE on `searches`. Inputs are stored masked; matched numbers are
 * masked unless `fullNumbers` is on.
 *
 * The triggers stop mistakes, not someone who can write the file (they can be dropped), so each row
 * is also chained to the one before it by hash (audit-chain.ts); `npm run audit:verify` walks the
 * chain (verify-chain.ts). Several processes may append to one file (a fleet on one host, the command
 * line beside the server, both on the default path): each row's link is read and its row inserted in
 * one IMMEDIATE transaction, which SQLite serialises across connections, so two rows never claim the
 * same predecessor.
 */
export class AuditLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly lastHash: Database.Statement<[], { hash: string | null }>;
  private readonly newest: Database.Statement<[number], AuditRow>;
  private readonly append: Database.Transaction<(row: Record<ChainedColumn, string | number | null>) => void>;
  private readonly fullNumbers: boolean;
  private readonly logger: Logger | undefined;

  constructor(options: AuditLogOptions) {
    createDirectory(dirname(options.path));
    this.db = openDatabase(options.path);
    prepare(this.db, 'PRAGMA journal_mode = WAL').get();
    prepare(this.db, 'PRAGMA synchronous = NORMAL').run();
    // In one transaction: two processes opening the same old file at once must not both add the columns.
    this.db
      .transaction(() => {
        this.db.exec(SCHEMA);
        addChainColumns(this.db);
        recordChainStart(this.db);
      })
      .immediate();
    this.fullNumbers = options.fullNumbers ?? false;
    this.logger = options.logger;
    this.insert = prepare(
      this.db,
      `
      INSERT INTO searches (time, search_id, key_id, request_id, masked_input, city, province, stop_at, tiers_run, status,
                            matches_count, matched_numbers, numbers_full, checked, upstream_requests, elapsed_ms,
                            prev_hash, hash)
      VALUES (@time, @search_id, @key_id, @request_id, @masked_input, @city, @province, @stop_at, @tiers_run, @status,
              @matches_count, @matched_numbers, @numbers_full, @checked, @upstream_requests, @elapsed_ms,
              @prev_hash, @hash)`,
    );
    this.lastHash = prepare(this.db, 'SELECT hash FROM searches ORDER BY id DESC LIMIT 1');
    this.newest = prepare(this.db, 'SELECT * FROM searches ORDER BY id DESC LIMIT ?');
    this.append = this.db.transaction((row) => {
      // After rows written before the chain (hash null) the chain starts afresh, as the verifier expects.
      const prevHash = this.lastHash.get()?.hash ?? GENESIS_HASH;
      this.insert.run({ ...row, prev_hash: prevHash, hash: rowHash(prevHash, row) });
    });
  }

  /** Records a finished search; never throws (a failed write is logged). */
  record(result: MatchResult, request: SearchRequest, info: FinishedInfo): void {
    try {
      // IMMEDIATE: the write lock is taken before the last hash is read (see the class comment).
      this.append.immediate({
        time: new Date().toISOString(),
        search_id: result.searchId,
        key_id: info.apiKeyId ?? 'unknown',
        request_id: info.requestId ?? null,
        // Masked like the logs: an input with ten known digits (1381234567*) is nearly a full number.
        masked_input: maskPhone(result.query),
        city: request.region.city?.short ?? null,
        province: request.region.province?.short ?? null,
        stop_at: info.stopAt,
        tiers_run: JSON.stringify(
          result.tiers
            .filter((t) => t.outcome !== 'SKIPPED' && t.outcome !== 'NOT_REACHED')
            .map((t) => ({
              tier: t.tier,
              candidates: t.candidates,
              checked: t.checked,
              withOrders: t.withOrders,
              failed: t.failed,
              cacheHits: t.cacheHits,
              outcome: t.outcome,
            })),
        ),
        status: result.status,
        matches_count: result.matches.length,
        matched_numbers: JSON.stringify(result.matches.map((m) => (this.fullNumbers ? m.phone : maskPhone(m.phone)))),
        numbers_full: this.fullNumbers ? 1 : 0,
        checked: result.totals.checked,
        upstream_requests: info.upstreamRequests,
        elapsed_ms: Math.round(result.elapsedMs),
      });
    } catch (error) {
      this.logger?.error({ err: error, searchId: result.searchId }, 'audit write failed');
    }
  }

  /** Rows, newest last (tests and operator tooling). */
  rows(limit = 1000): AuditRow[] {
    return this.newest.all(limit).reverse();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * A file written before the hash chain gets its two columns. Its old rows keep them null and the
 * verifier reports them as unchained: hashing them now would vouch for rows nobody can vouch for (they
 * may have been changed already), and would take UPDATEs through the triggers.
 */
function addChainColumns(db: Database.Database): void {
  const columns = new Set(
    prepare<[], { name: string }>(db, 'PRAGMA table_info(searches)')
      .all()
      .map((c) => c.name),
  );
  for (const column of ['prev_hash', 'hash'])
    if (!columns.has(column)) db.exec(`ALTER TABLE searches ADD COLUMN ${column} TEXT`);
}

/**
 * Records, once, the id from which every row is chained: the verifier then knows that a row from there
 * on without a chain was cleared (the chain cannot be switched off by clearing its columns). A fresh
 * file's chain starts at its first row, a file from before the chain at its next one; a file from
 * before this record at its first chained row.
 */
function recordChainStart(db: Database.Database): void {
  if (prepare(db, `SELECT 1 FROM ${CHAIN_START_TABLE}`).get() !== undefined) return;
  const firstChained = prepare<[], { id: number | null }>(
    db,
    'SELECT min(id) AS id FROM searches WHERE hash IS NOT NULL',
  ).get()?.id;
  const handedOut =
    prepare<[], { seq: number }>(db, "SELECT seq FROM sqlite_sequence WHERE name = 'searches'").get()?.seq ?? 0;
  prepare(db, `INSERT INTO ${CHAIN_START_TABLE} (first_id) VALUES (?)`).run(firstChained ?? handedOut + 1);
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's recursive mkdir never returns for
 * some paths (under /proc); here a directory that cannot be made is an error naming it and the reason.
 */
function createDirectory(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      throw new Error(`AUDIT_DB_PATH: cannot create the directory ${path}: ${(error as Error).message}`);
    }
  }
}
