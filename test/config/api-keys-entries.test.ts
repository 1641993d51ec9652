import { describe, expect, it } from 'vitest';
import { ConfigProblems, loadConfig } from '../../src/config/config.ts';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig([], env);
  } catch (error) {
    if (error instanceof ConfigProblems) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('a malformed API_KEYS entry', () => {
  it.each(['sk_live_Zq9XwV3mK2', 'alice:sk_live_Zq9XwV3mK2', 'alice:'])(
    'is reported by position, with no part of it echoed (%s)',
    (entry) => {
      const message = problemsOf({ PHONEMATCH_MODE: 'production', API_KEYS: `ok:${'a'.repeat(64)},${entry}` });
      expect(message).toContain('API_KEYS: entry 2 is not id:sha256hex');
      for (let i = 0; i + 4 <= entry.length; i++) expect(message).not.toContain(entry.slice(i, i + 4));
    },
  );
});
