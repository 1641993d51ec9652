import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { print } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { MatchPhoneEventsDocument } from '../../schema/generated/graphql.ts';
import { type MatchEvent, wsClient } from '../support/clients.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { expectNoMoreRequests, waitFor } from '../support/wait-for.ts';

const SLOW_NATIONWIDE = { mask: '138****1234' };

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

describe('graceful shutdown', () => {
  let running: TestService | undefined;

  it('cancels running searches after the grace period; subscribers receive the final CANCELLED result', async () => {
    running = await startTestService({
      simulator: { latencyMs: 20 },
      env: { CHECK_CONCURRENCY: '8', SHUTDOWN_GRACE_MS: '100' },
    });
    const sub = subscribe(running.graphqlUrl);
    await waitFor(() => running!.simulator.stats().requests > 10, 'checks to start');
    const closing = running.close();
    // New connections are refused at once, while the running search still gets its grace period.
    await expect(fetch(running.graphqlUrl, { method: 'POST' })).rejects.toThrow();
    await closing;
    await waitFor(sub.ended, 'the stream to end');
    const last = sub.events.at(-1);
    expect(last?.__typename).toBe('SearchFinished');
    if (last?.__typename === 'SearchFinished') expect(last.result.status).toBe('CANCELLED');
    await expectNoMoreRequests(running.simulator);
    await sub.client.dispose();
  });

  it('lets a search that finishes within the grace period complete normally', async () => {
    running = await startTestService({ simulator: { latencyMs: 20 }, env: { SHUTDOWN_GRACE_MS: '10000' } });
    const client = wsClient(running.graphqlUrl);
    const events: MatchEvent[] = [];
    // A short search: 100 candidates, about a third of a second.
    client.subscribe(
      { query: print(MatchPhoneEventsDocument), variables: { input: { prefix: '138057112', suffix: '1' } } },
      {
        next: (r) => r.data && events.push((r.data as { matchPhoneEvents: MatchEvent }).matchPhoneEvents),
        error: () => {},
        complete: () => {},
      },
    );
    await waitFor(() => running!.simulator.stats().requests > 0, 'checks to start');
    await running.close();
    const last = events.at(-1);
    expect(last?.__typename === 'SearchFinished' && last.result.status).toBe('NOT_FOUND');
    await client.dispose();
  });
});

describe('the process on SIGTERM', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
  });

  it('stops accepting, cancels what runs after the grace period, and exits 0', async () => {
    // node itself (not npx) so the signal reaches the service's own process.
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: {
        ...process.env,
        PORT: '0',
        SHUTDOWN_GRACE_MS: '200',
        SIM_LATENCY_MS: '50',
        CHECK_CONCURRENCY: '4',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout! });
    const logs: string[] = [];
    const graphqlUrl = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        logs.push(line);
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'phonematch listening' && entry.url) resolve(entry.url);
      });
      child!.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const sub = subscribe(graphqlUrl);
    await waitFor(() => sub.events.length > 2, 'the search to run');
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await waitFor(sub.ended, 'the stream to end');
    const last = sub.events.at(-1);
    expect(last?.__typename === 'SearchFinished' && last.result.status).toBe('CANCELLED');
    expect(logs.some((l) => l.includes('shutting down'))).toBe(true);
    // No full number in any log line.
    expect(logs.join('\n')).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    await sub.client.dispose();
  });
});
