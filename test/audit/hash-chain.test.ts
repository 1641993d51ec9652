import { openDatabase, prepare } from '../../src/audit/sqlite.ts';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, rowHash } from '../../src/audit/audit-chain.ts';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { NotAnAuditFile, verifyAuditFile } from '../../src/audit/verify-file.ts';
import { appendSearch, auditPath, found, rowsOf, tamperWith, writeSearches } from '../support/audit-files.ts';
import { leave } from '../support/leftovers.ts';

describe('the audit hash chain', () => {
  it('links every row to the one before it; a fresh log verifies', () => {
    const path = auditPath();
    writeSearches(path, 5);
    const rows = rowsOf(openDatabase(path, { readonly: true }));
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (const [i, row] of rows.entries()) {
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]!.hash);
      expect(row.hash).toBe(rowHash(row.prev_hash!, row));
    }

    const report = verifyAuditFile(path);
    expect(report).toMatchObject({
      rows: 5,
      intact: true,
      findings: [],
      unchained: { count: 0 },
      head: { id: 5, hash: rows[4]!.hash },
    });
  });

  it('finds a row modified in place (triggers dropped, then UPDATE)', () => {
    const path = auditPath();
    writeSearches(path, 5);
    prepare(tamperWith(path), "UPDATE searches SET status = 'NOT_FOUND', matches_count = 0 WHERE id = 3").run();
    const report = verifyAuditFile(path);
    expect(report.intact).toBe(false);
    expect(found(report)).toEqual([{ kind: 'modified', from: 3, to: 3 }]);
  });

  it('finds deleted rows by the ids missing', () => {
    const path = auditPath();
    writeSearches(path, 6);
    prepare(tamperWith(path), 'DELETE FROM searches WHERE id IN (2, 4, 5)').run();
    expect(found(verifyAuditFile(path))).toEqual([
      { kind: 'deleted', from: 2, to: 2 },
      { kind: 'deleted', from: 4, to: 5 },
    ]);
  });

  it('finds a row deleted and the ids after it renumbered: the link is broken', () => {
    const path = auditPath();
    writeSearches(path, 5);
    const db = tamperWith(path);
    prepare(db, 'DELETE FROM searches WHERE id = 3').run();
    prepare(db, 'UPDATE searches SET id = id - 1 WHERE id > 3').run();
    expect(found(verifyAuditFile(path))).toEqual([
      { kind: 'unlinked', from: 2, to: 3 },
      // SQLite's id counter still says 5 was handed out.
      { kind: 'deleted', from: 5, to: 5 },
    ]);
  });

  it('finds a forged row inserted in the middle, even one hashed and linked like the real ones', () => {
    const path = auditPath();
    writeSearches(path, 5);
    const db = tamperWith(path);
    // Make room at id 3 (in two steps: ids must stay unique at every row), then slip the forgery in.
    prepare(db, 'UPDATE searches SET id = -id WHERE id >= 3').run();
    prepare(db, 'UPDATE searches SET id = 1 - id WHERE id < 0').run();
    const before = rowsOf(db)[1]!;
    const forged = { ...before, search_id: 'forged', key_id: 'mallory', prev_hash: before.hash!, id: 3 };
    prepare(
      db,
      `INSERT INTO searches VALUES (@id, @time, @search_id, @key_id, @request_id, @masked_input, @city, @province, @stop_at,
        @tiers_run, @status, @matches_count, @matched_numbers, @numbers_full, @checked, @upstream_requests, @elapsed_ms,
        @prev_hash, @hash)`,
    ).run({ ...forged, hash: rowHash(before.hash!, forged) });

    const report = verifyAuditFile(path);
    expect(report.rows).toBe(6);
    expect(found(report)).toEqual([{ kind: 'inserted', from: 3, to: 3 }]);
  });

  it('finds a crude forgery (no chain columns) appended at the end as cleared', () => {
    const path = auditPath();
    writeSearches(path, 3);
    const db = tamperWith(path);
    prepare(
      db,
      `INSERT INTO searches (time, search_id, key_id, masked_input, stop_at, tiers_run, status, matches_count,
         matched_numbers, numbers_full, checked, upstream_requests, elapsed_ms)
       SELECT time, 'forged', key_id, masked_input, stop_at, tiers_run, status, matches_count, matched_numbers,
         numbers_full, checked, upstream_requests, elapsed_ms FROM searches WHERE id = 1`,
    ).run();
    expect(found(verifyAuditFile(path))).toEqual([{ kind: 'cleared', from: 4, to: 4 }]);
  });

  it('finds a truncated tail by SQLite’s id counter, but not once that is lowered too, unless a recorded head is given', () => {
    const path = auditPath();
    writeSearches(path, 5);
    const head = verifyAuditFile(path).head!;
    const db = tamperWith(path);
    prepare(db, 'DELETE FROM searches WHERE id > 3').run();
    // sqlite_sequence keeps the highest id ever handed out (AUTOINCREMENT).
    expect(found(verifyAuditFile(path))).toEqual([{ kind: 'deleted', from: 4, to: 5 }]);

    // Someone who knows that lowers the counter: the rest of the chain is intact, nothing in the file tells.
    prepare(db, "UPDATE sqlite_sequence SET seq = 3 WHERE name = 'searches'").run();
    expect(verifyAuditFile(path)).toMatchObject({ intact: true, head: { id: 3 } });
    // Only a head recorded outside the file does.
    expect(found(verifyAuditFile(path, { expectedHead: head }))).toEqual([{ kind: 'head', from: 5, to: 5 }]);
  });

  it('finds a chain recomputed after an edit only against a recorded head', () => {
    const path = auditPath();
    writeSearches(path, 4);
    const head = verifyAuditFile(path).head!;
    const db = tamperWith(path);
    prepare(db, "UPDATE searches SET key_id = 'mallory' WHERE id = 2").run();
    // Rewrite every hash from the edited row on, as a forger who read audit-chain.ts would.
    let prev = rowsOf(db)[0]!.hash!;
    for (const row of rowsOf(db).slice(1)) {
      const hash = rowHash(prev, row);
      prepare(db, 'UPDATE searches SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, row.id);
      prev = hash;
    }
    expect(verifyAuditFile(path).intact).toBe(true);
    expect(found(verifyAuditFile(path, { expectedHead: head }))).toEqual([{ kind: 'head', from: 4, to: 4 }]);
  });

  it('migrates a file from before the chain: old rows stay unchained, new rows chain from GENESIS', () => {
    const path = auditPath();
    writeSearches(path, 3);
    // What an older version wrote: the same table without the chain columns or the record of their start.
    const old = tamperWith(path);
    old.exec(
      'ALTER TABLE searches DROP COLUMN prev_hash; ALTER TABLE searches DROP COLUMN hash; DROP TABLE chain_start',
    );
    expect(verifyAuditFile(path)).toMatchObject({ intact: true, unchained: { count: 3 }, head: undefined });

    writeSearches(path, 2, { from: 3 });
    const rows = rowsOf(old);
    expect(rows.map((r) => [r.id, r.prev_hash === null, r.hash === null])).toEqual([
      [1, true, true],
      [2, true, true],
      [3, true, true],
      [4, false, false],
      [5, false, false],
    ]);
    expect(rows[3]!.prev_hash).toBe(GENESIS_HASH);
    expect(verifyAuditFile(path)).toMatchObject({
      intact: true,
      unchained: { count: 3, firstId: 1, lastId: 3 },
      head: { id: 5 },
    });

    // Unchained rows cannot be vouched for, but their ids still can: one deleted is found. (The writer
    // put the triggers back.)
    const again = tamperWith(path);
    prepare(again, 'DELETE FROM searches WHERE id = 2').run();
    // Chain columns cleared on the first chained row: the file recorded that its chain starts there.
    prepare(again, 'UPDATE searches SET prev_hash = NULL, hash = NULL WHERE id = 4').run();
    expect(found(verifyAuditFile(path))).toEqual([
      { kind: 'deleted', from: 2, to: 2 },
      { kind: 'cleared', from: 4, to: 4 },
      { kind: 'unlinked', from: 5, to: 5 },
    ]);
  });

  it("links each row to the file's last row, not to the last one this connection wrote (two connections interleaved)", () => {
    const path = auditPath();
    const a = new AuditLog({ path });
    const b = new AuditLog({ path });
    leave(() => {
      a.close();
      b.close();
    });
    for (let n = 0; n < 10; n++) appendSearch(n % 3 === 0 ? b : a, n);
    expect(verifyAuditFile(path)).toMatchObject({ rows: 10, intact: true, head: { id: 10 } });
  });

  it('refuses a file that is not an audit', () => {
    const path = auditPath();
    expect(() => verifyAuditFile(path)).toThrow(NotAnAuditFile);
    const db = openDatabase(path);
    db.exec('CREATE TABLE other (x)');
    db.close();
    expect(() => verifyAuditFile(path)).toThrow(/no searches table/);
  });
});
