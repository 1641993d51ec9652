import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive, REPO, startChildService } from '../support/child-service.ts';
import { type MatchEvent, watchSearch } from '../support/clients.ts';
import { post } from '../support/http.ts';
import { leave } from '../support/leftovers.ts';
import { waitFor } from '../support/wait-for.ts';

/** A nationwide search of 10,000 candidates, far longer than any grace period here. */
const SLOW_NATIONWIDE = { mask: '138****1234' };

const lastStatus = (events: MatchEvent[]) => {
  const last = events.at(-1);
  return last?.__typename === 'SearchFinished' ? last.result.status : last?.__typename;
};

describe('signals', () => {
  it('`npm start`: SIGTERM to npm drains the service, which answers /health and /ready (503) meanwhile, and both exit', async () => {
    const service = await startChildService('npm', ['start'], {
      cwd: REPO,
      env: { AUDIT_DB_PATH: 'off', SHUTDOWN_GRACE_MS: '4000', SIM_LATENCY_MS: '50', CHECK_CONCURRENCY: '4' },
    });
    expect(service.pid).not.toBe(service.child.pid);
    const search = watchSearch(service.graphqlUrl, SLOW_NATIONWIDE);
    await waitFor(() => search.events.length > 2, 'the search to run');

    service.child.kill('SIGTERM');
    await waitFor(
      async () => (await fetch(`${service.url}/ready`)).status === 503,
      'readiness to turn 503 during the drain',
    );
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    const refused = await post(service.graphqlUrl, { query: '{ regions { name } }' });
    expect(refused.status).toBe(503);
    expect(refused.json).toMatchObject({ errors: [{ extensions: { code: 'SHUTTING_DOWN' } }] });
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

    const service = await startChildService(process.execPath, [join(dir, 'dist', 'main.js')], {
      cwd: dir,
      env: { SHUTDOWN_GRACE_MS: '200', SIM_LATENCY_MS: '50', CHECK_CONCURRENCY: '4' },
    });
    const graphiql = await fetch(service.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('MatchPhoneEvents');

    const search = watchSearch(service.graphqlUrl, SLOW_NATIONWIDE);
    await waitFor(() => search.events.length > 2, 'the search to run');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    await waitFor(search.ended, 'the running search to end');
    expect(lastStatus(search.events)).toBe('CANCELLED');
    await search.client.dispose();
  }, 240_000);
});
