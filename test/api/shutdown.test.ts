import { describe, expect, it } from 'vitest';
import { REPO, startChildService } from '../support/child-service.ts';
import { watchSearch } from '../support/clients.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { expectNoMoreRequests, waitFor } from '../support/wait-for.ts';

const SLOW_NATIONWIDE = { mask: '138****1234' };

describe('graceful shutdown', () => {
  let running: TestService | undefined;

  it('cancels running searches after the grace period; subscribers receive the final CANCELLED result', async () => {
    running = await startTestService({
      simulator: { latencyMs: 20 },
      env: { CHECK_CONCURRENCY: '8', SHUTDOWN_GRACE_MS: '1000' },
    });
    const sub = watchSearch(running.graphqlUrl, SLOW_NATIONWIDE);
    await waitFor(() => running!.simulator.stats().requests > 10, 'checks to start');
    const closing = running.close();
    // New operations are refused at once (readiness says so too), while the running search still gets its grace period.
    expect((await fetch(running.graphqlUrl, { method: 'POST' })).status).toBe(503);
    expect((await fetch(`${running.url}/ready`)).status).toBe(503);
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
    // A short search: 100 candidates, about a third of a second.
    const sub = watchSearch(running.graphqlUrl, { prefix: '138057112', suffix: '1' });
    await waitFor(() => running!.simulator.stats().requests > 0, 'checks to start');
    await running.close();
    const last = sub.events.at(-1);
    expect(last?.__typename === 'SearchFinished' && last.result.status).toBe('NOT_FOUND');
    await sub.client.dispose();
  });
});

describe('the process on SIGTERM', () => {
  it('stops accepting, cancels what runs after the grace period, and exits 0', async () => {
    // node itself (not npx) so the signal reaches the service's own process.
    const service = await startChildService(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: REPO,
      env: { SHUTDOWN_GRACE_MS: '200', SIM_LATENCY_MS: '50', CHECK_CONCURRENCY: '4' },
    });
    const sub = watchSearch(service.graphqlUrl, SLOW_NATIONWIDE);
    await waitFor(() => sub.events.length > 2, 'the search to run');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    await waitFor(sub.ended, 'the stream to end');
    const last = sub.events.at(-1);
    expect(last?.__typename === 'SearchFinished' && last.result.status).toBe('CANCELLED');
    expect(service.logs.some((l) => l.includes('shutting down'))).toBe(true);
    // No full number in any log line.
    expect(service.logs.join('\n')).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    await sub.client.dispose();
  });
});
