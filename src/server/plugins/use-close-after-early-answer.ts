import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';

/**
 * A response sent before its request has fully arrived (a refusal: 401 without a key, 403, 413, 405)
 * carries `Connection: close`, so Node closes the connection once it is written instead of reading
 * the rest of a body nobody wants, for as long as the client cares to trickle it.
 */
export function useCloseAfterEarlyAnswer(): Plugin {
  return {
    onResponse({ response, serverContext }) {
      // Node's http server hands Yoga its request as `req`.
      const request = (serverContext as { req?: IncomingMessage }).req;
      if (request && !request.complete) response.headers.set('connection', 'close');
    },
  };
}
