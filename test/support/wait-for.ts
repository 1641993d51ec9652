/** Polls `predicate` until it holds; fails with `what` after `timeoutMs`. Tests wait for conditions, not times. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves once `read()` has stopped changing for `quietMs` (e.g. a request counter after a cancel). */
export async function waitUntilSteady(read: () => number, quietMs: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = read();
  let since = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = read();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return now;
    }
    if (Date.now() > deadline) throw new Error('value never became steady');
  }
}

/**
 * Asserts that the order service gets no new request for `quietMs` (after a cancel, a deadline, a
 * shutdown). Seeing that nothing happens takes time by nature; this is the one place tests wait for it.
 * `allowance` admits requests that were already on their way when the test looked.
 */
export async function expectNoMoreRequests(
  simulator: { stats(): { requests: number } },
  { quietMs = 200, allowance = 0 }: { quietMs?: number; allowance?: number } = {},
): Promise<void> {
  const before = simulator.stats().requests;
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  const after = simulator.stats().requests;
  if (after > before + allowance)
    throw new Error(`the order service got ${after - before} requests in ${quietMs} ms of expected quiet`);
}
