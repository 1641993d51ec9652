import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leave } from '../support/leftovers.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { hasScript, jsonLines, orderService, runCli, runCliOnTerminal } from './run-cli.ts';

const TIMEOUT = 120_000;
/** Bar cells and cursor moves: what cli-progress draws. */
const BAR_BYTES = /[█░]|\x1b\[\d*[ABGKJ]/;
const COLOUR = /\x1b\[[\d;]*m/;
const TERMINAL = { TERM: 'xterm-256color' };

function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'phonematch-cli-out-'));
  leave(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, name);
}

describe.skipIf(!hasScript)('bars and colours only where they cannot mix with piped output', () => {
  it(
    'stdout piped (a reader like jq) and stderr on the terminal: no bar bytes anywhere, JSON lines on stdout',
    async () => {
      const input = { prefix: '1380571', suffix: '12', city: '杭州' } as const;
      const { env } = await orderService({ numbers: new Set([candidateAt(input, 'CITY', 40)]), latencyMs: 5 });
      const out = tempFile('events.jsonl');
      const { code, screen } = await runCliOnTerminal(
        ['match', '--prefix', input.prefix, '--suffix', input.suffix, '--city', input.city],
        { ...env, ...TERMINAL, CHECK_CONCURRENCY: '2' },
        out,
      );
      expect(code).toBe(0);
      expect(screen).not.toMatch(BAR_BYTES);
      const piped = readFileSync(out, 'utf8');
      expect(piped).not.toMatch(BAR_BYTES);
      expect(piped).not.toMatch(COLOUR);
      expect(jsonLines(piped).at(-1)).toMatchObject({ __typename: 'SearchFinished', result: { status: 'MATCHED' } });

      // --progress asks for the bars all the same (on stderr, the terminal), never on stdout.
      const again = await runCliOnTerminal(
        ['match', '--prefix', input.prefix, '--suffix', input.suffix, '--city', input.city, '--progress'],
        { ...env, ...TERMINAL },
        out,
      );
      expect(again.screen).toMatch(/ CITY {6}[█░]{20} \d+\/100/);
      expect(readFileSync(out, 'utf8')).not.toMatch(BAR_BYTES);
    },
    TIMEOUT,
  );

  it(
    'colours the result on a terminal, not with NO_COLOR; every tier drawn, an empty one as "no candidates"',
    async () => {
      const number = '13805711234';
      const { env } = await orderService({ numbers: new Set([number]) });
      const coloured = await runCliOnTerminal(['match', number, '--city', '杭州'], { ...env, ...TERMINAL });
      expect(coloured.code).toBe(0);
      expect(coloured.screen).toMatch(/\x1b\[1m\x1b\[32mMATCHED|\x1b\[32m\x1b\[1mMATCHED/);
      // A complete number is one candidate: the other tiers are there, and say they have none.
      expect(coloured.screen).toMatch(/ UNLOCATED ░+ no candidates/);
      const plain = await runCliOnTerminal(['match', number], { ...env, ...TERMINAL, NO_COLOR: '1' });
      expect(plain.screen).toContain('MATCHED  13805711234');
      expect(plain.screen.replace(/\x1b\[\?25[hl]/g, '')).not.toMatch(/\x1b\[[\d;]*m/);
    },
    TIMEOUT,
  );
});

describe('what the command says about itself', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const { code, stdout } = await runCli([flag]);
      expect(code).toBe(0);
      expect(stdout).toBe(`phonematch ${version}\n`);
    }
  });

  it('--help shows examples and the exit codes, with npx’s Ctrl-C and the direct way to run it', async () => {
    const { code, stdout } = await runCli(['match', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain("phonematch match '138****1234' --city 杭州");
    expect(stdout).toMatch(/Under npx .* 130/);
    expect(stdout).toContain('node_modules/.bin/phonematch');
  });

  it(
    'says when it answers from the bundled simulator, and not with an order service',
    async () => {
      const simulated = await runCli(['match', '13805711234']);
      expect(simulated.stderr).toContain("answering from the bundled simulator's made-up orders");
      expect(jsonLines(simulated.stdout).at(-1)).toMatchObject({ __typename: 'SearchFinished' });
      const { env } = await orderService();
      const real = await runCli(['match', '13805711234'], env);
      expect(real.code).toBe(1);
      expect(real.stderr).not.toContain('simulator');
    },
    TIMEOUT,
  );
});
