import { ConfigProblems, helpText, loadConfig } from './config/config.ts';
import { createLogger } from './log/logger.ts';
import { ensureConsoleBuilt } from './server/console-build.ts';
import { startService } from './service/start-service.ts';

/** Parses the configuration, starts the service, and shuts it down gracefully on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigProblems) {
      process.stderr.write(`${error.message}\n\nRun with --help to see every option.\n`);
      process.exit(2);
    }
    throw error;
  }
  if (config === 'help') {
    process.stdout.write(helpText());
    return;
  }

  const logger = createLogger({ level: config.logLevel });
  // A fresh clone has no built console: build it once (a few seconds) before serving /console.
  await ensureConsoleBuilt({ logger });
  const service = await startService(config, { logger });

  if (config.mode === 'dev') {
    // The startup hint is for the developer at the terminal, not the logs: only here do full
    // example numbers appear, and only in dev mode against the bundled simulator.
    const hint = service.exampleNumbers.length
      ? `\nTry a search that matches (the bundled simulator has orders for ${service.exampleNumbers.join(', ')}):\n` +
        service.exampleNumbers
          .map(
            (n) =>
              `  prefix ${n.slice(0, 3)}, suffix ${n.slice(-4)}, city ${service.index.lookup(n).city?.short ?? '(any)'}\n`,
          )
          .join('')
      : '';
    process.stderr.write(
      `\nphonematch (dev mode) at ${service.graphqlUrl}; open it in a browser for GraphiQL.\n` +
        `Agent console: ${service.url}/console\n${hint}\n`,
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing running searches');
    service.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Operators update PHONE_DAT_PATH or SEGMENTS_OVERLAY_PATH in place and send SIGHUP: each instance
  // reloads its own files; a bad file is logged and the data in use stays.
  process.on('SIGHUP', () => {
    if (!stopping) service.reloadSegments();
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`phonematch failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
