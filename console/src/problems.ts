/**
 * Every way a request to the service can fail, as something an agent can act on. The service's
 * errors carry `extensions.code` (BAD_USER_INPUT, UNAUTHENTICATED, TOO_MANY_SEARCHES, RATE_LIMITED,
 * OPERATION_LIMIT); a refused or lost WebSocket arrives as a close event instead. Every sentence is the
 * console's own, in its language, except what the service alone can say (a refusal's detail).
 */
import { t } from './wording/language.ts';

/** The province and city input that names one suggested place alone (江苏 + 南京鼓楼区). */
export interface PlacePick {
  readonly province: string;
  readonly city: string;
}

/** One problem with the input, as the API reports it (`extensions.violations`). */
export interface Violation {
  readonly field: string;
  readonly reason: string;
  readonly message: string;
  readonly accepted: string;
  readonly suggestions: readonly string[];
  /** For place suggestions, the input that picks each, in the same order; absent from older services. */
  readonly picks?: readonly PlacePick[];
}

export type Problem =
  | { readonly kind: 'input'; readonly message: string; readonly violations: readonly Violation[] }
  | { readonly kind: 'auth'; readonly message: string }
  | { readonly kind: 'busy'; readonly message: string; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'gone'; readonly message: string }
  | { readonly kind: 'connection'; readonly message: string }
  | { readonly kind: 'unexpected'; readonly message: string };

interface ErrorLike {
  message?: unknown;
  extensions?: Record<string, unknown>;
}

/** What went wrong, from whatever graphql-ws handed over: GraphQL errors, a close event, or an Error. */
export function problemOf(error: unknown): Problem {
  if (Array.isArray(error)) return problemOfErrors(error as ErrorLike[]);
  if (isCloseEvent(error)) return problemOfClose(error.code, error.reason);
  if (error instanceof Error) return problemOfErrors([error as ErrorLike]);
  return { kind: 'connection', message: t.problems.lost };
}

export function problemOfErrors(errors: readonly ErrorLike[]): Problem {
  const first = errors[0] ?? {};
  const code = first.extensions?.code;
  const message = typeof first.message === 'string' ? first.message : t.problems.rejected;
  switch (code) {
    case 'BAD_USER_INPUT':
      return { kind: 'input', message, violations: violationsOf(errors) };
    case 'UNAUTHENTICATED':
      return { kind: 'auth', message: t.problems.keyRefused };
    case 'TOO_MANY_SEARCHES':
    case 'RATE_LIMITED': {
      // The service's sentence names the limit and the wait; the console counts the wait down itself.
      const retry = first.extensions?.retryAfterSeconds;
      return { kind: 'busy', message: t.problems.busyNow, retryAfterSeconds: typeof retry === 'number' ? retry : null };
    }
    case 'SEARCH_NOT_FOUND':
      return { kind: 'gone', message: t.problems.gone };
    case 'OPERATION_LIMIT':
      return { kind: 'refused', message: t.problems.refused(message) };
    default:
      return { kind: 'unexpected', message: message === 'Unexpected error.' ? t.problems.unexpected : message };
  }
}

/** graphql-ws close codes: 4401/4403 the key, 1001 a restart, 1006 a dropped connection. */
function problemOfClose(code: number, reason: string): Problem {
  if (code === 4401 || code === 4403) return { kind: 'auth', message: t.problems.keyRefused };
  if (code === 4429) return { kind: 'busy', message: t.problems.tooManyConnections, retryAfterSeconds: null };
  if (code === 1001) return { kind: 'connection', message: t.problems.restarting };
  return { kind: 'connection', message: reason ? `${t.problems.lost} (${reason})` : t.problems.lost };
}

function violationsOf(errors: readonly ErrorLike[]): Violation[] {
  const listed = errors.flatMap((e) => (Array.isArray(e.extensions?.violations) ? e.extensions.violations : []));
  if (listed.length > 0) return listed as Violation[];
  return errors.map((e) => ({
    field: typeof e.extensions?.field === 'string' ? e.extensions.field : 'input',
    reason: String(e.extensions?.reason ?? ''),
    message: String(e.message ?? ''),
    accepted: String(e.extensions?.accepted ?? ''),
    suggestions: Array.isArray(e.extensions?.suggestions) ? (e.extensions.suggestions as string[]) : [],
    ...(Array.isArray(e.extensions?.picks) ? { picks: e.extensions.picks as PlacePick[] } : {}),
  }));
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';
}
