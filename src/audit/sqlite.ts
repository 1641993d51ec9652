import Database from 'better-sqlite3';

/**
 * Every Database and Statement lives as long as the process. better-sqlite3 12 (the last major that
 * runs on Node 20) aborts the process on Node 24 when one of them is garbage-collected: its destructor
 * calls RemoveEnvironmentCleanupHook without an environment (`Assertion failed: (env) != nullptr`, exit
 * 134, mid-run or at exit; WiseLibs/better-sqlite3#1515, closed without a fix; 13.x needs Node 22). So
 * nothing here becomes garbage: databases are opened with `openDatabase`, statements prepared with
 * `prepare` (the statements a transaction prepares for itself are kept by its database), and
 * `db.pragma()`, which prepares a throwaway statement, is not used. A handful per opened file.
 */
const kept: unknown[] = [];

export function openDatabase(path: string, options?: Database.Options): Database.Database {
  const db = new Database(path, options);
  kept.push(db);
  return db;
}

export function prepare<P extends unknown[] | {} = unknown[], R = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<P, R> {
  const statement = db.prepare<P, R>(sql);
  kept.push(statement);
  return statement;
}
