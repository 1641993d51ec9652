import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/audit/sqlite.ts';
import { verifyAuditFile } from '../../src/audit/verify-file.ts';
import { auditPath, found, matchedNumber, rowsOf, tamperWith, writeSearches } from '../support/audit-files.ts';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;

/** Every chain column cleared, and a MATCHED row rewritten as a search that found nothing. */
function clearChainAndRewrite(path: string) {
  const db = tamperWith(path);
  prepare(db, 'UPDATE searches SET prev_hash = NULL, hash = NULL').run();
  prepare(db, "UPDATE searches SET status = 'NOT_FOUND', matches_count = 0, matched_numbers = '[]' WHERE id = 3").run();
  return db;
}

describe('the audit chain cannot be switched off', () => {
  it('npm run audit:verify exits 1 on a cleared chain, naming the rows, never their content', async () => {
    const path = auditPath();
    writeSearches(path, 8);
    clearChainAndRewrite(path);
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/audit/verify-cli.ts', path], {
      cwd: REPO_ROOT,
    }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^CLEARED rows 1-8: no chain where the chain must be: the chain columns were cleared/m);
    expect(run.stdout).not.toMatch(/unchained, not verifiable/);
    expect(run.stdout).toMatch(/chain NOT intact: 1 findings\n$/);
    for (let n = 0; n < 8; n++) expect(run.stdout).not.toContain(matchedNumber(n));
  });

  it('finds a chain cleared on some rows only, after the chain began', () => {
    const path = auditPath();
    writeSearches(path, 5);
    prepare(tamperWith(path), 'UPDATE searches SET prev_hash = NULL, hash = NULL WHERE id <= 2').run();
    expect(found(verifyAuditFile(path))).toEqual([
      { kind: 'cleared', from: 1, to: 2 },
      { kind: 'unlinked', from: 3, to: 3 },
    ]);
  });

  it('finds a cleared chain whose record of where it starts was dropped or emptied too', () => {
    const path = auditPath();
    writeSearches(path, 4);
    const db = clearChainAndRewrite(path);
    prepare(db, 'DELETE FROM chain_start').run();
    expect(found(verifyAuditFile(path))).toEqual([
      { kind: 'start', from: 0, to: 0 },
      { kind: 'cleared', from: 1, to: 4 },
    ]);
    db.exec('DROP TABLE chain_start');
    expect(found(verifyAuditFile(path))).toEqual([{ kind: 'cleared', from: 1, to: 4 }]);
  });

  it('with the chain columns and the record dropped, the file looks older than the chain: only a recorded head tells', () => {
    const path = auditPath();
    writeSearches(path, 4);
    const head = verifyAuditFile(path).head!;
    const db = clearChainAndRewrite(path);
    db.exec(
      'ALTER TABLE searches DROP COLUMN prev_hash; ALTER TABLE searches DROP COLUMN hash; DROP TABLE chain_start',
    );
    expect(verifyAuditFile(path)).toMatchObject({ intact: true, unchained: { count: 4 } });
    expect(found(verifyAuditFile(path, { expectedHead: head }))).toEqual([{ kind: 'head', from: 4, to: 4 }]);
  });

  it('records where the chain starts in a file written before that record: at its first chained row', () => {
    const path = auditPath();
    writeSearches(path, 3);
    // What the version before the record wrote: the chain columns, no chain_start.
    const db = tamperWith(path);
    db.exec('DROP TABLE chain_start');
    expect(verifyAuditFile(path)).toMatchObject({ intact: true, head: { id: 3 } });

    writeSearches(path, 1, { from: 3 });
    expect(prepare(db, 'SELECT first_id FROM chain_start').all()).toEqual([{ first_id: 1 }]);
    expect(rowsOf(db).map((row) => row.hash === null)).toEqual([false, false, false, false]);
    // The writer put the triggers back.
    prepare(tamperWith(path), 'UPDATE searches SET prev_hash = NULL, hash = NULL WHERE id = 1').run();
    expect(found(verifyAuditFile(path))).toEqual([
      { kind: 'cleared', from: 1, to: 1 },
      { kind: 'unlinked', from: 2, to: 2 },
    ]);
  });
});
