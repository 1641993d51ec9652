import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for the libraries (Yoga, Pothos); Vite would give our own
    // modules the .mjs build, and two graphql instances reject each other's types and errors.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    // Tests start real servers on loopback; a few share the CPU with the simulator.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
