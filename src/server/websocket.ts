import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../log/logger.ts';
import type { OriginPolicy } from './origin-policy.ts';
import type { GraphQLContext } from '../schema/context.ts';
import type { ServerContext } from './server-context.ts';

export interface WebSocketOptions {
  path: string;
  /** Largest message a client may send; graphql-ws operations are small. */
  maxPayload: number;
  /** Which browser origins may open a socket (its own, ALLOWED_ORIGINS); clients that send no Origin are not browsers. */
  origins: OriginPolicy;
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
    const refuse = (status: number, reason: string, why = reason) => {
      options.logger.warn({ status, reason, origin: request.headers.origin }, `websocket upgrade refused: ${why}`);
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== options.path) return refuse(404, 'Not Found');
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
