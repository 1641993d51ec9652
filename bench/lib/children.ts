import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs `bench/children/<name>.ts` in a fresh Node process (tsx loader, --expose-gc) and returns the JSON
 * it prints as its last stdout line, plus the wall time from spawn to exit.
 */
export async function runChild<T>(
  name: string,
  args: string[] = [],
  nodeFlags: string[] = [],
): Promise<{ value: T; wallMs: number }> {
  const script = fileURLToPath(new URL(`../children/${name}.ts`, import.meta.url));
  const started = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`bench child ${name} exited with ${code}: ${out.slice(-500)}`);
  const last = out.trim().split('\n').at(-1) ?? '';
  return { value: JSON.parse(last) as T, wallMs };
}

export const MB = 1024 * 1024;
