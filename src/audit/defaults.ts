/** `AUDIT_DB_PATH`'s default: where the service, the command line and `npm run audit:verify` find the audit. */
export const DEFAULT_AUDIT_DB_PATH = 'data/audit.sqlite';
