import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { helpText } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { composeSearchService } from '../../src/service/search-service.ts';
import { configProblems, loadTestConfig } from '../support/config.ts';
import { leave } from '../support/leftovers.ts';
import { PRODUCTION } from '../support/production.ts';
import { embeddedIndex } from '../support/segment-data.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const ORDERS = 'http://127.0.0.1:4001/orders?phone={phone}';

describe('ORDERS_SIMULATOR: made-up answers only when asked for', () => {
  it('production without ORDERS_URL is a configuration error that says what to set', () => {
    expect(configProblems(PRODUCTION)).toEqual([
      expect.stringMatching(
        /^ORDERS_URL: production mode needs the order service's URL template .*ORDERS_SIMULATOR=on$/,
      ),
    ]);
    expect(configProblems({ ...PRODUCTION, ORDERS_URL: ORDERS })).toEqual([]);
    expect(loadTestConfig({ ...PRODUCTION, ORDERS_SIMULATOR: 'on' }).orders).toMatchObject({
      urlTemplate: undefined,
      simulated: true,
    });
  });

  it('dev mode uses the simulator without ORDERS_URL; contradictions are refused', () => {
    expect(loadTestConfig({}).orders.simulated).toBe(true);
    expect(loadTestConfig({ ORDERS_URL: ORDERS }).orders.simulated).toBe(false);
    expect(configProblems({ ORDERS_URL: ORDERS, ORDERS_SIMULATOR: 'on' })).toEqual([
      expect.stringMatching(/^ORDERS_SIMULATOR: .*set one of them$/),
    ]);
    expect(configProblems({ ORDERS_SIMULATOR: 'off' })).toEqual([
      expect.stringMatching(/^ORDERS_URL: no order service/),
    ]);
    expect(helpText()).toMatch(/--orders-simulator <value> +ORDERS_SIMULATOR +on: answer from the bundled simulator/);
  });

  it('the service refuses to start in production without ORDERS_URL (exit code 2, what to set)', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...PRODUCTION, PORT: '0' };
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env,
    }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in result && result.code).toBe(2);
    expect('stderr' in result && result.stderr).toMatch(/ORDERS_URL: production mode needs .*ORDERS_SIMULATOR=on/);
  });

  it('a production service asked for the simulator says so as a warning', async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const auditDir = mkdtempSync(join(tmpdir(), 'phonematch-audit-'));
    leave(() => rmSync(auditDir, { recursive: true, force: true }));
    const config = loadTestConfig({ ...PRODUCTION, ORDERS_SIMULATOR: 'on', AUDIT_DB_PATH: join(auditDir, 'a.sqlite') });
    const service = await composeSearchService(config, {
      logger: createLogger({ level: 'info', destination: sink }),
      index: embeddedIndex(),
    });
    try {
      expect(lines.find((l) => l.msg.startsWith('ORDERS_SIMULATOR=on'))).toMatchObject({ level: 40 });
    } finally {
      await service.close();
    }
  });
});
