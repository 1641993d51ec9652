import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createGraphQLError, type YogaServerInstance } from 'graphql-yoga';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../log/logger.ts';
import type { OriginPolicy } from './origin-policy.ts';
import type { PersistedOperations } from './persisted-operations.ts';
import type { OperationContext } from '../schema/context.ts';
import { shuttingDown } from './plugins/use-drain.ts';
import type { ServerContext } from './server-context.ts';

export interface WebSocketOptions {
  path: string;
  /** Largest message a client may send; graphql-ws operations are small. */
  maxPayload: number;
  /** Which browser origins may open a socket (its own, ALLOWED_ORIGINS); clients that send no Origin are not browsers. */
  origins: OriginPolicy;
  /** Persisted operations: ids resolved to their documents, other documents refused in `only` mode. */
  persisted: PersistedOperations;
  /**
   * Extra check of the upgrade request (API keys); return a refusal reason or undefined. Browsers
   * cannot set headers on an upgrade, so an upgrade without `Authorization` is let through and the key
   * is then required in graphql-ws's connection_init payload (`{ "authorization": "Bearer <key>" }`).
   */
  authorize?: (request: IncomingMessage) => string | undefined;
  /** False while the server drains: upgrades get 503 and new operations SHUTTING_DOWN. */
  accepting?: () => boolean;
  logger: Logger;
}

type Enveloped = ReturnType<YogaServerInstance<ServerContext, OperationContext>['getEnveloped']>;

/**
 * graphql-ws on the same port and path as HTTP. Yoga's CORS and CSRF checks do not see the
 * upgrade, so the Origin is checked here; every operation then runs through Yoga's envelop so
 * plugins (limits, auth, masking) apply as they do over HTTP.
 */
export function attachWebSocket(
  server: Server,
  yoga: YogaServerInstance<ServerContext, OperationContext>,
  options: WebSocketOptions,
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refuse = (status: number, reason: string, why = reason) => {
      options.logger.warn({ status, reason, origin: request.headers.origin }, `websocket upgrade refused: ${why}`);
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== options.path) return refuse(404, 'Not Found');
    if (options.accepting?.() === false) return refuse(503, 'Service Unavailable');
    const origin = request.headers.origin;
    if (origin) {
      const provenance = options.origins.provenance({ origin, host: request.headers.host });
      if (provenance.kind === 'foreign') return refuse(403, 'Forbidden', provenance.reason);
    }
    const denied = options.authorize?.(request);
    if (denied && request.headers.authorization !== undefined) return refuse(401, 'Unauthorized');
    if (denied) awaitingKey.add(request);
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  // Upgrades that came without a key: the key must arrive with connection_init.
  const awaitingKey = new WeakSet<IncomingMessage>();

  // Each operation gets a signal that aborts when the client completes it or its socket closes. One
  // close listener per socket (not per operation) aborts whatever is still running on it.
  const operationsBySocket = new WeakMap<WebSocket, Map<string, AbortController>>();
  const operationsOf = (socket: WebSocket): Map<string, AbortController> => {
    let operations = operationsBySocket.get(socket);
    if (!operations) {
      const own = new Map<string, AbortController>();
      socket.once('close', () => {
        for (const controller of own.values()) controller.abort();
        own.clear();
      });
      operationsBySocket.set(socket, own);
      operations = own;
    }
    return operations;
  };
  const endOperation = (socket: WebSocket, id: string) => {
    const operations = operationsOf(socket);
    operations.get(id)?.abort();
    operations.delete(id);
  };

  /** A refusal as the client gets it: its own GraphQL error, or (never expected) a masked one, logged. */
  const refusal = (error: unknown): GraphQLError => {
    if (isGraphQLError(error)) return error;
    options.logger.error({ err: error }, 'graphql-ws operation failed before it started');
    return unexpectedError();
  };
  /** Execution errors are results; an exception escaping here would make graphql-ws print it and close the socket. */
  const settledOrMasked = async <T>(run: () => Promise<T> | T): Promise<T | ExecutionResult> => {
    try {
      return await run();
    } catch (error) {
      options.logger.error({ err: error }, 'graphql-ws operation failed');
      return { errors: [unexpectedError()] };
    }
  };

  const disposable = useServer<Record<string, unknown>>(
    {
      onConnect: (ctx) => {
        const request = ctx.extra.request;
        if (!awaitingKey.has(request)) return true;
        const params = ctx.connectionParams ?? {};
        const presented = params.authorization ?? params.Authorization;
        // graphql-ws would close with a bare 4403 "Forbidden": close first, saying why (the reason
        // reaches the client's close event; at most 123 bytes).
        const refuse = (reason: string) => {
          options.logger.warn({ origin: request.headers.origin }, `websocket connection refused: ${reason}`);
          ctx.extra.socket.close(CloseCode.Forbidden, reason);
          return false;
        };
        if (typeof presented !== 'string')
          return refuse('API key required: send {"authorization":"Bearer <key>"} as connection_init payload');
        // From here on the socket's requests read the key like any other: from the upgrade's headers.
        request.headers.authorization = presented;
        if (options.authorize?.(request) !== undefined)
          return refuse('invalid API key in connection_init payload (authorization: Bearer <key>)');
        awaitingKey.delete(request);
        return true;
      },
      execute: (args) => settledOrMasked(() => (args.rootValue as Enveloped).execute(args)),
      subscribe: (args) => settledOrMasked(() => (args.rootValue as Enveloped).subscribe(args)),
      // Every refusal before execution (parse, validation, graphql-armor's limits, context) is an
      // `error` message for that operation alone: thrown from here, graphql-ws would print it to the
      // console and close the socket with 4500, ending the other operations on it.
      onSubscribe: async (ctx, id, payload) => {
        const socket = ctx.extra.socket;
        const controller = new AbortController();
        operationsOf(socket).set(id, controller);
        // graphql-ws calls onComplete only for operations that started: end the others here.
        try {
          if (options.accepting?.() === false) throw shuttingDown();
          const enveloped = yoga.getEnveloped({
            ...ctx,
            req: ctx.extra.request,
            socket,
            params: payload,
            signal: controller.signal,
          });
          let document;
          try {
            // Over graphql-ws `query` is required: a persisted operation is sent with `query: ""` and its id.
            document = enveloped.parse(options.persisted.resolve(payload));
          } catch (error) {
            throw coded(error, 'GRAPHQL_PARSE_FAILED');
          }
          const args: ExecutionArgs = {
            schema: enveloped.schema,
            operationName: payload.operationName ?? null,
            document,
            variableValues: payload.variables ?? null,
            contextValue: await enveloped.contextFactory(),
            rootValue: enveloped,
          };
          const errors: readonly GraphQLError[] = enveloped.validate(args.schema, args.document);
          if (errors.length > 0) {
            endOperation(socket, id);
            return errors.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
          }
          if (!getOperationAST(document, args.operationName)) {
            endOperation(socket, id);
            return [
              createGraphQLError('Unable to identify the operation to run: name it with operationName', {
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
              }),
            ];
          }
          return args;
        } catch (error) {
          endOperation(socket, id);
          return [refusal(error)];
        }
      },
      // As over HTTP, clients see `extensions.code` but not Yoga's transport hints (`http`). An error
      // without a code is graphql-ws's wrapping of an exception thrown by a running stream: masked.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => {
          if (error.extensions.code !== undefined) return withoutTransportHints(error);
          options.logger.error({ err: error.originalError ?? error }, 'graphql-ws stream failed');
          return unexpectedError().toJSON();
        }),
      onComplete: (ctx, id) => endOperation(ctx.extra.socket, id),
    },
    wss,
  );

  return {
    wss,
    /** Closes every socket (1001 going away) and stops accepting upgrades. */
    async close(): Promise<void> {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Yoga's test: any graphql instance's GraphQLError (graphql-armor, Yoga and graphql-js may each load their own). */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

function unexpectedError(): GraphQLError {
  return createGraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** `error` with `code` added when it has none (graphql-js's own parse and validation errors). */
function coded<E>(error: E, code: string): E {
  if (isGraphQLError(error) && error.extensions.code === undefined)
    (error.extensions as Record<string, unknown>).code = code;
  return error;
}

function withoutTransportHints(error: GraphQLError): GraphQLFormattedError {
  const { http: _http, ...extensions } = error.toJSON().extensions ?? {};
  return { ...error.toJSON(), extensions };
}
