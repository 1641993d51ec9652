import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../log/logger.ts';
import type { GraphQLContext } from '../schema/context.ts';
import type { ServerContext } from './server-context.ts';

export interface WebSocketOptions {
  path: string;
  /** Largest message a client may send; graphql-ws operations are small. */
  maxPayload: number;
  /** Browser origins allowed to open a socket; same-origin is always allowed. */
  allowedOrigins: readonly string[];
  /**
   * Extra check of the upgrade request (API keys); return a refusal reason or undefined. Browsers
   * cannot set headers on an upgrade, so an upgrade without `Authorization` is let through and the key
   * is then required in graphql-ws's connection_init payload (`{ "authorization": "Bearer <key>" }`).
   */
  authorize?: (request: IncomingMessage) => string | undefined;
  logger: Logger;
}

type Enveloped = ReturnType<YogaServerInstance<ServerContext, GraphQLContext>['getEnveloped']>;

/**
 * graphql-ws on the same port and path as HTTP. Yoga's CORS and CSRF checks do not see the
 * upgrade, so the Origin is checked here; every operation then runs through Yoga's envelop so
 * plugins (limits, auth, masking) apply as they do over HTTP.
 */
export function attachWebSocket(
  server: Server,
  yoga: YogaServerInstance<ServerContext, GraphQLContext>,
  options: WebSocketOptions,
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refuse = (status: number, reason: string) => {
      options.logger.warn({ status, reason, origin: request.headers.origin }, 'websocket upgrade refused');
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== options.path) return refuse(404, 'Not Found');
    const origin = request.headers.origin;
    if (origin && !isSameOrigin(origin, request) && !options.allowedOrigins.includes(origin))
      return refuse(403, 'Forbidden');
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

  const disposable = useServer<Record<string, unknown>>(
    {
      onConnect: (ctx) => {
        const request = ctx.extra.request;
        if (!awaitingKey.has(request)) return true;
        const params = ctx.connectionParams ?? {};
        const presented = params.authorization ?? params.Authorization;
        if (typeof presented !== 'string') return false;
        // From here on the socket's requests read the key like any other: from the upgrade's headers.
        request.headers.authorization = presented;
        const accepted = options.authorize?.(request) === undefined;
        if (accepted) awaitingKey.delete(request);
        else
          options.logger.warn(
            { origin: request.headers.origin },
            'websocket connection refused: invalid API key in connection_init',
          );
        return accepted;
      },
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (ctx, id, payload) => {
        const socket = ctx.extra.socket;
        const controller = new AbortController();
        operationsOf(socket).set(id, controller);
        // graphql-ws calls onComplete only for operations that started: end the others here.
        try {
          const enveloped = yoga.getEnveloped({
            ...ctx,
            req: ctx.extra.request,
            socket,
            params: payload,
            signal: controller.signal,
          });
          let document;
          try {
            document = enveloped.parse(payload.query);
          } catch (error) {
            endOperation(socket, id);
            return [error as GraphQLError];
          }
          const args: ExecutionArgs = {
            schema: enveloped.schema,
            operationName: payload.operationName ?? null,
            document,
            variableValues: payload.variables ?? null,
            contextValue: await enveloped.contextFactory(),
            rootValue: enveloped,
          };
          const errors = enveloped.validate(args.schema, args.document);
          if (errors.length > 0) {
            endOperation(socket, id);
            return errors;
          }
          return args;
        } catch (error) {
          endOperation(socket, id);
          throw error;
        }
      },
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

function isSameOrigin(origin: string, request: IncomingMessage): boolean {
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
