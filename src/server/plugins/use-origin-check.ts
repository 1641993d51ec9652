import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Logger } from '../../log/logger.ts';
import { type OriginPolicy, type Provenance } from '../origin-policy.ts';
import { REQUEST_ID_HEADER } from './use-request-id.ts';

/** Headers a cross-site form or link cannot add: any one marks a header-less request as a real client's. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'];

/** Content types a cross-site `<form>` can post without a CORS preflight. */
const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export const FORBIDDEN_ORIGIN = 'FORBIDDEN_ORIGIN';
export const CSRF_HEADER_REQUIRED = 'CSRF_HEADER_REQUIRED';

/**
 * CSRF prevention and CORS by origin (see `OriginPolicy`). On the GraphQL path:
 * - a browser request from a foreign origin is refused with 403 before anything runs (preflights too),
 *   with the reason in the body and the log;
 * - a request from the service's own origin or an allowed one goes through with no custom header;
 * - a request that names no origin (not a browser) must be preflight-safe: a JSON POST, or a GET / form
 *   POST carrying one of `CSRF_HEADERS`.
 * Yoga's CORS (configured by `corsOptions`) answers the allowed preflights.
 */
export function useOriginCheck(options: {
  policy: OriginPolicy;
  path: string;
  logger: Logger;
  /** The id the request-id plugin gave the request, for the refusal's log line (no operation context exists yet). */
  requestIdOf: (request: Request) => string;
}): Plugin {
  const { policy, path, logger, requestIdOf } = options;
  // A request's provenance is read in onRequest, onRequestParse and onResponse: worked out once per
  // request and kept by this instance for its own hooks; resolvers never need it, so not in the context.
  const provenances = new WeakMap<Request, Provenance>();

  const refusal = (request: Request, provenance: Extract<Provenance, { kind: 'foreign' }>) => {
    logger.warn(
      {
        origin: provenance.origin,
        secFetchSite: request.headers.get('sec-fetch-site') ?? undefined,
        method: request.method,
        requestId: requestIdOf(request),
      },
      `request refused: ${provenance.reason}`,
    );
    return Response.json(
      { errors: [{ message: `Forbidden: ${provenance.reason}`, extensions: { code: FORBIDDEN_ORIGIN } }] },
      { status: 403 },
    );
  };

  const provenanceOf = (request: Request) => {
    let provenance = provenances.get(request);
    if (!provenance) {
      provenance = policy.provenance({
        origin: request.headers.get('origin'),
        host: request.headers.get('host'),
        secFetchSite: request.headers.get('sec-fetch-site'),
      });
      provenances.set(request, provenance);
    }
    return provenance;
  };

  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== path) return;
      const provenance = provenanceOf(request);
      if (provenance.kind === 'foreign') endResponse(refusal(request, provenance));
    },
    onResponse({ request, response, setResponse }) {
      if (new URL(request.url).pathname !== path) return;
      // Yoga's CORS answers every preflight before other plugins see the request: refuse foreign ones here.
      const provenance = provenanceOf(request);
      if (request.method === 'OPTIONS' && provenance.kind === 'foreign') {
        setResponse(refusal(request, provenance));
        return;
      }
      // The CORS headers name the request's own origin, so caches must keep answers per origin.
      if (request.headers.has('origin')) response.headers.append('vary', 'Origin');
    },
    onRequestParse({ request }) {
      if (provenanceOf(request).kind !== 'unknown') return;
      const contentType = request.headers.get('content-type')?.toLowerCase();
      const formLike = !contentType || FORM_CONTENT_TYPES.some((type) => contentType.startsWith(type));
      if (!formLike || CSRF_HEADERS.some((name) => request.headers.has(name))) return;
      throw createGraphQLError(
        `A request without an Origin header that is a GET or a form-like POST must carry one of the headers ${CSRF_HEADERS.join(', ')} (CSRF prevention; browsers send Origin and need none, JSON POSTs need none)`,
        { extensions: { code: CSRF_HEADER_REQUIRED, http: { status: 403 } } },
      );
    },
  };
}

/** Yoga's CORS options for a request: its own origin echoed when allowed, nothing for any other. */
export function corsOptions(policy: OriginPolicy) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin) return false as const;
    const provenance = policy.provenance({ origin, host: request.headers.get('host') });
    if (provenance.kind === 'foreign') return false as const;
    return {
      origin: [origin],
      // With `*` no page gets credentialed access; the API uses Authorization headers, not cookies.
      credentials: !policy.anyOrigin,
      exposedHeaders: [REQUEST_ID_HEADER],
      maxAge: 600,
    };
  };
}
