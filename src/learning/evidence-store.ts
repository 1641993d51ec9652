import type { EvidenceRow } from './learned-places.ts';

/**
 * Where learned evidence is kept: the audit's SQLite database for an instance alone, Redis for a fleet
 * (every instance reads what the others learned), memory when the audit is off (dev mode). Counts are
 * per segment, city and API key; no number is ever stored.
 */
export interface EvidenceStore {
  /** Where the evidence lives, for logs and /ready: `sqlite`, `redis` or `memory`. */
  readonly kind: string;
  /**
   * One more match of `segment` in `cityKey` (`浙江|杭州`) under `keyId`, unless that key already gave
   * `cap`; resolves whether it counted.
   */
  add(segment: number, cityKey: string, keyId: string, cap: number): Promise<boolean>;
  /** Every stored count. */
  rows(): Promise<EvidenceRow[]>;
  /** Changes whenever evidence is added anywhere (cheap to poll); rows() is read again only then. */
  version(): Promise<string>;
  /** Releases what the store holds of its own (a shared connection stays open). */
  close?(): void;
}

/** Evidence for this process's lifetime only (AUDIT_DB_PATH=off, and tests). */
export class MemoryEvidenceStore implements EvidenceStore {
  readonly kind = 'memory';
  private readonly counts = new Map<string, EvidenceRow>();
  private changes = 0;

  add(segment: number, cityKey: string, keyId: string, cap: number): Promise<boolean> {
    const id = `${segment}|${cityKey}|${keyId}`;
    const count = this.counts.get(id)?.count ?? 0;
    if (count >= cap) return Promise.resolve(false);
    this.counts.set(id, { segment, cityKey, keyId, count: count + 1 });
    this.changes++;
    return Promise.resolve(true);
  }

  rows(): Promise<EvidenceRow[]> {
    return Promise.resolve([...this.counts.values()]);
  }

  version(): Promise<string> {
    return Promise.resolve(String(this.changes));
  }
}
