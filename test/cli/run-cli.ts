import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/server.ts';
import { leave } from '../support/leftovers.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The real binary, as `npx phonematch` runs it. */
export const BIN = resolve(REPO_ROOT, 'bin', 'phonematch.js');

/** Whether util-linux `script` is here to give the command a pseudo-terminal. */
export const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

export interface CliRun {
  readonly child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name if it died of one). */
  readonly exited: Promise<number | string>;
}

/**
 * Starts the command as a child process with only the environment given (plus PATH/HOME), so the
 * developer's own settings cannot leak in. stdout and stderr are pipes: the command sees no terminal.
 */
export function startCli(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: baseEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A command a failed test left running is killed with the test.
  leave(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | string>((resolveExit, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolveExit(code ?? signal ?? 'unknown'));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

export async function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Runs the command on a pseudo-terminal (`script`), as a person at a terminal would; returns what they saw. */
export async function runCliOnTerminal(
  args: readonly string[],
  env: Record<string, string> = {},
  /** A file for stdout (`… > file`, a reader other than the terminal); stderr stays on the terminal. */
  stdoutTo?: string,
): Promise<{ code: number | string; screen: string }> {
  const command =
    [process.execPath, BIN, ...args].map(shellQuote).join(' ') + (stdoutTo ? ` > ${shellQuote(stdoutTo)}` : '');
  // -e: exit with the command's code; -f: flush as it goes; the typescript file is thrown away.
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd: REPO_ROOT,
    env: { ...baseEnv(env), COLUMNS: '120', LINES: '40' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  leave(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  let screen = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
  const code = await new Promise<number | string>((resolveExit, reject) => {
    child.on('error', reject);
    child.on('close', (c, signal) => resolveExit(c ?? signal ?? 'unknown'));
  });
  return { code, screen };
}

/** The events of a piped run, one JSON object per line. */
export function jsonLines(stdout: string): Array<Record<string, unknown> & { __typename?: string }> {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function baseEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR'] as const;
  const base: NodeJS.ProcessEnv = {};
  for (const name of keep) if (process.env[name] !== undefined) base[name] = process.env[name];
  return { ...base, AUDIT_DB_PATH: 'off', ...env };
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const ORDERS_TOKEN = 'cli-test-orders-token';

/**
 * An order-service simulator this test owns (closed after it), and the environment that points the
 * command's in-process service at it, so the test sees every request the command sends.
 */
export async function orderService(
  options: SimulatorOptions = {},
): Promise<{ simulator: Simulator; env: Record<string, string> }> {
  const simulator = await startSimulator({ token: ORDERS_TOKEN, ...options });
  leave(() => simulator.stop());
  return { simulator, env: { ORDERS_URL: simulator.ordersUrlTemplate, ORDERS_COOKIE: ORDERS_TOKEN } };
}
