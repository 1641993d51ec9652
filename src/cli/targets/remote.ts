import { print } from 'graphql';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { MatchPhoneEventsDocument, type MatchPhoneEventsSubscription } from '../../../schema/generated/graphql.ts';
import type { ApiError, FinishedResult, MatchPhoneInput } from '../match-event.ts';
import type { SearchOutcome, SearchFollower, SearchTarget } from './search-target.ts';

export const TRANSPORTS = ['ws', 'sse'] as const;
export type Transport = (typeof TRANSPORTS)[number];

type Results = AsyncIterableIterator<{ data?: MatchPhoneEventsSubscription | null; errors?: readonly unknown[] }>;

/**
 * Searches run on a phonematch service through the `MatchPhoneEvents` subscription, over graphql-ws or
 * SSE (graphql-sse's client against Yoga's SSE). The API key goes as `Authorization: Bearer` on the
 * upgrade or request (and in graphql-ws's connection params, as a browser would send it). Leaving the
 * subscription is how a search is cancelled: the service then stops it and its order-service traffic.
 */
export class RemoteTarget implements SearchTarget {
  readonly description: string;
  /** A service's order service is its own affair: it says so in its logs. */
  readonly simulated = false;
  private readonly query = print(MatchPhoneEventsDocument);
  private readonly open: (input: MatchPhoneInput) => Promise<{ results: Results; dispose: () => Promise<void> | void }>;

  constructor(
    graphqlUrl: string,
    transport: Transport,
    private readonly apiKey: string | undefined,
  ) {
    this.description = `${graphqlUrl} over ${transport === 'ws' ? 'graphql-ws' : 'SSE'}`;
    const authorization = apiKey ? { authorization: `Bearer ${apiKey}` } : undefined;
    // A client per search: a batch runs its searches one after another, and a client that is done
    // holds no socket open between them.
    this.open =
      transport === 'ws'
        ? async (input) => {
            const client = createWsClient({
              url: graphqlUrl.replace(/^http/, 'ws'),
              webSocketImpl: authorization ? webSocketWithHeaders(authorization) : WebSocket,
              ...(authorization ? { connectionParams: authorization } : {}),
              lazy: true,
              retryAttempts: 0,
            });
            return {
              results: client.iterate<MatchPhoneEventsSubscription>({ query: this.query, variables: { input } }),
              dispose: () => client.dispose(),
            };
          }
        : async (input) => {
            // graphql-sse is a devDependency (installed by `npm ci`): loaded only when SSE is asked for.
            const { createClient: createSseClient } = await import('graphql-sse');
            const client = createSseClient({
              url: graphqlUrl,
              retryAttempts: 0,
              headers: authorization ?? {},
              fetchFn: fetchWithCause,
            });
            return {
              results: client.iterate<MatchPhoneEventsSubscription>({ query: this.query, variables: { input } }),
              dispose: () => client.dispose(),
            };
          };
  }

  async search(input: MatchPhoneInput, follower: SearchFollower): Promise<SearchOutcome> {
    if (follower.signal.aborted) return { kind: 'cancelled' };
    let opened;
    try {
      opened = await this.open(input);
    } catch (error) {
      return { kind: 'failed', message: `cannot start the ${this.description} client: ${(error as Error).message}` };
    }
    const { results, dispose } = opened;
    if (follower.signal.aborted) {
      await dispose();
      return { kind: 'cancelled' };
    }
    const leave = () => void results.return?.();
    follower.signal.addEventListener('abort', leave, { once: true });
    let finished: FinishedResult | undefined;
    try {
      for await (const result of results) {
        if (result.errors?.length) return refusal(result.errors as ApiError[]);
        const event = result.data?.matchPhoneEvents;
        if (!event) continue;
        follower.onEvent(event);
        if (event.__typename === 'SearchFinished') finished = event.result;
      }
    } catch (error) {
      if (follower.signal.aborted) return { kind: 'cancelled' };
      return this.transportFailure(error);
    } finally {
      follower.signal.removeEventListener('abort', leave);
      await dispose();
    }
    if (finished) return { kind: 'finished', result: finished };
    if (follower.signal.aborted) return { kind: 'cancelled' };
    return { kind: 'failed', message: 'the event stream ended without a final result' };
  }

  async close(): Promise<void> {}

  /** A refused connection or request: the API's own words when it sent any, and a hint for a refused key. */
  private async transportFailure(error: unknown): Promise<SearchOutcome> {
    // graphql-sse keeps the refused HTTP response: Yoga's body has the GraphQL errors.
    const response = (error as { response?: Response } | null)?.response;
    if (response) {
      const body = (await response.json().catch(() => null)) as { errors?: ApiError[] } | null;
      if (body?.errors?.length) return refusal(body.errors);
    }
    const message = describeTransportError(error);
    if (!/\b(401|403|4401|4403)\b/.test(message)) return { kind: 'failed', message };
    return {
      kind: 'failed',
      code: 'UNAUTHENTICATED',
      message: `${message}: ${this.apiKey ? 'the service refused the API key in PHONEMATCH_API_KEY' : 'the service needs an API key; set PHONEMATCH_API_KEY'}`,
    };
  }
}

/** fetch whose network errors say why (undici's "fetch failed" keeps the reason in `cause`, which graphql-sse drops). */
async function fetchWithCause(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error) throw new Error(`${(error as Error).message}: ${cause.message}`, { cause });
    throw error;
  }
}

/** The refusal as the API words it: bad input apart (exit 2), the rest is a search that could not run. */
function refusal(errors: readonly ApiError[]): SearchOutcome {
  if (errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT')) return { kind: 'bad-input', errors };
  const first = errors[0];
  const code = first?.extensions?.code;
  const retryAfter = first?.extensions?.retryAfterSeconds;
  // Not every refusal is a quota: only these two are worth waiting for.
  const quota = code === 'TOO_MANY_SEARCHES' || code === 'RATE_LIMITED';
  return {
    kind: 'failed',
    message: errors.map((e) => e.message).join('; '),
    ...(typeof code === 'string' ? { code } : {}),
    ...(quota ? { retryAfterSeconds: typeof retryAfter === 'number' ? retryAfter : 1 } : {}),
  };
}

/** graphql-ws rejects with a CloseEvent (code, reason) or an error event; graphql-sse with an Error. */
function describeTransportError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; reason?: unknown; message?: unknown; error?: unknown };
    if (typeof e.code === 'number')
      return `the service closed the connection (${e.code}${e.reason ? `: ${String(e.reason)}` : ''})`;
    if (e.error instanceof Error) return e.error.message;
    if (typeof e.message === 'string' && e.message) return e.message;
  }
  return 'the connection to the service failed';
}

/** The `ws` WebSocket with headers on the upgrade request, where the service checks the API key. */
function webSocketWithHeaders(headers: Record<string, string>): unknown {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}
