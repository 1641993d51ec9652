import { describe, expect, it } from 'vitest';
import { bearerToken, hashApiKey, verifyApiKey } from '../../src/auth/api-keys.ts';
import { ConfigProblems, helpText } from '../../src/config/config.ts';
import { loadTestConfig } from '../support/config.ts';

const KEY_HASH = hashApiKey('k1');

describe('hardening options', () => {
  it('have sensible defaults', () => {
    const config = loadTestConfig({});
    expect(config.operationLimits).toEqual({
      maxDepth: 8,
      maxAliases: 5,
      maxTokens: 1000,
      maxCost: 5000,
      maxDirectives: 10,
      maxBodyBytes: 65_536,
    });
    expect(config.searchQuota).toEqual({ inFlight: 4, perMinute: 30 });
    expect(config.audit).toEqual({ path: 'data/audit.sqlite', fullNumbers: false });
  });

  it('are read from the environment and flags', () => {
    const config = loadTestConfig({ MAX_ALIASES: '2', SEARCHES_PER_MINUTE_PER_KEY: '7', AUDIT_FULL_NUMBERS: 'true' }, [
      '--max-depth',
      '4',
      '--audit-db',
      '/tmp/x.sqlite',
    ]);
    expect(config.operationLimits.maxAliases).toBe(2);
    expect(config.operationLimits.maxDepth).toBe(4);
    expect(config.searchQuota.perMinute).toBe(7);
    expect(config.audit).toEqual({ path: '/tmp/x.sqlite', fullNumbers: true });
  });

  it('AUDIT_DB_PATH=off turns the audit off in dev mode only', () => {
    expect(loadTestConfig({ AUDIT_DB_PATH: 'off' }).audit.path).toBeUndefined();
    expect(() =>
      loadTestConfig({ AUDIT_DB_PATH: 'off', PHONEMATCH_MODE: 'production', API_KEYS: `a:${KEY_HASH}` }),
    ).toThrow(ConfigProblems);
  });

  it('refuses nonsense limits', () => {
    expect(() => loadTestConfig({ MAX_ALIASES: '-1' })).toThrow(/MAX_ALIASES/);
    expect(() => loadTestConfig({ MAX_BODY_BYTES: '10' })).toThrow(/MAX_BODY_BYTES/);
  });

  it('are listed in --help', () => {
    for (const name of [
      'MAX_DEPTH',
      'MAX_ALIASES',
      'MAX_TOKENS',
      'MAX_COST',
      'MAX_DIRECTIVES',
      'MAX_BODY_BYTES',
      'SEARCHES_IN_FLIGHT_PER_KEY',
      'SEARCHES_PER_MINUTE_PER_KEY',
      'AUDIT_DB_PATH',
      'AUDIT_FULL_NUMBERS',
    ]) {
      expect(helpText()).toContain(name);
    }
  });
});

describe('API key verification', () => {
  const keys = new Map([
    ['one', hashApiKey('k1')],
    ['two', hashApiKey('k2')],
  ]);
  it('returns the id of the matching key', () => {
    expect(verifyApiKey('k1', keys)).toBe('one');
    expect(verifyApiKey('k2', keys)).toBe('two');
    expect(verifyApiKey('k3', keys)).toBeUndefined();
    expect(verifyApiKey('', keys)).toBeUndefined();
    expect(verifyApiKey(undefined, keys)).toBeUndefined();
  });
  it('reads Bearer tokens only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
