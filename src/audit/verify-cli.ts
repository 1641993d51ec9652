import { parseArgs } from 'node:util';
import { DEFAULT_AUDIT_DB_PATH } from './defaults.ts';
import { formatReport, parseHead } from './verify-chain.ts';
import { NotAnAuditFile, verifyAuditFile } from './verify-file.ts';

const USAGE = `usage: npm run audit:verify -- [path] [--head <id>:<hash>]
  path     the audit database (default: AUDIT_DB_PATH, else ${DEFAULT_AUDIT_DB_PATH})
  --head   a head printed by an earlier run: that row must still be there with that hash
exit code: 0 chain intact, 1 not intact, 2 usage error or not an audit database
`;

/**
 * `npm run audit:verify`: walks the audit's hash chain and prints what it finds (verify-chain.ts).
 * Prints row ids, counts and hashes, never a row's content: matched numbers may be stored in full.
 */
function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { head: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.positionals.length > 1) return usage('one database at a time');
  // As the service finds it: the argument, else AUDIT_DB_PATH, else the service's default path.
  const path = parsed.positionals[0] ?? process.env.AUDIT_DB_PATH ?? DEFAULT_AUDIT_DB_PATH;
  if (path.toLowerCase() === 'off') return usage('AUDIT_DB_PATH is off: name the database as an argument');
  const expectedHead = parsed.values.head === undefined ? undefined : parseHead(parsed.values.head);
  if (parsed.values.head !== undefined && !expectedHead) return usage('--head is <id>:<64 hex digits>');

  try {
    const report = verifyAuditFile(path, { expectedHead });
    process.stdout.write(`${path}: ${formatReport(report)}`);
    return report.intact ? 0 : 1;
  } catch (error) {
    if (error instanceof NotAnAuditFile) return usage(error.message);
    throw error;
  }
}

function usage(problem: string): number {
  process.stderr.write(`audit:verify: ${problem}\n${USAGE}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
