import { type Server, createServer } from 'node:http';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { ApiKeyPolicy } from '../auth/api-keys.ts';
import type { Logger } from '../log/logger.ts';
import { maskPhonesIn } from '../phone/mask.ts';
import type { GraphQLContext, Services } from '../schema/context.ts';
import { buildSchema } from '../schema/index.ts';
import { type GraphiQLExamples, graphiqlOptions, offlineGraphiQL } from './graphiql.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { apiKeyIdOf, authorizeUpgrade, useApiKey } from './plugins/use-api-key.ts';
import { useOperationalEndpoints } from './plugins/use-operational-endpoints.ts';
import { type OperationLimits, useOperationLimits } from './plugins/use-operation-limits.ts';
import { requestIdOf, useRequestId } from './plugins/use-request-id.ts';
import type { ServerContext } from './server-context.ts';
import { attachWebSocket } from './websocket.ts';

/** Headers that mark a GET or simple-content-type request as not a cross-site form post (CSRF prevention). */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'];

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
  /**
   * API keys (HTTP, SSE, WebSocket upgrade and /metrics).
   * @default { required: false, keys: empty } — every caller is `dev`
   */
  apiKeys?: ApiKeyPolicy;
  /** graphql-armor limits; none when absent. */
  operationLimits?: OperationLimits;
  /**
   * Largest request body in bytes (larger: 413).
   * @default 65536
   */
  maxRequestBodyBytes?: number;
  /** Hide "did you mean" field suggestions in validation errors (production). */
  blockFieldSuggestions?: boolean;
  /** Served at GET /metrics. */
  metrics?: Metrics;
  /** Dependencies' state in the /ready body (the fleet's Redis). */
  readyDetails?: () => Record<string, string>;
}

export interface App {
  readonly yoga: YogaServerInstance<ServerContext, GraphQLContext>;
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
  const apiKeys: ApiKeyPolicy = options.apiKeys ?? { required: false, keys: new Map() };
  let listening = false;
  let closing = false;

  const schema = buildSchema();
  const yoga = createYoga<ServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: options.graphiql ? graphiqlOptions(schema, options.graphiql) : false,
    renderGraphiQL: offlineGraphiQL(),
    cors: allowedOrigins.length > 0 ? { origin: [...allowedOrigins], credentials: true } : false,
    logging: yogaLogger(logger),
    // Unexpected errors reach clients as "Unexpected error." (details only in the log); kept on
    // explicitly, and never in Yoga's dev form (which would attach the original error) whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    maxRequestBodySize: options.maxRequestBodyBytes ?? 65_536,
    // Yoga answers GET /health itself (200, empty body) while the process runs; /ready is ours.
    healthCheckEndpoint: '/health',
    plugins: [
      useRequestId(),
      useOperationalEndpoints({
        metrics: options.metrics,
        apiKeys,
        ready: () => listening && !closing,
        details: options.readyDetails,
      }),
      ...(apiKeys.required ? [useApiKey(apiKeys)] : []),
      useCSRFPrevention({ requestHeaders: CSRF_HEADERS }),
      ...(options.operationLimits
        ? [
            useOperationLimits(options.operationLimits, {
              blockFieldSuggestions: options.blockFieldSuggestions ?? false,
            }),
          ]
        : []),
    ],
    context: (initial) => {
      // graphql-ws passes its own per-operation signal; over HTTP the request's aborts when the client leaves.
      const own = initial.signal ?? initial.request?.signal;
      return {
        services,
        signal: own ? AbortSignal.any([own, shutdown.signal]) : shutdown.signal,
        apiKeyId: apiKeyIdOf(apiKeys, initial),
        requestId: requestIdOf(initial),
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
    maxPayload: options.maxWebSocketPayload ?? options.maxRequestBodyBytes ?? 65_536,
    allowedOrigins,
    ...(apiKeys.required ? { authorize: authorizeUpgrade(apiKeys) } : {}),
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
          listening = true;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`);
        });
      });
    },
    async close({ graceMs = 10_000 } = {}) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([services.engine.idle(), grace]);
      shutdown.abort();
      await services.searches.close();
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

/** Header and field names whose values are credentials; dropped from Yoga's log lines. */
const CREDENTIAL_KEYS = /^(authorization|cookie|set-cookie|x-api-key|apikey|api_key|token|password)$/i;

/**
 * Yoga's own log lines go through pino as one string, so pino's field redaction cannot see inside
 * them: credentials are dropped while stringifying, and phone numbers masked.
 */
function yogaLogger(logger: Logger) {
  const stringify = (value: unknown) =>
    JSON.stringify(value, (key, v: unknown) => (CREDENTIAL_KEYS.test(key) ? '[redacted]' : v));
  const format = (args: unknown[]) =>
    args
      .map((a) =>
        maskPhonesIn(
          a instanceof Error ? (a.stack ?? a.message) : typeof a === 'string' ? a : (stringify(a) ?? String(a)),
        ),
      )
      .join(' ');
  return {
    debug: (...args: unknown[]) => logger.debug(format(args)),
    info: (...args: unknown[]) => logger.info(format(args)),
    warn: (...args: unknown[]) => logger.warn(format(args)),
    error: (...args: unknown[]) => logger.error(format(args)),
  };
}
