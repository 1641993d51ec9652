// A writer process for the shared-file test: `node --import tsx test/audit/append-searches.ts <path> <count> <from> <startAt>`
// appends `count` searches through the real AuditLog, as a second instance on the same AUDIT_DB_PATH
// would, starting at the epoch millisecond `startAt` so that both writers run at the same time.
import { AuditLog } from '../../src/audit/audit-log.ts';
import { appendSearch } from '../support/audit-files.ts';

const [path, count, from, startAt] = process.argv.slice(2);
const audit = new AuditLog({ path: path!, fullNumbers: true });
while (Date.now() < Number(startAt)) {
  // Spin: a timer's granularity would let one writer run alone for a millisecond or more.
}
for (let n = Number(from); n < Number(from) + Number(count); n++) appendSearch(audit, n);
audit.close();
