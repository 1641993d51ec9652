import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MatchPhoneEventsDocument } from '../../schema/generated/graphql.ts';
import { type MatchEvent, wsClient } from '../support/clients.ts';
import { leave } from '../support/leftovers.ts';
import { waitFor } from '../support/wait-for.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** A nationwide search of 10,000 candidates, far longer than any grace period here. */
const SLOW_NATIONWIDE = { mask: '138****1234' };

interface RunningProcess {
  readonly child: ChildProcess;
  /** The service's own process (npm's child when started through npm). */
  readonly pid: number;
  readonly url: string;
  readonly graphqlUrl: string;
  readonly logs: string[];
  readonly exited: Promise<number | null>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a command as a supervisor would and waits for the service's "listening" log line. */
async function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<RunningProcess> {
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

function subscribe(graphqlUrl: string) {
  const client = wsClient(graphqlUrl);
  const events: MatchEvent[] = [];
  let ended = false;
  client.subscribe(
    { query: print(MatchPhoneEventsDocument), variables: { input: SLOW_NATIONWIDE } },
    {
      next: (r) => r.data && events.push((r.data as { matchPhoneEvents: MatchEvent }).matchPhoneEvents),
      error: () => (ended = true),
      complete: () => (ended = true),
    },
  );
  return { client, events, ended: () => ended };
}

const lastStatus = (events: MatchEvent[]) => {
  const last = events.at(-1);
  return last?.__typename === 'SearchFinished' ? last.result.status : last?.__typename;
};

describe('signals', () => {
  it('`npm start`: SIGTERM to npm drains the service, which answers /health and /ready (503) meanwhile, and both exit', async () => {
    const service = await startProcess('npm', ['start'], {
      cwd: REPO,
      env: { AUDIT_DB_PATH: 'off', SHUTDOWN_GRACE_MS: '4000', SIM_LATENCY_MS: '50', CHECK_CONCURRENCY: '4' },
    });
    expect(service.pid).not.toBe(service.child.pid);
    const search = subscribe(service.graphqlUrl);
    await waitFor(() => search.events.length > 2, 'the search to run');

    service.child.kill('SIGTERM');
    await waitFor(
      async () => (await fetch(`${service.url}/ready`)).status === 503,
      'readiness to turn 503 during the drain',
    );
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    const refused = await fetch(service.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ regions { name } }' }),
    });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'SHUTTING_DOWN' } }] });
    expect(search.ended()).toBe(false); // the running search is still being given its grace period

    await waitFor(search.ended, 'the running search to end', 20_000);
    expect(lastStatus(search.events)).toBe('CANCELLED');
    await service.exited;
    await waitFor(() => !isAlive(service.pid), 'the service process to exit');
    expect(service.logs.some((line) => line.includes('"stopped"'))).toBe(true);
    await search.client.dispose();
  }, 120_000);

  it('the compiled build: `npm run build` then `node <out-dir>/main.js` starts (GraphiQL finds its operations) and drains on SIGTERM', async () => {
    // Built outside the repo, as a deployment would copy it; only node_modules comes along.
    const dir = mkdtempSync(join(tmpdir(), 'phonematch-build-'));
    leave(() => rmSync(dir, { recursive: true, force: true }));
    const build = spawn('npm', ['run', 'build', '--', '--out-dir', join(dir, 'dist')], {
      cwd: REPO,
      stdio: 'ignore',
    });
    leave(() => build.kill('SIGKILL'));
    expect(await new Promise((resolve) => build.once('exit', resolve))).toBe(0);
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));

    const service = await startProcess(process.execPath, [join(dir, 'dist', 'main.js')], {
      cwd: dir,
      env: { SHUTDOWN_GRACE_MS: '200', SIM_LATENCY_MS: '50', CHECK_CONCURRENCY: '4' },
    });
    const graphiql = await fetch(service.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('MatchPhoneEvents');

    const search = subscribe(service.graphqlUrl);
    await waitFor(() => search.events.length > 2, 'the search to run');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    await waitFor(search.ended, 'the running search to end');
    expect(lastStatus(search.events)).toBe('CANCELLED');
    await search.client.dispose();
  }, 240_000);
});
