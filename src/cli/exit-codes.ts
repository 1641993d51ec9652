import type { MatchStatus } from '../../schema/generated/graphql.ts';

/**
 * The command's exit status, so scripts can branch without parsing output. A batch exits with the
 * highest code of its rows (matched < not found < bad input < incomplete), so 3 always means "run it
 * again may help" and 0 means every row matched.
 */
export const EXIT = {
  MATCHED: 0,
  NOT_FOUND: 1,
  /** The input (or the command line, or the batch file, or the configuration) was refused. */
  BAD_INPUT: 2,
  /** INCOMPLETE, TIMED_OUT or CANCELLED (Ctrl-C): some candidates were not checked. */
  INCOMPLETE: 3,
  /** The search could not run: service unreachable, key refused, quota, unexpected error. */
  FAILED: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeOf(status: MatchStatus): ExitCode {
  switch (status) {
    case 'MATCHED':
      return EXIT.MATCHED;
    case 'NOT_FOUND':
      return EXIT.NOT_FOUND;
    case 'INCOMPLETE':
    case 'TIMED_OUT':
    case 'CANCELLED':
      return EXIT.INCOMPLETE;
  }
}
