import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DocumentNode, print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { startService, type RunningService } from '../../src/service/start-service.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/server.ts';
import { post } from './http.ts';
import { leave } from './leftovers.ts';
import { embeddedIndex } from './segment-data.ts';
import { candidateAt } from './tier-numbers.ts';

export const ORDER_SESSION_TOKEN = 'test-session-token-7f3a9c';

/**
 * The running service's parts at the top level (`service.graphqlUrl`, `service.engine`), with the test's
 * own simulator and configuration beside them.
 */
export interface TestService extends Omit<RunningService, 'simulator' | 'close'> {
  readonly simulator: Simulator;
  readonly config: Config;
  /** POSTs an operation (`post`); returns the parsed GraphQL response. */
  graphql<R, V>(
    document: TypedDocumentNode<R, V> | DocumentNode,
    variables?: V,
    options?: { headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<GraphQLResponse<R>>;
  /** Closes the service early (a test of what happens next); otherwise it is closed after the test. */
  close(): Promise<void>;
}

export interface GraphQLResponse<R> {
  data?: R | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/**
 * The real service (index, checker, Yoga, graphql-ws) on port 0, talking over loopback to a simulator
 * this test controls. `env` adds configuration as the service would read it from the environment.
 * Both are closed after the test (or after the file, when started in `beforeAll`).
 */
export async function startTestService(
  options: {
    simulator?: SimulatorOptions;
    /** Extra configuration; a function when it needs the simulator's address (e.g. ORDERS_BATCH_URL). */
    env?: Record<string, string> | ((simulator: Simulator) => Record<string, string>);
    logger?: Logger;
  } = {},
): Promise<TestService> {
  const simulator = await startSimulator({ token: ORDER_SESSION_TOKEN, ...options.simulator });
  // Each service audits into its own temp dir (removed on close) unless the test names a path.
  const auditDir = mkdtempSync(join(tmpdir(), 'phonematch-audit-'));
  const config = loadConfig([], {
    AUDIT_DB_PATH: join(auditDir, 'audit.sqlite'),
    PORT: '0',
    ORDERS_URL: simulator.ordersUrlTemplate,
    ORDERS_COOKIE: ORDER_SESSION_TOKEN,
    CHECK_CONCURRENCY: '16',
    SHUTDOWN_GRACE_MS: '0',
    // Learned places reorder a service's later searches by its earlier matches; tests of learning turn it on.
    LEARN_PLACES: 'off',
    ...(typeof options.env === 'function' ? options.env(simulator) : options.env),
  });
  if (config === 'help') throw new Error('unexpected --help');
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const service = await startService(config, { logger, index: embeddedIndex() });
  let closed: Promise<void> | undefined;
  const testService: TestService = {
    ...service,
    simulator,
    config,
    async graphql(document, variables, options = {}) {
      const query = typeof document === 'string' ? document : print(document);
      const { json } = await post(service.graphqlUrl, { query, variables }, options.headers, {
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return json as GraphQLResponse<never>;
    },
    close() {
      closed ??= (async () => {
        await service.close();
        await simulator.stop();
        rmSync(auditDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
  leave(() => testService.close());
  return testService;
}

/** A search with a match in its CITY tier: 138****1234 in 杭州, and the number the simulator has orders for. */
export const HANGZHOU = { prefix: '138', suffix: '1234', city: '杭州' } as const;
export const HANGZHOU_MATCH = candidateAt(HANGZHOU, 'CITY', 5);

/** A test service whose simulator has orders for HANGZHOU_MATCH only. */
export function startMatchingService(
  env: Record<string, string> = {},
  simulator: SimulatorOptions = {},
  logger?: Logger,
): Promise<TestService> {
  return startTestService({
    simulator: { numbers: new Set([HANGZHOU_MATCH]), ...simulator },
    env,
    ...(logger ? { logger } : {}),
  });
}
