import { ensureConsoleBuilt } from '../src/server/console-build.ts';

/** `npm run build:console`: builds the agent console into dist/console (always, not only when stale). */
const result = await ensureConsoleBuilt({ force: true });
process.stdout.write(`agent console: ${result}\n`);
