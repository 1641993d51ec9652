import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.ts';

describe('AUDIT_DB_PATH', () => {
  it('that cannot be created is an error at start naming the directory and the reason (it used to hang)', () => {
    expect(() => new AuditLog({ path: '/proc/phonematch-audit/searches/audit.sqlite' })).toThrow(
      /^AUDIT_DB_PATH: cannot create the directory \/proc\/phonematch-audit: ENOENT/,
    );
  });
});
