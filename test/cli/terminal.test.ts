import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leave } from '../support/leftovers.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { hasScript, orderService, runCli, runCliOnTerminal } from './run-cli.ts';

const TIMEOUT = 120_000;

describe.skipIf(!hasScript)('on a terminal (a pseudo-terminal from script)', () => {
  it(
    'draws a progress bar per tier, prints the match as it is found, then the result',
    async () => {
      const input = { mask: '138****1234', city: '杭州' } as const;
      const number = candidateAt(input, 'PROVINCE', 100);
      const { env } = await orderService({ numbers: new Set([number]), latencyMs: 10 });
      const { code, screen } = await runCliOnTerminal(['match', '138****1234', '--city', '杭州'], {
        ...env,
        CHECK_CONCURRENCY: '4',
      });
      expect(code).toBe(0);
      // One bar per tier, redrawn in place: CITY checked in full, PROVINCE stopped at the match, NATIONAL
      // never reached; the default data (the shipped phone.dat) places every 138 segment, so no UNLOCATED.
      expect(screen).toMatch(/ CITY {6}█{20} 102\/102  failed 0  orders 0  completed/);
      expect(screen).toMatch(/ PROVINCE  █*░+ +\d+\/482  failed 0  orders 1  stopped at match/);
      expect(screen).toMatch(/ NATIONAL  ░{20} +0\/9416  failed 0  orders 0  not reached/);
      expect(screen).toMatch(/ UNLOCATED ░{20} +no candidates +failed 0  orders 0  skipped/);
      // The match as soon as it is found, then the result with the per-tier table.
      const matchLine = screen.indexOf(`match ${number}  PROVINCE  浙江`);
      expect(matchLine).toBeGreaterThanOrEqual(0);
      expect(matchLine).toBeLessThan(screen.indexOf('MATCHED  138****1234'));
      expect(screen).toMatch(/PROVINCE +482 +\d+ +1 +0 +STOPPED_AT_MATCH/);
      // No JSON on a terminal.
      expect(screen).not.toContain('"__typename"');
    },
    TIMEOUT,
  );

  it(
    'shows one overall bar for a batch',
    async () => {
      const { env } = await orderService();
      const dir = mkdtempSync(join(tmpdir(), 'phonematch-cli-tty-'));
      leave(() => rmSync(dir, { recursive: true, force: true }));
      writeFileSync(join(dir, 'b.csv'), 'prefix,suffix,city\n1380571,12,杭州\n1380571,34,杭州\n');
      const { code, screen } = await runCliOnTerminal(
        ['match', '--batch', join(dir, 'b.csv'), '--output', join(dir, 'out.csv')],
        env,
      );
      expect(code).toBe(1);
      expect(screen).toMatch(/batch +█+ 2\/2 rows {2}matched 0 {2}not found 2/);
      expect(screen).toContain('2 rows: 2 NOT_FOUND');
    },
    TIMEOUT,
  );
});

describe('arguments', () => {
  it(
    '--help explains the command, its options by group, the exit codes and examples',
    async () => {
      const { code, stdout } = await runCli(['match', '--help']);
      expect(code).toBe(0);
      for (const text of [
        'Usage: phonematch match [options] [mask]',
        'Search:',
        '--stop-at <when>',
        'Where it runs',
        'PHONEMATCH_API_KEY',
        'Batch:',
        'In-process service',
        '[CHECK_CONCURRENCY]',
        'Exit codes:',
        'A batch exits with the highest code of its rows.',
      ])
        expect(stdout).toContain(text);
      // API-only settings are not offered: they do not apply when the command runs the search itself.
      expect(stdout).not.toContain('--max-aliases');
    },
    TIMEOUT,
  );

  it.each([
    [['match', '--bogus'], 'unknown option'],
    [['match', '--stop-at', 'never'], 'expected first-match, tier or all'],
    [['match', '138****1234', '--batch', 'x.csv'], '--batch takes the numbers'],
    [['match', '138****1234', '--format', 'json'], '--output and --format are for --batch'],
    [['match', '138****1234', '--server', 'localhost:4000'], '--server must be an http:// or https:// URL'],
    [
      ['match', '138****1234', '--server', 'http://127.0.0.1:1', '--orders-url', 'http://x/{phone}'],
      'configure the in-process service',
    ],
  ])(
    '%j is refused with exit 2',
    async (args, message) => {
      const { code, stderr } = await runCli(args);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    },
    TIMEOUT,
  );
});
