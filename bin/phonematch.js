#!/usr/bin/env node
// The command line's launcher for plain node: the sources are TypeScript, run through tsx (a runtime
// dependency), so `npx phonematch` works on a fresh clone after `npm ci`, without a build step.
import { register } from 'tsx/esm/api';

register();
// A reader that went away (`phonematch match --help | head -3`) is no error; during a search the command
// itself turns it into a cancel (src/cli/interrupt.ts).
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2), process.env);
process.exitCode = code;
// Everything is closed by now; should a socket or timer linger, it must not keep the command running.
setTimeout(() => process.exit(code), 2000).unref();
