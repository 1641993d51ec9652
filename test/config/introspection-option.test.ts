import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { helpText } from '../../src/config/config.ts';
import { configProblems, loadTestConfig } from '../support/config.ts';
import { PRODUCTION } from '../support/production.ts';

/** The configuration tests' production: answers from the bundled simulator, asked for explicitly. */
const PRODUCTION_CONFIG = { ...PRODUCTION, ORDERS_SIMULATOR: 'on' };

const ROOT = new URL('../..', import.meta.url).pathname;

describe('INTROSPECTION', () => {
  it('is on in dev mode and off in production, unless GraphiQL is served (its docs explorer needs it)', () => {
    expect(loadTestConfig({})).toMatchObject({ mode: 'dev', graphiql: true, introspection: true });
    expect(loadTestConfig({ GRAPHIQL: 'false' })).toMatchObject({ graphiql: false, introspection: true });
    expect(loadTestConfig(PRODUCTION_CONFIG)).toMatchObject({
      mode: 'production',
      graphiql: false,
      introspection: false,
    });
    expect(loadTestConfig({ ...PRODUCTION_CONFIG, GRAPHIQL: 'true' })).toMatchObject({
      graphiql: true,
      introspection: true,
    });
  });

  it('is set with on or off, from the environment or the flag', () => {
    expect(loadTestConfig({ ...PRODUCTION_CONFIG, INTROSPECTION: 'on' }).introspection).toBe(true);
    expect(loadTestConfig({ ...PRODUCTION_CONFIG }, ['--introspection', 'on']).introspection).toBe(true);
    expect(loadTestConfig({ INTROSPECTION: 'off' }).introspection).toBe(false);
    // GraphiQL's dev default gives way: it would open on a schema it may not read.
    expect(loadTestConfig({ INTROSPECTION: 'off' }).graphiql).toBe(false);
  });

  it('refuses GRAPHIQL=true with INTROSPECTION=off, saying why', () => {
    expect(configProblems({ GRAPHIQL: 'true', INTROSPECTION: 'off' })).toEqual([
      expect.stringMatching(/^INTROSPECTION: GraphiQL reads the schema by introspection .* turn one of them off$/),
    ]);
  });

  it('refuses any other value, naming the accepted ones', () => {
    const [problem, ...more] = configProblems({ INTROSPECTION: 'true' });
    expect(more).toEqual([]);
    expect(problem).toMatch(/^INTROSPECTION \/ --introspection = "true": /);
    expect(problem).toContain('"on"');
    expect(problem).toContain('"off"');
  });

  it('is listed in --help with its default rule', () => {
    expect(helpText()).toMatch(
      /--introspection <value>\s+INTROSPECTION\s+on: .*\(default: on in dev mode or with GraphiQL, else off\)/,
    );
  });

  it('a bad value stops the service at start: exit code 2 and the accepted values', async () => {
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, INTROSPECTION: 'maybe' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in result && result.code).toBe(2);
    expect('stderr' in result && result.stderr).toMatch(/INTROSPECTION \/ --introspection = "maybe": .*"on".*"off"/);
  });
});
