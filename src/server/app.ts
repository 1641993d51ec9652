import { type Server, createServer } from 'node:http';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { ApiKeyPolicy } from '../auth/api-keys.ts';
import type { Logger } from '../log/logger.ts';
import { maskPhonesIn } from '../phone/mask.ts';
import type { OperationContext, Services } from '../schema/context.ts';
import { buildSchema } from '../schema/index.ts';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PERSISTED_OPERATIONS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SHUTDOWN_GRACE_MS,
} from './defaults.ts';
import { GraphiQLAssets, type GraphiQLExamples, graphiqlOptions, offlineGraphiQL } from './graphiql.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { apiKeyIdOf, authorizeUpgrade, useApiKey } from './plugins/use-api-key.ts';
import { useCloseAfterEarlyAnswer } from './plugins/use-close-after-early-answer.ts';
import { useDrain } from './plugins/use-drain.ts';
import { OpenStreams } from './plugins/use-open-streams.ts';
import { useIntrospectionPolicy } from './plugins/use-introspection-policy.ts';
import { useCompression } from './plugins/use-compression.ts';
import { useConsole } from './plugins/use-console.ts';
import { useGraphiQLAssets } from './plugins/use-graphiql-assets.ts';
import { useOperationalEndpoints } from './plugins/use-operational-endpoints.ts';
import { corsOptions, useOriginCheck } from './plugins/use-origin-check.ts';
import { OriginPolicy } from './origin-policy.ts';
import { PersistedOperations, type PersistedOperationsMode } from './persisted-operations.ts';
import { type OperationLimits, useOperationLimits } from './plugins/use-operation-limits.ts';
import { useRequestId } from './plugins/use-request-id.ts';
import { useSearchPreflight } from './plugins/use-search-preflight.ts';
import { useSettledOperations } from './plugins/use-settled-operations.ts';
import { GRAPHQL_PATH } from './paths.ts';
import type { ServerContext } from './server-context.ts';
import { platformSignal } from './platform-signal.ts';
import { attachWebSocket } from './websocket.ts';

export { GRAPHQL_PATH };

export interface AppOptions {
  services: Services;
  logger: Logger;
  /** Examples GraphiQL opens with; GraphiQL is off when absent. */
  graphiql?: GraphiQLExamples | undefined;
  /**
   * Largest WebSocket message accepted.
   * @default maxBodyBytes
   */
  maxWebSocketPayload?: number;
  /** Browser origins allowed besides the server's own (CORS, CSRF and WebSocket), as `parseAllowedOrigins` gives them; `['*']` for any. */
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
   * @default {@link DEFAULT_MAX_BODY_BYTES}
   */
  maxBodyBytes?: number;
  /**
   * Time a client has to send a request's headers and body; then 408 and the connection is closed.
   * Responses are not limited: SSE and WebSocket streams last as long as their searches.
   * @default {@link DEFAULT_REQUEST_TIMEOUT_MS}
   */
  requestTimeoutMs?: number;
  /**
   * Clients may read the schema (`__schema`, `__type`); when false such operations are refused with
   * INTROSPECTION_DISABLED on every transport.
   * @default true
   */
  introspection?: boolean;
  /** Hide "did you mean" field suggestions in validation errors (production). */
  blockFieldSuggestions?: boolean;
  /** Served at GET /metrics. */
  metrics?: Metrics;
  /**
   * Persisted operations (schema/generated/persisted-documents.json): `allow` also runs any document,
   * `only` runs nothing else.
   * @default {@link DEFAULT_PERSISTED_OPERATIONS}
   */
  persistedOperations?: PersistedOperationsMode;
  /** The agent console's built files, served at /console; no console when absent. */
  consoleDir?: string;
  /** Added to the /ready body: the segment data's layers, dependencies' state (the fleet's Redis). */
  readyDetails?: () => Record<string, unknown>;
}

export interface App {
  readonly yoga: YogaServerInstance<ServerContext, OperationContext>;
  readonly server: Server;
  /** Listens; resolves with the base URL (port 0 picks a free port). */
  listen(port: number, host: string): Promise<string>;
  /**
   * Drains: refuses new operations (503 SHUTTING_DOWN) while `/health` and `/ready` (503) still answer,
   * lets running searches finish for up to `graceMs` (default {@link DEFAULT_SHUTDOWN_GRACE_MS}), then cancels the rest (their subscribers receive
   * the final CANCELLED result), stops listening and closes every connection.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** Builds the GraphQL server: HTTP, SSE and graphql-ws on one port and one path. */
export function createApp(options: AppOptions): App {
  const { services, logger } = options;
  const shutdown = new AbortController();
  const origins = new OriginPolicy(options.allowedOrigins ?? []);
  if (origins.anyOrigin)
    logger.warn(
      'ALLOWED_ORIGINS=*: every web page may call this service from a browser (CORS without credentials, WebSocket)',
    );
  const apiKeys: ApiKeyPolicy = options.apiKeys ?? { required: false, keys: new Map() };
  let listening = false;
  let closing = false;

  const streams = new OpenStreams();
  const persisted = new PersistedOperations(options.persistedOperations ?? DEFAULT_PERSISTED_OPERATIONS);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const schema = buildSchema();
  const graphiqlAssets = new GraphiQLAssets();
  const requestIds = useRequestId();
  // The context function builds what every operation starts with; the plugins extend it into what
  // resolvers see (GraphQLContext).
  const yoga = createYoga<ServerContext, OperationContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: options.graphiql ? graphiqlOptions(schema, options.graphiql) : false,
    renderGraphiQL: offlineGraphiQL(graphiqlAssets),
    cors: corsOptions(origins),
    logging: yogaLogger(logger),
    // Unexpected errors reach clients as "Unexpected error." (details only in the log); kept on
    // explicitly, and never in Yoga's dev form (which would attach the original error) whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    maxRequestBodySize: maxBodyBytes,
    // Yoga answers GET /health itself (200, empty body) while the process runs; /ready is ours.
    healthCheckEndpoint: '/health',
    // A trusted document travels as its id alone (GraphQL over HTTP's `documentId`).
    extraParamNames: ['documentId'],
    plugins: [
      requestIds,
      // First, so its onResponse sees every answer last and compresses what the others produced.
      useCompression(),
      useCloseAfterEarlyAnswer(),
      useOriginCheck({ policy: origins, path: GRAPHQL_PATH, logger, requestIdOf: requestIds.idOf }),
      useOperationalEndpoints({
        metrics: options.metrics,
        apiKeys,
        ready: () => listening && !closing,
        details: options.readyDetails,
      }),
      useDrain({ draining: () => closing, graphqlPath: GRAPHQL_PATH }),
      ...(options.graphiql ? [useGraphiQLAssets(graphiqlAssets)] : []),
      ...(options.consoleDir ? [useConsole({ dir: options.consoleDir, apiKeyRequired: apiKeys.required })] : []),
      ...(apiKeys.required ? [useApiKey(apiKeys)] : []),
      persisted.plugin(),
      useIntrospectionPolicy({ enabled: options.introspection ?? true }),
      ...(options.operationLimits
        ? [
            useOperationLimits(options.operationLimits, {
              blockFieldSuggestions: options.blockFieldSuggestions ?? false,
            }),
          ]
        : []),
      useSearchPreflight(),
      useSettledOperations(),
      streams.plugin(),
    ],
    context: (initial) => {
      // graphql-ws passes its own per-operation signal; over HTTP the request's aborts when the client leaves.
      const own = initial.signal ?? initial.request?.signal;
      return {
        services,
        signal: own ? AbortSignal.any([platformSignal(own), shutdown.signal]) : shutdown.signal,
        apiKeyId: apiKeyIdOf(apiKeys, initial),
      };
    },
  });

  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = createServer(
    {
      // Node's request timeout bounds receiving a request (headers and body), not the response, so
      // SSE streams are untouched; an upgraded WebSocket is no longer an HTTP request at all.
      requestTimeout,
      headersTimeout: requestTimeout,
      // How often Node looks for requests over time (its default, 30 s, would double a 30 s bound).
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
      keepAliveTimeout: 10_000,
    },
    yoga,
  );
  const ws = attachWebSocket(server, yoga, {
    path: GRAPHQL_PATH,
    maxPayload: options.maxWebSocketPayload ?? maxBodyBytes,
    origins,
    persisted,
    ...(apiKeys.required ? { authorize: authorizeUpgrade(apiKeys) } : {}),
    accepting: () => !closing,
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
    async close({ graceMs = DEFAULT_SHUTDOWN_GRACE_MS } = {}) {
      closing = true;
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([services.engine.idle(), grace]);
      shutdown.abort();
      await services.searches.close();
      await services.engine.idle();
      // Let the final CANCELLED events reach subscribers before their connections go.
      await streams.idle(STREAMS_END_WAIT_MS);
      await ws.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await yoga.dispose();
    },
  };
}

/** How long shutdown waits for subscription streams to deliver their final event (a stalled reader). */
const STREAMS_END_WAIT_MS = 1000;

/**
 * Header and field names dropped from Yoga's log lines: credentials, and `address` (a customer's
 * address as written on an order is personal data; searches log the place it resolved to).
 */
const REDACTED_KEYS = /^(authorization|cookie|set-cookie|x-api-key|apikey|api_key|token|password|address)$/i;

/**
 * Yoga's own log lines go through pino as one string, so pino's field redaction cannot see inside
 * them: credentials and addresses are dropped while stringifying, and phone numbers masked.
 */
function yogaLogger(logger: Logger) {
  const stringify = (value: unknown) =>
    JSON.stringify(value, (key, v: unknown) => (REDACTED_KEYS.test(key) ? '[redacted]' : v));
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
