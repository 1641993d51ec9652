import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { helpText, loadConfig } from '../../src/config/config.ts';
import { OPTIONS } from '../../src/config/options.ts';
import { configProblems } from '../support/config.ts';

describe('configuration', () => {
  it('starts on embedded defaults: dev mode on 127.0.0.1:4000 with the bundled simulator', () => {
    const config = loadConfig([], {});
    expect(config).toMatchObject({
      mode: 'dev',
      host: '127.0.0.1',
      port: 4000,
      graphiql: true,
      maxCandidates: 200_000,
    });
    if (config !== 'help') expect(config.orders.urlTemplate).toBeUndefined();
  });

  it('reads environment variables, and flags win over them', () => {
    const config = loadConfig(['--port', '5001', '--check-concurrency', '32'], {
      PORT: '5000',
      CHECK_CONCURRENCY: '8',
      ORDERS_URL: 'http://127.0.0.1:4001/orders?phone={phone}',
    });
    expect(config).toMatchObject({
      port: 5001,
      check: { concurrency: 32 },
      orders: { urlTemplate: 'http://127.0.0.1:4001/orders?phone={phone}' },
    });
  });

  it('reports every bad value at once, naming the variable, the flag and what is expected', () => {
    const found = configProblems({ CHECK_CONCURRENCY: '0', ORDERS_METHOD: 'PUT', ORDERS_HEADERS: '[1]' }, [
      '--port',
      'eighty',
    ]);
    expect(found).toHaveLength(4);
    expect(found.join('\n')).toMatch(/PORT \/ --port = "eighty"/);
    expect(found.join('\n')).toMatch(/CHECK_CONCURRENCY/);
    expect(found.join('\n')).toMatch(/ORDERS_METHOD .*GET.*POST|ORDERS_METHOD/);
    expect(found.join('\n')).toMatch(/ORDERS_HEADERS .*JSON object/);
  });

  it('never echoes a credential in an error', () => {
    const found = configProblems({ ORDERS_HEADERS: 'cookie=super-secret-value' });
    expect(found.join('\n')).not.toContain('super-secret-value');
    expect(found.join('\n')).toContain('(hidden)');
  });

  it('keeps dev mode on loopback', () => {
    expect(configProblems({}, ['--host', '0.0.0.0'])[0]).toMatch(/loopback/);
    expect(configProblems({}, ['--host', '::1'])).toEqual([]);
  });

  it('refuses an unknown flag', () => {
    expect(configProblems({}, ['--prot', '1'])[0]).toMatch(/prot/);
  });

  it('--help lists every option with its variable and default', () => {
    const help = helpText();
    for (const option of Object.values(OPTIONS)) {
      expect(help).toContain(`--${option.flag}`);
      expect(help).toContain(option.env);
    }
    expect(help).toContain('(default: auto)');
  });

  it('`npm start -- --help` prints it and exits 0', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/main.ts', '--help'], {
      cwd: new URL('../..', import.meta.url).pathname,
    });
    expect(stdout).toContain('ORDERS_URL');
  });

  it('a bad value stops the service at start with a clear message and exit code 2', async () => {
    const result = await promisify(execFile)('npx', ['tsx', 'src/main.ts', '--port', 'x'], {
      cwd: new URL('../..', import.meta.url).pathname,
    }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in result && result.code).toBe(2);
    expect('stderr' in result && result.stderr).toMatch(/PORT \/ --port = "x"/);
  });
});
