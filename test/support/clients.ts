import { type DocumentNode, type GraphQLFormattedError, print } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type {
  MatchPhoneEventsSubscription,
  MatchPhoneInput,
  SearchEventsSubscription,
  StartSearchMutation,
} from '../../schema/generated/graphql.ts';
import { MatchPhoneEventsDocument, SearchEventsDocument, StartSearchDocument } from '../../schema/generated/graphql.ts';
import { post } from './http.ts';
import { leave } from './leftovers.ts';
import { bearer } from './production.ts';

export type MatchEvent = MatchPhoneEventsSubscription['matchPhoneEvents'];
/** An event of a search started with startSearch, as searchEvents streams it. */
export type StartedSearchEvent = SearchEventsSubscription['searchEvents'];

/** The reference graphql-ws client, on the service's own path; a key goes in connection_init, as browsers send it. */
export function wsClient(graphqlUrl: string, options: { lazy?: boolean; key?: string | undefined } = {}): WsClient {
  return createWsClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: options.lazy ?? true,
    retryAttempts: 0,
    ...(options.key ? { connectionParams: bearer(options.key) } : {}),
  });
}

/** graphql-sse's client against Yoga's SSE; a key goes in the Authorization header. */
export function sseClient(graphqlUrl: string, options: { key?: string | undefined } = {}) {
  return createSseClient({
    url: graphqlUrl,
    retryAttempts: 0,
    ...(options.key ? { headers: bearer(options.key) } : {}),
  });
}

/**
 * searchEvents(id) of a started search over one transport, read until the stream ends or `until`
 * says stop. An error answer is thrown as an Error whose message is the errors' JSON
 * (`startedSearchErrors` reads it).
 */
/** Starts a search over HTTP (`startSearch`) and gives its id; a refusal throws with its errors. */
export async function startSearchOn(graphqlUrl: string, input: MatchPhoneInput): Promise<string> {
  const { json } = await post<StartSearchMutation>(graphqlUrl, {
    query: print(StartSearchDocument),
    variables: { input },
  });
  if (!json.data?.startSearch) throw new Error(`startSearch refused: ${JSON.stringify(json.errors)}`);
  return json.data.startSearch.id;
}

/**
 * A started search followed live over graphql-ws: `events` grows as they come (read it while the
 * search runs), `ended` settles when the stream ends. The client is closed with `leave()`.
 */
export function followStartedSearch(
  graphqlUrl: string,
  id: string,
): { readonly events: StartedSearchEvent[]; readonly ended: Promise<void> } {
  const client = wsClient(graphqlUrl);
  leave(() => client.dispose());
  const events: StartedSearchEvent[] = [];
  const ended = (async () => {
    for await (const r of client.iterate<SearchEventsSubscription>({
      query: print(SearchEventsDocument as DocumentNode),
      variables: { id },
    })) {
      if (r.data) events.push(r.data.searchEvents);
    }
  })();
  ended.catch(() => {});
  return { events, ended };
}

export async function watchStartedSearch(
  graphqlUrl: string,
  id: string,
  options: { transport?: 'ws' | 'sse'; key?: string; until?: (event: StartedSearchEvent) => boolean } = {},
): Promise<StartedSearchEvent[]> {
  const request = { query: print(SearchEventsDocument as DocumentNode), variables: { id } };
  const events: StartedSearchEvent[] = [];
  const ws = options.transport === 'sse' ? undefined : wsClient(graphqlUrl, { key: options.key });
  const sse = options.transport === 'sse' ? sseClient(graphqlUrl, { key: options.key }) : undefined;
  try {
    const results = ws
      ? ws.iterate<SearchEventsSubscription>(request)
      : sse!.iterate<SearchEventsSubscription>(request);
    for await (const result of results) {
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      if (!result.data) continue;
      events.push(result.data.searchEvents);
      if (options.until?.(result.data.searchEvents)) break;
    }
  } finally {
    await ws?.dispose();
    sse?.dispose();
  }
  return events;
}

/** The errors searchEvents(id) answers with over one transport (it must fail). */
export async function startedSearchErrors(
  graphqlUrl: string,
  id: string,
  options: { transport?: 'ws' | 'sse'; key?: string } = {},
): Promise<Array<{ extensions?: Record<string, unknown> }>> {
  try {
    await watchStartedSearch(graphqlUrl, id, options);
  } catch (error) {
    return JSON.parse((error as Error).message) as Array<{ extensions?: Record<string, unknown> }>;
  }
  throw new Error('searchEvents did not fail');
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
