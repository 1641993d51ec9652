import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifyAuditFile } from '../../src/audit/verify-file.ts';
import { auditPath, matchedNumber, tamperWith, writeSearches } from '../support/audit-files.ts';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run audit:verify`, as its script runs it, in a child process. */
async function verify(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { AUDIT_DB_PATH: _ignored, ...inherited } = process.env;
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/audit/verify-cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** No number the fake searches matched (stored in full in the file) appears in `text`. */
function expectNoFullNumber(text: string, written: number) {
  for (let n = 0; n < written; n++) expect(text).not.toContain(matchedNumber(n));
}

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain and prints its head; takes the path from AUDIT_DB_PATH too', async () => {
    const path = auditPath();
    writeSearches(path, 4);
    const run = await verify([path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/4 rows\n/);
    expect(run.stdout).toMatch(
      /^head: row 4, hash [0-9a-f]{64} \(record it outside this file; later, --head 4:[0-9a-f]{64} checks it\)$/m,
    );
    expect(run.stdout).toMatch(/chain intact\n$/);
    expectNoFullNumber(run.stdout + run.stderr, 4);

    const fromEnv = await verify([], { AUDIT_DB_PATH: path });
    expect(fromEnv).toMatchObject({ code: 0, stdout: run.stdout });
  });

  it('exits 1 and names the rows modified and deleted, never their content', async () => {
    const path = auditPath();
    writeSearches(path, 8);
    const head = /--head (\S+) checks it/.exec((await verify([path])).stdout)![1]!;
    const db = tamperWith(path);
    db.prepare("UPDATE searches SET matched_numbers = '[]', matches_count = 0 WHERE id = 2").run();
    db.prepare('DELETE FROM searches WHERE id IN (4, 5)').run();
    db.prepare('DELETE FROM searches WHERE id = 8').run();

    const run = await verify([path, '--head', head]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^MODIFIED row 2: /));
    expect(lines).toContainEqual(expect.stringMatching(/^DELETED rows 4-5: /));
    expect(lines).toContainEqual(expect.stringMatching(/^DELETED row 8: .*sqlite_sequence/));
    expect(lines).toContainEqual(expect.stringMatching(/^HEAD row 8: the recorded head, row 8, is gone/));
    expect(run.stdout).toMatch(/chain NOT intact: 4 findings\n$/);
    expectNoFullNumber(run.stdout + run.stderr, 8);
  });

  it('exits 2 on the audit turned off and no path, a missing file or a bad --head', async () => {
    const path = auditPath();
    expect(await verify([], { AUDIT_DB_PATH: 'off' })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('AUDIT_DB_PATH'),
    });
    expect(await verify([path])).toMatchObject({ code: 2, stderr: expect.stringContaining(path) });
    writeSearches(path, 1);
    expect(await verify([path, '--head', 'nope'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--head'),
    });
  });

  it('finds one intact chain after two processes appended to the same file at once', async () => {
    const path = auditPath();
    writeSearches(path, 1);
    // Both start writing at the same moment, once both have loaded (tsx takes about a second here).
    const startAt = String(Date.now() + 3000);
    const writer = (from: number) =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'test/audit/append-searches.ts', path, '300', String(from), startAt],
        { cwd: REPO_ROOT },
      );
    await Promise.all([writer(1), writer(301)]);
    expect(verifyAuditFile(path)).toMatchObject({ rows: 601, intact: true, head: { id: 601 } });
  });
});
