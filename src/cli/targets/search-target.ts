import type { ApiError, FinishedResult, MatchEvent, MatchPhoneInput } from '../match-event.ts';

/** How one search ended, as the command sees it. */
export type SearchOutcome =
  /** The search ran to its end (any status, CANCELLED included when it was cancelled in time to say so). */
  | { readonly kind: 'finished'; readonly result: FinishedResult }
  /** Refused before any check: BAD_USER_INPUT errors with field, reason, accepted and suggestions. */
  | { readonly kind: 'bad-input'; readonly errors: readonly ApiError[] }
  /** Ctrl-C: we left the search (the server cancels it and its upstream traffic); no final result. */
  | { readonly kind: 'cancelled' }
  /** The search could not run (service unreachable, key refused, quota). */
  | {
      readonly kind: 'failed';
      readonly message: string;
      readonly code?: string;
      /** Set for quota refusals (TOO_MANY_SEARCHES, RATE_LIMITED): waiting this long may help. */
      readonly retryAfterSeconds?: number;
    };

/** The command's side of one search it follows: it leaves through `signal`, hears events through `onEvent`. */
export interface SearchFollower {
  /** Aborting it cancels the search and its requests to the order service. */
  readonly signal: AbortSignal;
  readonly onEvent: (event: MatchEvent) => void;
}

/** Where searches run: in this process, or on a phonematch service. */
export interface SearchTarget {
  /** Says where searches run, for the user (`in-process (bundled simulator)`, `http://host/graphql over ws`). */
  readonly description: string;
  /** The answers come from the bundled simulator's made-up orders (in-process without ORDERS_URL). */
  readonly simulated: boolean;
  search(input: MatchPhoneInput, follower: SearchFollower): Promise<SearchOutcome>;
  close(): Promise<void>;
}
