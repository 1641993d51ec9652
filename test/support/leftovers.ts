import { afterAll, afterEach, beforeEach } from 'vitest';

/**
 * One list of things to close, drained by the setup file (test/support/setup.ts): what a test starts is
 * closed after that test, what a `beforeAll` starts after the file. Helpers that start servers register
 * themselves here, so test files need no cleanup hooks of their own (graphql-ws's tests' discipline).
 */
type Cleanup = () => unknown;

const afterThisTest: Cleanup[] = [];
const afterThisFile: Cleanup[] = [];
// Set by the setup file's hooks: a `beforeAll` runs outside any test, a `beforeEach` or the test inside one.
let inTest = false;

/** Closes `cleanup` after the running test, or after the file when called outside a test (beforeAll). */
export function leave(cleanup: Cleanup): void {
  (inTest ? afterThisTest : afterThisFile).push(cleanup);
}

async function drain(list: Cleanup[]): Promise<void> {
  const failures: unknown[] = [];
  // Last started, first closed: a service goes before the simulator it talks to.
  for (const cleanup of list.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, 'several cleanups failed');
}

/** Registered once per test file by the setup file. */
export function registerLeftoverHooks(): void {
  beforeEach(() => {
    inTest = true;
  });
  afterEach(async () => {
    inTest = false;
    await drain(afterThisTest);
  });
  afterAll(() => drain(afterThisFile));
}
