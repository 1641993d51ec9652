import type { IncomingMessage } from 'node:http';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { authenticate, type ApiKeyPolicy } from '../../auth/api-keys.ts';

export function unauthenticated() {
  return createGraphQLError('A valid API key is required: send Authorization: Bearer <key>', {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="phonematch"' } },
    },
  });
}

/**
 * Outside dev mode every GraphQL request over HTTP (queries, mutations, SSE subscriptions) needs
 * `Authorization: Bearer <key>`; without a valid one it is refused with 401 before it is parsed.
 * The key's id reaches resolvers as `context.apiKeyId` (see `apiKeyIdOf`).
 */
export function useApiKey(policy: ApiKeyPolicy): Plugin {
  return {
    onRequestParse({ request }) {
      if (authenticate(policy, request.headers.get('authorization')) === undefined) throw unauthenticated();
    },
  };
}

/**
 * The key id of an operation's initial context: HTTP (`request`) or graphql-ws (`req`, the upgrade
 * request, already authorized by `authorizeUpgrade`). Throws UNAUTHENTICATED when keys are required
 * and none is valid, so no operation can run without one whatever the transport.
 */
export function apiKeyIdOf(policy: ApiKeyPolicy, initial: { request?: Request; req?: IncomingMessage }): string {
  const header = initial.request?.headers.get('authorization') ?? initial.req?.headers.authorization;
  const id = authenticate(policy, header);
  if (id === undefined) throw unauthenticated();
  return id;
}

/** For graphql-ws's `authorize` hook: the upgrade request must carry a valid key. */
export function authorizeUpgrade(policy: ApiKeyPolicy): (request: IncomingMessage) => string | undefined {
  return (request) =>
    authenticate(policy, request.headers.authorization) === undefined ? 'invalid or missing API key' : undefined;
}
