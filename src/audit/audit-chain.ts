import { createHash } from 'node:crypto';

/**
 * The hash chain of the audit's `searches` table. Each row stores the previous row's hash
 * (`prev_hash`) and its own: `hash = sha256(prev_hash + canonical encoding of its fields)`, so a row
 * changed, removed or slipped in after the fact no longer fits the rows around it. The first chained
 * row follows GENESIS_HASH. Shared by the writer (audit-log.ts) and the verifier (verify-chain.ts).
 */

/** The columns a row's hash covers, in this order: all but `id` (the order is in the links) and the chain's own. */
export const CHAINED_COLUMNS = [
  'time',
  'search_id',
  'key_id',
  'request_id',
  'masked_input',
  'city',
  'province',
  'stop_at',
  'tiers_run',
  'status',
  'matches_count',
  'matched_numbers',
  'numbers_full',
  'checked',
  'upstream_requests',
  'elapsed_ms',
] as const;

export type ChainedColumn = (typeof CHAINED_COLUMNS)[number];

/**
 * The table that records, in its one row, the id of the first row the chain covers (`first_id`):
 * written with the chain columns, in the same transaction, and never changed. From that id on a row
 * without a chain is tampering, not a row from before the chain.
 */
export const CHAIN_START_TABLE = 'chain_start';

/** What `prev_hash` holds for the first chained row (a fresh file's first row, or a migrated file's first new one). */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The row's hash, as lowercase hex. The fields are encoded as a JSON array in column order: one
 * encoding per value, text told apart from numbers and null (`"5"` is not `5`), and any other type
 * SQLite may hand back after tampering (a blob) encodes differently again. `prev_hash` is fixed-width
 * hex, so prefixing it is unambiguous.
 */
export function rowHash(prevHash: string, fields: Readonly<Record<ChainedColumn, unknown>>): string {
  const canonical = JSON.stringify(CHAINED_COLUMNS.map((column) => fields[column] ?? null));
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
