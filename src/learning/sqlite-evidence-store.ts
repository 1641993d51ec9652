import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, prepare } from '../audit/sqlite.ts';
import type { EvidenceStore } from './evidence-store.ts';
import type { EvidenceRow } from './learned-places.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS learned_places (
  segment  INTEGER NOT NULL,
  city     TEXT    NOT NULL,
  key_id   TEXT    NOT NULL,
  count    INTEGER NOT NULL,
  updated  TEXT    NOT NULL,
  PRIMARY KEY (segment, city, key_id)
) WITHOUT ROWID;
`;

/**
 * Evidence in the audit's SQLite database (its own table, beside the append-only `searches`): an
 * instance alone keeps what it learned across restarts. One row per segment, city (`浙江|杭州`) and
 * API key id, counting that key's matches up to the cap.
 */
export class SqliteEvidenceStore implements EvidenceStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement<[number, string, string, string, number]>;
  private readonly all: Database.Statement<[], { segment: number; city: string; key_id: string; count: number }>;
  private readonly changes: Database.Statement<[], { version: string }>;

  constructor(path: string) {
    const file = resolve(path);
    if (!existsSync(dirname(file))) mkdirSync(dirname(file), { recursive: true });
    this.db = openDatabase(file);
    prepare(this.db, 'PRAGMA journal_mode = WAL').get();
    prepare(this.db, 'PRAGMA busy_timeout = 2000').get();
    this.db.exec(SCHEMA);
    // A key at its cap changes nothing: the conflict update's WHERE leaves the row as it is.
    this.upsert = prepare(
      this.db,
      `INSERT INTO learned_places (segment, city, key_id, count, updated) VALUES (?, ?, ?, 1, ?)
       ON CONFLICT (segment, city, key_id) DO UPDATE SET count = count + 1, updated = excluded.updated
       WHERE count < ?`,
    );
    this.all = prepare(this.db, 'SELECT segment, city, key_id, count FROM learned_places');
    this.changes = prepare(this.db, "SELECT count(*) || ':' || coalesce(sum(count), 0) AS version FROM learned_places");
  }

  add(segment: number, cityKey: string, keyId: string, cap: number): Promise<boolean> {
    const { changes } = this.upsert.run(segment, cityKey, keyId, new Date().toISOString(), cap);
    return Promise.resolve(changes > 0);
  }

  rows(): Promise<EvidenceRow[]> {
    return Promise.resolve(
      this.all.all().map((r) => ({ segment: r.segment, cityKey: r.city, keyId: r.key_id, count: r.count })),
    );
  }

  version(): Promise<string> {
    return Promise.resolve(this.changes.get()?.version ?? '0:0');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
