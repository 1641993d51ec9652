import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { build as viteBuild } from 'vite';
import type { Logger } from '../log/logger.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the agent console's built files are (and where `useConsole` serves them from). */
export const CONSOLE_DIST = join(REPO_ROOT, 'dist', 'console');
const CONSOLE_CONFIG = join(REPO_ROOT, 'console', 'vite.config.ts');
/** What the console is built from: its own sources, the progress reducer, and the typed documents. */
const CONSOLE_SOURCES = ['console', 'client', join('schema', 'generated')].map((dir) => join(REPO_ROOT, dir));

export type ConsoleBuild = 'fresh' | 'built' | 'unavailable';

/**
 * Builds the console with Vite when its build is missing or older than its sources, so a fresh clone
 * (`npm ci && npm start`) and an edited checkout both serve the current console. Nothing built is
 * committed. Several processes may call this at once (test files, a start during tests): each builds
 * into its own directory and the first to finish swaps it in. Without Vite (dev dependencies omitted)
 * the console is reported unavailable instead of failing the start.
 */
export async function ensureConsoleBuilt(options: { logger?: Logger; force?: boolean } = {}): Promise<ConsoleBuild> {
  if (!options.force && isFresh()) return 'fresh';
  if (!existsSync(CONSOLE_CONFIG)) return existsSync(join(CONSOLE_DIST, 'index.html')) ? 'fresh' : 'unavailable';
  let build: typeof viteBuild;
  try {
    ({ build } = await import('vite'));
  } catch {
    options.logger?.warn('the agent console is not built and Vite is not installed: /console is unavailable');
    return 'unavailable';
  }
  const started = performance.now();
  const staging = `${CONSOLE_DIST}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
  try {
    await build({ configFile: CONSOLE_CONFIG, logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    rmSync(CONSOLE_DIST, { recursive: true, force: true });
    try {
      renameSync(staging, CONSOLE_DIST);
    } catch {
      // Another process swapped its build in first; theirs is as good as ours.
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  options.logger?.info({ ms: Math.round(performance.now() - started), dir: CONSOLE_DIST }, 'agent console built');
  return 'built';
}

/** True when dist/console exists and is newer than every source file it is built from. */
function isFresh(): boolean {
  const built = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return CONSOLE_SOURCES.every((dir) => newestMtime(dir) <= builtAt);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}
