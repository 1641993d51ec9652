import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start real servers on loopback; a few share the CPU with the simulator.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
