import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, prepare } from '../../src/audit/sqlite.ts';
import { AuditLog, type AuditRow } from '../../src/audit/audit-log.ts';
import type { SearchRequest } from '../../src/plan/search-request.ts';
import type { FinishedInfo } from '../../src/search/search-engine.ts';
import type { MatchResult } from '../../src/search/search-types.ts';
import type { ChainReport } from '../../src/audit/verify-chain.ts';
import { leave } from './leftovers.ts';

/** A path for an audit database in a temp dir of its own, removed after the test. */
export function auditPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phonematch-chain-'));
  leave(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'audit.sqlite');
}

/** The full number each fake search "matched" (`n` from 0): written in full, as with AUDIT_FULL_NUMBERS=true. */
export const matchedNumber = (n: number) => `1380571${String(1000 + n).padStart(4, '0')}`;

/** Appends `count` rows through the real writer, as finished searches would. */
export function writeSearches(path: string, count: number, options: { from?: number } = {}): void {
  const audit = new AuditLog({ path, fullNumbers: true });
  try {
    for (let n = options.from ?? 0; n < (options.from ?? 0) + count; n++) appendSearch(audit, n);
  } finally {
    audit.close();
  }
}

export function appendSearch(audit: AuditLog, n: number): void {
  const phone = matchedNumber(n);
  audit.record(
    {
      searchId: `search-${n}`,
      query: phone,
      status: 'MATCHED',
      note: null,
      matches: [{ phone }],
      tiers: [],
      failedNumbers: [],
      failures: [],
      totals: { candidates: 10, checked: 3 + n, withOrders: 1, failed: 0, cacheHits: 0 },
      elapsedMs: 12.4 + n,
    } as unknown as MatchResult,
    { region: {} } as unknown as SearchRequest,
    { stopAt: 'FIRST_MATCH', upstreamRequests: 3, apiKeyId: 'alice', requestId: `request-${n}` } as FinishedInfo,
  );
}

/**
 * The file opened as someone with write access to it would: the append-only triggers dropped, so any
 * UPDATE or DELETE goes through. Closed after the test.
 */
export function tamperWith(path: string): Database.Database {
  const db = openDatabase(path);
  leave(() => db.close());
  for (const trigger of ['searches_no_update', 'searches_no_delete', 'chain_start_no_update', 'chain_start_no_delete'])
    db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  return db;
}

export function rowsOf(db: Database.Database): AuditRow[] {
  return prepare(db, 'SELECT * FROM searches ORDER BY id').all() as AuditRow[];
}

/** A report's findings without their sentences: kind and ids. */
export const found = (report: ChainReport) => report.findings.map(({ kind, from, to }) => ({ kind, from, to }));
