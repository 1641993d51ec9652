/**
 * Runs in the browser: each standard client with its default settings, as a frontend team would
 * write it, bundled by Vite in the test setup. Every function reports what it got (data, events or
 * the error's text) instead of throwing, so the test can assert on refusals too.
 */
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { print } from 'graphql';
import { request } from 'graphql-request';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import {
  MatchPhoneDocument,
  MatchPhoneEventsDocument,
  type MatchPhoneInput,
} from '../../../schema/generated/graphql.ts';

/** The browser's own EventSource (not in Node's type definitions). */
declare const EventSource: new (url: string) => {
  addEventListener(type: string, listener: (event: { data?: string }) => void): void;
  close(): void;
};

export interface Outcome {
  /** `matchPhone.status` of a query, or the `__typename`s of a subscription's events. */
  result?: string | string[];
  error?: string;
}

const failure = (error: unknown): Outcome => ({ error: error instanceof Error ? error.message : String(error) });

interface EventPayload {
  data?: { matchPhoneEvents: { __typename: string } } | null;
  errors?: ReadonlyArray<{ message: string }>;
}

async function collect(events: AsyncIterable<EventPayload>): Promise<Outcome> {
  const names: string[] = [];
  for await (const event of events) {
    if (event.errors) return { error: event.errors.map((e) => e.message).join('; ') };
    if (event.data) names.push(event.data.matchPhoneEvents.__typename);
  }
  return { result: names };
}

export const clients = {
  async urql(url: string, input: MatchPhoneInput): Promise<Outcome> {
    const client = new Client({ url, exchanges: [fetchExchange] });
    const { data, error } = await client.query(MatchPhoneDocument, { input }).toPromise();
    return error ? { error: error.message } : { result: data?.matchPhone.status ?? 'no data' };
  },

  async apollo(url: string, input: MatchPhoneInput): Promise<Outcome> {
    const client = new ApolloClient({ link: new HttpLink({ uri: url }), cache: new InMemoryCache() });
    try {
      const { data } = await client.query({ query: MatchPhoneDocument, variables: { input } });
      return { result: data?.matchPhone.status ?? 'no data' };
    } catch (error) {
      return failure(error);
    } finally {
      client.stop();
    }
  },

  async graphqlRequest(url: string, input: MatchPhoneInput): Promise<Outcome> {
    try {
      const data = await request(url, MatchPhoneDocument, { input });
      return { result: data.matchPhone.status };
    } catch (error) {
      return failure(error);
    }
  },

  async graphqlWs(url: string, input: MatchPhoneInput): Promise<Outcome> {
    const client = createWsClient({ url: url.replace(/^http/, 'ws'), retryAttempts: 0 });
    try {
      return await collect(client.iterate({ query: print(MatchPhoneEventsDocument), variables: { input } }));
    } catch (error) {
      // graphql-ws rejects with the CloseEvent when the socket could not be opened or was closed.
      const event = error as { code?: number; reason?: string };
      return event.code !== undefined ? { error: `closed ${event.code} ${event.reason ?? ''}` } : failure(error);
    } finally {
      await client.dispose();
    }
  },

  async graphqlSse(url: string, input: MatchPhoneInput): Promise<Outcome> {
    const client = createSseClient({ url, retryAttempts: 0 });
    try {
      return await collect(client.iterate({ query: print(MatchPhoneEventsDocument), variables: { input } }));
    } catch (error) {
      return failure(error);
    } finally {
      client.dispose();
    }
  },

  /** The browser's native EventSource: a GET with the operation in the URL, no headers at all. */
  eventSource(url: string, input: MatchPhoneInput): Promise<Outcome> {
    const target = new URL(url);
    target.searchParams.set('query', print(MatchPhoneEventsDocument));
    target.searchParams.set('variables', JSON.stringify({ input }));
    return new Promise((resolve) => {
      const source = new EventSource(target.toString());
      const names: string[] = [];
      source.addEventListener('next', (event) => {
        const payload = JSON.parse(event.data ?? '{}') as EventPayload;
        if (payload.errors) {
          source.close();
          resolve({ error: payload.errors.map((e) => e.message).join('; ') });
        } else if (payload.data) names.push(payload.data.matchPhoneEvents.__typename);
      });
      source.addEventListener('complete', () => {
        source.close();
        resolve({ result: names });
      });
      // EventSource would reconnect for ever; a test wants the first failure.
      source.addEventListener('error', () => {
        source.close();
        resolve({ error: names.length > 0 ? `stream broke after ${names.length} events` : 'EventSource failed' });
      });
    });
  },
};

export type Clients = typeof clients;

(globalThis as unknown as { phonematchClients: Clients }).phonematchClients = clients;
