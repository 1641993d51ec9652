import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { leave } from './leftovers.ts';

/** The repository's root, where `npm start` and `src/main.ts` run from. */
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildService {
  readonly child: ChildProcess;
  /** The service's own process (npm's child when started through npm). */
  readonly pid: number;
  readonly url: string;
  readonly graphqlUrl: string;
  /** Every JSON log line on its stdout so far (and on, while it runs). */
  readonly logs: string[];
  readonly exited: Promise<number | null>;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the service as a supervisor would (`npm start`, `node --import tsx src/main.ts`, a build's
 * `main.js`) on port 0 with info logs, and waits for its "listening" log line. The command and the
 * service's own process are killed after the test (or after the file, when started in `beforeAll`).
 */
export async function startChildService(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<ChildService> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  leave(() => child.kill('SIGKILL'));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs: string[] = [];
  const listening = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return; // npm's own banner
      logs.push(line);
      const entry = JSON.parse(line) as { msg?: string; url?: string; pid?: number };
      if (entry.msg === 'phonematch listening' && entry.url && entry.pid) resolve({ url: entry.url, pid: entry.pid });
    });
    void exited.then((code) => reject(new Error(`exited early with ${code}`)));
  });
  leave(() => isAlive(listening.pid) && process.kill(listening.pid, 'SIGKILL'));
  return {
    child,
    pid: listening.pid,
    url: listening.url.replace(/\/graphql$/, ''),
    graphqlUrl: listening.url,
    logs,
    exited,
  };
}
