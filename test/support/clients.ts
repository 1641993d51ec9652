import { type DocumentNode, type GraphQLFormattedError, print } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { MatchPhoneEventsSubscription, MatchPhoneInput } from '../../schema/generated/graphql.ts';
import { MatchPhoneEventsDocument } from '../../schema/generated/graphql.ts';

export type MatchEvent = MatchPhoneEventsSubscription['matchPhoneEvents'];

/** The reference graphql-ws client, on the service's own path. */
export function wsClient(graphqlUrl: string, options: { lazy?: boolean } = {}): WsClient {
  return createWsClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: options.lazy ?? true,
    retryAttempts: 0,
  });
}

export function sseClient(graphqlUrl: string) {
  return createSseClient({ url: graphqlUrl, retryAttempts: 0 });
}

function request(input: MatchPhoneInput) {
  return { query: print(MatchPhoneEventsDocument as DocumentNode), variables: { input } };
}

/** Every event of one search over graphql-ws, until the stream ends. */
export async function eventsOverWebSocket(graphqlUrl: string, input: MatchPhoneInput): Promise<MatchEvent[]> {
  const client = wsClient(graphqlUrl);
  try {
    return await drain(client.iterate<MatchPhoneEventsSubscription>(request(input)));
  } finally {
    await client.dispose();
  }
}

/** Every event of one search over SSE (graphql-sse's client against Yoga's SSE), until the stream ends. */
export async function eventsOverSse(graphqlUrl: string, input: MatchPhoneInput): Promise<MatchEvent[]> {
  const client = sseClient(graphqlUrl);
  try {
    return await drain(client.iterate<MatchPhoneEventsSubscription>(request(input)));
  } finally {
    client.dispose();
  }
}

async function drain(
  results: AsyncIterable<{ data?: MatchPhoneEventsSubscription | null; errors?: readonly unknown[] }>,
): Promise<MatchEvent[]> {
  const events: MatchEvent[] = [];
  for await (const result of results) {
    if (result.errors) throw new Error(`subscription error: ${JSON.stringify(result.errors)}`);
    if (result.data) events.push(result.data.matchPhoneEvents);
  }
  return events;
}

/**
 * Subscribes to one search over graphql-ws and collects its events as they come, for a test that acts
 * while it runs (a shutdown, a signal); `ended()` says whether the stream has ended. Dispose `client`.
 */
export function watchSearch(graphqlUrl: string, input: MatchPhoneInput) {
  const client = wsClient(graphqlUrl);
  const events: MatchEvent[] = [];
  let ended = false;
  client.subscribe<MatchPhoneEventsSubscription>(request(input), {
    next: (r) => r.data && events.push(r.data.matchPhoneEvents),
    error: () => (ended = true),
    complete: () => (ended = true),
  });
  return { client, events, ended: () => ended };
}

/** The events' final result. */
export function finalResult(events: MatchEvent[]) {
  const last = events.at(-1);
  if (last?.__typename !== 'SearchFinished')
    throw new Error(`stream did not end with SearchFinished: ${last?.__typename}`);
  return last.result;
}

/** graphql-ws over a socket whose upgrade carries headers (Node clients can; browsers use connection params). */
export function keyedWsClient(graphqlUrl: string, headers: Record<string, string>): WsClient {
  class KeyedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createWsClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: KeyedWebSocket,
    lazy: true,
    retryAttempts: 0,
  });
}

/** The close code the server gives a graphql-ws connection whose connection_init carries `params`. */
export async function connectionCloseCode(graphqlUrl: string, params: Record<string, string>): Promise<number> {
  const client = createWsClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    lazy: false,
  });
  try {
    return await new Promise<number>((resolve) =>
      client.on('closed', (event) => resolve((event as { code: number }).code)),
    );
  } finally {
    await client.dispose();
  }
}

/** How one graphql-ws operation ended: its `error` message, its results, or how the socket closed. */
export interface WsOutcome {
  errors?: readonly GraphQLFormattedError[];
  next?: unknown[];
  closed?: unknown;
}

/** Runs one operation on a graphql-ws client and resolves with how it ended (see `WsOutcome`). */
export function runOperation(client: WsClient, query: string): Promise<WsOutcome> {
  const next: unknown[] = [];
  return new Promise((resolve) =>
    client.subscribe(
      { query },
      {
        next: (result) => next.push(result),
        error: (error) =>
          resolve(Array.isArray(error) ? { errors: error as GraphQLFormattedError[] } : { closed: error }),
        complete: () => resolve({ next }),
      },
    ),
  );
}
