import { type Server, createServer } from 'node:http';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from '../log/logger.ts';
import { maskPhonesIn } from '../phone/mask.ts';
import type { GraphQLContext, Services } from '../schema/context.ts';
import { buildSchema } from '../schema/index.ts';
import { type GraphiQLExamples, graphiqlOptions, offlineGraphiQL } from './graphiql.ts';
import { attachWebSocket } from './websocket.ts';

export const GRAPHQL_PATH = '/graphql';

export interface AppOptions {
  services: Services;
  logger: Logger;
  /** Examples GraphiQL opens with; GraphiQL is off when absent. */
  graphiql?: GraphiQLExamples | undefined;
  /**
   * Largest WebSocket message accepted.
   * @default 65536
   */
  maxWebSocketPayload?: number;
  /** Browser origins allowed besides the server's own (CORS and WebSocket). */
  allowedOrigins?: readonly string[];
  /** Yoga plugins added by the hardening layers (limits, auth, metrics). */
  plugins?: Plugin[];
}

export interface App {
  readonly yoga: YogaServerInstance<Record<string, unknown>, GraphQLContext>;
  readonly server: Server;
  /** Listens; resolves with the base URL (port 0 picks a free port). */
  listen(port: number, host: string): Promise<string>;
  /**
   * Stops accepting, lets running searches finish for up to `graceMs`, then cancels the rest (their
   * subscribers receive the final CANCELLED result) and closes every connection.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** Builds the GraphQL server: HTTP, SSE and graphql-ws on one port and one path. */
export function createApp(options: AppOptions): App {
  const { services, logger } = options;
  const shutdown = new AbortController();
  const allowedOrigins = options.allowedOrigins ?? [];

  const yoga = createYoga<Record<string, unknown>, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: options.graphiql ? graphiqlOptions(options.graphiql) : false,
    renderGraphiQL: offlineGraphiQL(),
    cors: allowedOrigins.length > 0 ? { origin: [...allowedOrigins], credentials: true } : false,
    logging: yogaLogger(logger),
    plugins: options.plugins ?? [],
    context: (initial) => {
      const own = (initial as { signal?: AbortSignal }).signal ?? (initial as { request?: Request }).request?.signal;
      return {
        services,
        signal: own ? AbortSignal.any([own, shutdown.signal]) : shutdown.signal,
      };
    },
  });

  const server = createServer(yoga);
  // Long searches stream for minutes; Node's default request timeout would cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 10_000;
  const ws = attachWebSocket(server, yoga, {
    path: GRAPHQL_PATH,
    maxPayload: options.maxWebSocketPayload ?? 65_536,
    allowedOrigins,
    logger,
  });

  return {
    yoga,
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          const actualPort = typeof address === 'object' && address ? address.port : port;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`);
        });
      });
    },
    async close({ graceMs = 10_000 } = {}) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([services.engine.idle(), grace]);
      shutdown.abort();
      await services.engine.idle();
      // Let the final CANCELLED events reach subscribers before their connections go.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await ws.close();
      server.closeAllConnections();
      await closed;
      await yoga.dispose();
    },
  };
}

/** Yoga's own log lines go through pino, with any phone number in them masked. */
function yogaLogger(logger: Logger) {
  const format = (args: unknown[]) =>
    args.map((a) => (a instanceof Error ? maskPhonesIn(a.stack ?? a.message) : maskPhonesIn(typeof a === 'string' ? a : JSON.stringify(a)))).join(' ');
  return {
    debug: (...args: unknown[]) => logger.debug(format(args)),
    info: (...args: unknown[]) => logger.info(format(args)),
    warn: (...args: unknown[]) => logger.warn(format(args)),
    error: (...args: unknown[]) => logger.error(format(args)),
  };
}
