import type { Plugin } from 'graphql-yoga';
import { authenticate, type ApiKeyPolicy } from '../../auth/api-keys.ts';
import type { Metrics } from '../../metrics/metrics.ts';

export interface OperationalEndpointsOptions {
  /** Served at GET /metrics when given. */
  metrics?: Metrics | undefined;
  /** /metrics needs an API key when keys are required (Prometheus: `authorization: { credentials: <key> }`). */
  apiKeys: ApiKeyPolicy;
  /** True once the segment index is loaded and the server listens; false again when shutting down. */
  ready: () => boolean;
  /**
   * What the instance serves with, added to the /ready body: dependencies' state (e.g. `{ redis:
   * 'unreachable' }`) and the segment data's layers and versions. They do not turn /ready into 503:
   * an instance whose Redis is away still serves, with its fallbacks.
   */
  details?: (() => Record<string, unknown>) | undefined;
}

/**
 * `GET /ready` (200 or 503) and `GET /metrics` (Prometheus text). `GET /health` (200 while the process
 * runs) is Yoga's own health check, which answers before any plugin.
 */
export function useOperationalEndpoints(options: OperationalEndpointsOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const json = (status: number, body: unknown) =>
        new fetchAPI.Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        });
      const path = url.pathname;
      if (path !== '/ready' && path !== '/metrics') return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      if (path === '/ready')
        return endResponse(
          options.ready()
            ? json(200, { status: 'ready', ...options.details?.() })
            : json(503, { status: 'not ready', ...options.details?.() }),
        );
      if (!options.metrics) return endResponse(new fetchAPI.Response(null, { status: 404 }));
      if (authenticate(options.apiKeys, request.headers.get('authorization')) === undefined) {
        return endResponse(
          new fetchAPI.Response('API key required\n', {
            status: 401,
            headers: { 'WWW-Authenticate': 'Bearer realm="phonematch"' },
          }),
        );
      }
      endResponse(
        new fetchAPI.Response(await options.metrics.text(), {
          status: 200,
          headers: { 'content-type': options.metrics.contentType },
        }),
      );
    },
  };
}
