import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { Logger } from '../log/logger.ts';
import type { GraphQLContext } from '../schema/context.ts';

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

type Enveloped = ReturnType<YogaServerInstance<Record<string, unknown>, GraphQLContext>['getEnveloped']>;

/**
 * graphql-ws on the same port and path as HTTP. Yoga's CORS and CSRF checks do not see the
 * upgrade, so the Origin is checked here; every operation then runs through Yoga's envelop so
 * plugins (limits, auth, masking) apply as they do over HTTP.
 */
export function attachWebSocket(server: Server, yoga: YogaServerInstance<Record<string, unknown>, GraphQLContext>, options: WebSocketOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refuse = (status: number, reason: string) => {
      options.logger.warn({ status, reason, origin: request.headers.origin }, 'websocket upgrade refused');
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== options.path) return refuse(404, 'Not Found');
    const origin = request.headers.origin;
    if (origin && !isSameOrigin(origin, request) && !options.allowedOrigins.includes(origin)) return refuse(403, 'Forbidden');
    const denied = options.authorize?.(request);
    if (denied && request.headers.authorization !== undefined) return refuse(401, 'Unauthorized');
    if (denied) awaitingKey.add(request);
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  // Upgrades that came without a key: the key must arrive with connection_init.
  const awaitingKey = new WeakSet<IncomingMessage>();

  // Each operation gets a signal that aborts when its socket closes or the client completes it.
  const operations = new Map<string, AbortController>();
  const disposable = useServer<Record<string, unknown>, { operations?: Map<string, AbortController> }>(
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
        else options.logger.warn({ origin: request.headers.origin }, 'websocket connection refused: invalid API key in connection_init');
        return accepted;
      },
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (ctx, id, payload) => {
        const controller = new AbortController();
        operations.set(`${socketKey(ctx.extra.socket)}:${id}`, controller);
        ctx.extra.socket.once('close', () => controller.abort());
        const enveloped = yoga.getEnveloped({ ...ctx, req: ctx.extra.request, socket: ctx.extra.socket, params: payload, signal: controller.signal });
        let document;
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
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
        if (errors.length > 0) return errors;
        return args;
      },
      onComplete: (ctx, id) => {
        const key = `${socketKey(ctx.extra.socket)}:${id}`;
        operations.get(key)?.abort();
        operations.delete(key);
      },
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

const socketIds = new WeakMap<object, number>();
let nextSocketId = 0;
function socketKey(socket: object): number {
  let id = socketIds.get(socket);
  if (id === undefined) {
    id = nextSocketId++;
    socketIds.set(socket, id);
  }
  return id;
}

function isSameOrigin(origin: string, request: IncomingMessage): boolean {
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

