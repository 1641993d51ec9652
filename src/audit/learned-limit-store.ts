import type Database from 'better-sqlite3';
import type { LearnedLimit, LearnedLimitStore } from '../checker/index.ts';
import { openDatabase, prepare } from './sqlite.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS learned_limits (
  service        TEXT    PRIMARY KEY,
  in_flight      INTEGER NOT NULL,
  no_load_rtt_ms REAL    NOT NULL,
  learned_at     INTEGER NOT NULL
);
`;

interface Row {
  in_flight: number;
  no_load_rtt_ms: number;
  learned_at: number;
}

/**
 * The last limit learned per order service, for an instance that runs alone: one row per service in
 * the audit's SQLite file (its own table, beside the append-only `searches`), so a restart resumes
 * from it. Its own connection to the file: the audit's is not shared.
 */
export class SqliteLearnedLimits implements LearnedLimitStore {
  private readonly read: Database.Statement<[string], Row>;
  private readonly write: Database.Statement<[string, number, number, number]>;

  /** @param path the audit's SQLite file (AUDIT_DB_PATH), opened by the audit first */
  constructor(
    path: string,
    private readonly clock: () => number = Date.now,
  ) {
    const db = openDatabase(path, { timeout: 2000 });
    db.exec(SCHEMA);
    this.read = prepare(db, 'SELECT in_flight, no_load_rtt_ms, learned_at FROM learned_limits WHERE service = ?');
    this.write = prepare(
      db,
      `INSERT INTO learned_limits (service, in_flight, no_load_rtt_ms, learned_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (service) DO UPDATE SET
         in_flight = excluded.in_flight, no_load_rtt_ms = excluded.no_load_rtt_ms, learned_at = excluded.learned_at`,
    );
  }

  recall(service: string, maxAgeMs: number): Promise<LearnedLimit | undefined> {
    const row = this.read.get(service);
    if (!row || this.clock() - row.learned_at > maxAgeMs) return Promise.resolve(undefined);
    return Promise.resolve({ limit: row.in_flight, noLoadRttMs: row.no_load_rtt_ms });
  }

  remember(service: string, learned: LearnedLimit): Promise<void> {
    this.write.run(service, learned.limit, learned.noLoadRttMs, this.clock());
    return Promise.resolve();
  }
}
