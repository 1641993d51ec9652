import type { PersistedOperationsMode } from './persisted-operations.ts';

// The server's defaults, shared with the option table (src/config/options.ts): each is written once,
// here, beside the server, and the option table imports them (it cannot import the app, which reads it).

/** `MAX_BODY_BYTES`'s default: the largest request body and WebSocket message, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 65_536;
/** `REQUEST_TIMEOUT_MS`'s default: the time a client has to send a request's headers and body. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** `SHUTDOWN_GRACE_MS`'s default: how long running searches may finish when the server closes. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
/** `PERSISTED_OPERATIONS`'s default: documents and persisted ids both run. */
export const DEFAULT_PERSISTED_OPERATIONS: PersistedOperationsMode = 'allow';
