import type { MatchStatus } from '../../schema/generated/graphql.ts';
import type { Place } from './search-form.ts';
import { maskPhone } from './wording/verdict.ts';

/** One search this browser started or opened, as the recent-searches list shows it. */
export interface HistoryEntry {
  readonly id: string;
  /** The number as searched, masked (138****1234): a complete number is masked too. */
  readonly query: string;
  readonly place: Place;
  /** When this browser first saw it (epoch ms). */
  readonly at: number;
  /** Null while it runs, or when this browser did not see it end. */
  readonly status: MatchStatus | null;
  /** The numbers found: kept in full (they are the answer), shown masked until the agent asks. */
  readonly matches: readonly string[];
}

const HISTORY_KEY = 'phonematch.history';
/** Enough for a shift's recent calls; older ones are still in the audit. */
export const HISTORY_LENGTH = 20;

/**
 * Recent searches of this browser, newest first, in localStorage so they outlive the tab. Nothing
 * but the masked input, the place, the outcome and matched numbers is kept: a number that was only
 * a candidate never is.
 */
export class SearchHistory {
  constructor(private readonly storage: Storage = localStorage) {}

  list(): HistoryEntry[] {
    try {
      const stored: unknown = JSON.parse(this.storage.getItem(HISTORY_KEY) ?? '[]');
      return Array.isArray(stored) ? stored.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  /** Adds a search, or refreshes it (keeping when it was first seen); returns the list. */
  saw(entry: HistoryEntry): HistoryEntry[] {
    const entries = this.list();
    const known = entries.find((e) => e.id === entry.id);
    const saved: HistoryEntry = { ...entry, query: maskQuery(entry.query), at: known?.at ?? entry.at };
    return this.save([saved, ...entries.filter((e) => e.id !== entry.id)]);
  }

  /** Records how a search ended. */
  ended(id: string, status: MatchStatus, matches: readonly string[]): HistoryEntry[] {
    return this.save(this.list().map((e) => (e.id === id ? { ...e, status, matches: [...matches] } : e)));
  }

  private save(entries: HistoryEntry[]): HistoryEntry[] {
    const kept = entries.slice(0, HISTORY_LENGTH);
    this.storage.setItem(HISTORY_KEY, JSON.stringify(kept));
    return kept;
  }
}

/** 138****1234 stays as it is; a complete number is masked like one. */
export function maskQuery(query: string): string {
  return /^\d{11}$/.test(query) ? maskPhone(query) : query;
}

function isEntry(value: unknown): value is HistoryEntry {
  const entry = value as Partial<HistoryEntry> | null;
  return (
    typeof entry?.id === 'string' &&
    typeof entry.query === 'string' &&
    typeof entry.at === 'number' &&
    Array.isArray(entry.matches) &&
    typeof entry.place === 'object'
  );
}
