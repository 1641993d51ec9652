import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A phonematch instance in its own process (`src/main.ts` under tsx), for what needs a real process (SIGKILL). */
export interface InstanceProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly graphqlUrl: string;
  /** SIGKILL: no shutdown, no lease handed back; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

export async function startInstanceProcess(env: Record<string, string>): Promise<InstanceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', AUDIT_DB_PATH: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'phonematch listening' && entry.url) resolve(entry.url.replace(/\/graphql$/, ''));
      } catch {
        // not a log line
      }
    });
    void exited.then(() => reject(new Error(`instance exited before listening: ${stderr.slice(-500)}`)));
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return {
    child,
    url,
    graphqlUrl: `${url}/graphql`,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
}
