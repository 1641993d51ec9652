import { createWriteStream } from 'node:fs';
import { CommanderError } from 'commander';
import { ConfigProblems } from '../config/config.ts';
import { GRAPHQL_PATH } from '../server/paths.ts';
import { BatchFileError, readBatchFile } from './batch/batch-file.ts';
import { resultWriter } from './batch/batch-results.ts';
import { batchCommand } from './commands/batch.ts';
import { matchCommand } from './commands/match.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { cancelOnInterrupt } from './interrupt.ts';
import { drawBars, hasColours, paintFor } from './render/terminal-style.ts';
import type { MatchPhoneInput } from './match-event.ts';
import { buildProgram, type MatchOptions } from './program.ts';
import { loadServiceConfig, serviceFlags } from './service-options.ts';
import type { SearchTarget } from './targets/search-target.ts';

/** A mistake in how the command was called: said on stderr, exit 2. */
class UsageError extends Error {}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<ExitCode> {
  let code: ExitCode = EXIT.MATCHED;
  const program = buildProgram(async (mask, options) => {
    code = await runMatch(mask, options, env);
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0; commander has already printed the message.
      return error.exitCode === 0 ? EXIT.MATCHED : EXIT.BAD_INPUT;
    }
    if (error instanceof UsageError || error instanceof BatchFileError || error instanceof ConfigProblems) {
      process.stderr.write(`phonematch: ${error.message}\n`);
      return EXIT.BAD_INPUT;
    }
    process.stderr.write(`phonematch: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.FAILED;
  }
  return code;
}

async function runMatch(mask: string | undefined, options: MatchOptions, env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const input: MatchPhoneInput = { stopAt: options.stopAt };
  if (mask !== undefined) input.mask = mask;
  for (const field of ['prefix', 'suffix', 'city', 'province', 'address'] as const) {
    const value = options[field];
    if (value !== undefined) input[field] = value;
  }
  if (
    options.batch &&
    (input.mask ?? input.prefix ?? input.suffix ?? input.city ?? input.province ?? input.address) !== undefined
  )
    throw new UsageError('--batch takes the numbers and places from its file, not from the command line');
  if (!options.batch && (options.output !== undefined || options.format !== undefined))
    throw new UsageError('--output and --format are for --batch');

  // Read the batch file first: a bad file is refused before the service is started.
  const batch = options.batch ? await readBatchFile(options.batch, options.stopAt) : undefined;
  const target = await openTarget(options, env);
  if (target.simulated)
    process.stderr.write(
      "phonematch: no ORDERS_URL: answering from the bundled simulator's made-up orders (set ORDERS_URL to check the real order service)\n",
    );
  const interrupt = cancelOnInterrupt(process.stdout, process.stderr);
  try {
    if (batch) {
      const format = options.format ?? (options.output?.toLowerCase().endsWith('.json') ? 'json' : 'csv');
      const stream = options.output ? createWriteStream(options.output) : process.stdout;
      const writer = resultWriter(format, stream, batch.columns, { endStream: stream !== process.stdout });
      return await batchCommand(
        target,
        batch,
        writer,
        {
          stderr: process.stderr,
          progress: drawBars(options.progress, process.stderr, options.output ? 'file' : process.stdout),
        },
        interrupt.signal,
      );
    }
    return await matchCommand(
      target,
      input,
      {
        stdout: process.stdout,
        stderr: process.stderr,
        progress: drawBars(options.progress, process.stderr, process.stdout),
        json: options.json === true || process.stdout.isTTY !== true,
        paint: paintFor(hasColours(process.stdout)),
      },
      interrupt.signal,
    );
  } finally {
    interrupt.dispose();
    await target.close();
  }
}

/** The service given by --server, or the server's own composition in this process. */
async function openTarget(options: MatchOptions, env: NodeJS.ProcessEnv): Promise<SearchTarget> {
  const flags = serviceFlags();
  if (options.server !== undefined) {
    const given = flags.filter(({ option }) => options[option.attributeName()] !== undefined);
    if (given.length > 0)
      throw new UsageError(
        `${given.map(({ spec }) => `--${spec.flag}`).join(', ')} configure the in-process service; with --server the service has its own configuration`,
      );
    const { RemoteTarget } = await import('./targets/remote.ts');
    return new RemoteTarget(graphqlUrl(options.server), options.transport, env.PHONEMATCH_API_KEY || undefined);
  }
  const config = loadServiceConfig(flags, options, env);
  // The service's log lines go to stderr; quiet (warnings) unless LOG_LEVEL / --log-level asks for more.
  const logLevel = typeof options.logLevel === 'string' || env.LOG_LEVEL ? config.logLevel : 'warn';
  const { InProcessTarget } = await import('./targets/in-process.ts');
  return InProcessTarget.start(config, { logLevel });
}

/** `http://host:4000` or `http://host:4000/graphql`. */
function graphqlUrl(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new UsageError(`--server ${JSON.stringify(server)} is not a URL; expected e.g. http://127.0.0.1:4000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--server must be an http:// or https:// URL, got ${url.protocol}`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = GRAPHQL_PATH;
  return url.toString();
}
