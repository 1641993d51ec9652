// Keys of a session's internals, as undici keeps its own (lib/core/symbols.js): the checker and its
// flights reach them, code outside src/checker cannot, because index.ts does not export them.
export const kJobs = Symbol('jobs');
export const kEnqueue = Symbol('enqueue');
export const kEnqueueRetry = Symbol('enqueue retry');
export const kTrack = Symbol('track');
/**
 * Settles a waiter: hands it its final `CheckResult`, as a promise settles. "Settle" means that
 * throughout (a check's waiter here; an operation's response in server/plugins/use-settled-operations.ts).
 */
export const kSettle = Symbol('settle');
export const kCountRequest = Symbol('count request');
