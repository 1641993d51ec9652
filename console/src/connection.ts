import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type Client, createClient } from 'graphql-ws/client';
import { documentIdOf } from '../../client/persisted.ts';
import { type Problem, problemOf, problemOfErrors } from './problems.ts';
import { t } from './wording/language.ts';

export interface OperationHandlers<R> {
  next(data: R): void;
  /** The operation failed; nothing follows. */
  fail(problem: Problem): void;
  /** The operation ended normally. */
  done(): void;
}

/**
 * The console's one line to the service: graphql-ws on this origin's /graphql. The API key goes in
 * connection_init's payload (browsers cannot put headers on a WebSocket), read at every connect so a
 * newly entered key is used by the next operation. The socket opens with the first operation and
 * closes when none is left.
 *
 * Operations go by their document id (the sha256 codegen puts on each typed document, listed in
 * schema/generated/persisted-documents.json), never as text: the console runs the committed
 * operations only, so it works where the service takes nothing else (PERSISTED_OPERATIONS=only).
 */
export class ServiceConnection {
  private readonly client: Client;

  constructor(apiKey: () => string | null) {
    const url = new URL('/graphql', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.client = createClient({
      url: url.href,
      lazy: true,
      // A refused key or a lost connection is reported to the agent, who decides to search again.
      retryAttempts: 0,
      keepAlive: 15_000,
      connectionParams: () => {
        const key = apiKey();
        return key ? { authorization: `Bearer ${key}` } : {};
      },
    });
  }

  /** Runs a query or subscription; returns a function that stops it (for a search: cancels it). */
  run<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    variables: V,
    handlers: OperationHandlers<R>,
  ): () => void {
    let over = false;
    const finish = () => {
      over = true;
      stop();
    };
    const stop = this.client.subscribe<R>(
      // graphql-ws requires `query`; the service reads the id when it is empty.
      { query: '', variables, extensions: { persistedQuery: { version: 1, sha256Hash: documentIdOf(document) } } },
      {
        next: (result) => {
          if (over) return;
          if (result.errors?.length) {
            finish();
            handlers.fail(problemOfErrors(result.errors));
          } else if (result.data) handlers.next(result.data);
        },
        error: (error) => {
          if (over) return;
          over = true;
          handlers.fail(problemOf(error));
        },
        complete: () => {
          if (over) return;
          over = true;
          handlers.done();
        },
      },
    );
    return () => {
      if (over) return;
      over = true;
      stop();
    };
  }

  /**
   * A query's data, or the problem that stopped it. Aborting `signal` stops the operation at the service
   * and rejects with the signal's reason, so a superseded query never answers.
   */
  query<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    variables: V,
    signal?: AbortSignal,
  ): Promise<R> {
    return new Promise((resolve, reject: (problem: Problem) => void) => {
      if (signal?.aborted) return reject(signal.reason as Problem);
      let data: R | undefined;
      const stop = this.run(document, variables, {
        next: (d) => (data = d),
        fail: reject,
        done: () => (data === undefined ? reject({ kind: 'unexpected', message: t.problems.noAnswer }) : resolve(data)),
      });
      signal?.addEventListener(
        'abort',
        () => {
          stop();
          reject(signal.reason as Problem);
        },
        { once: true },
      );
    });
  }
}
