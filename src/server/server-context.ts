import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';

/**
 * What the server hands Yoga with each operation, besides Yoga's own `request` and `params`. Over HTTP
 * Node's http server passes `req` and `res`; over graphql-ws (websocket.ts) `req` is the upgrade request,
 * `socket` the connection, and `signal` aborts when the client completes the operation or the socket
 * closes (there is no per-operation `request` then).
 */
export interface ServerContext {
  readonly req?: IncomingMessage;
  readonly res?: ServerResponse;
  readonly socket?: WebSocket;
  readonly signal?: AbortSignal;
}
