import { createGraphQLError, type Plugin } from 'graphql-yoga';

const SHUTTING_DOWN = {
  message: 'The server is shutting down; retry the operation (on another instance)',
  extensions: { code: 'SHUTTING_DOWN' },
};

/** What a graphql-ws client gets for an operation sent while the server drains. */
export function shuttingDown() {
  return createGraphQLError(SHUTTING_DOWN.message, { extensions: SHUTTING_DOWN.extensions });
}

/**
 * While the server drains (SIGTERM: running searches finish, then it stops), it keeps listening so
 * that `/health` (200) and `/ready` (503) still answer a load balancer, but refuses every new GraphQL
 * request with 503 SHUTTING_DOWN and closes its connection so the client reconnects elsewhere.
 */
export function useDrain(options: { draining: () => boolean; graphqlPath: string }): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (!options.draining() || url.pathname !== options.graphqlPath) return;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [SHUTTING_DOWN] }), {
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '1', connection: 'close' },
        }),
      );
    },
  };
}
