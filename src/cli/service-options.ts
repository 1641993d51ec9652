import { Option } from 'commander';
import { type Config, loadConfig } from '../config/config.ts';
import { OPTIONS, type OptionName, type OptionSpec } from '../config/options.ts';

/**
 * Settings of the API in front of the engine (listener, keys, operation limits, per-key quotas): they
 * mean nothing when the command runs the search itself, so they are not offered as its flags (their
 * environment variables are still read, and validated, like the server's).
 */
const API_ONLY: ReadonlySet<OptionName> = new Set<OptionName>([
  'host',
  'port',
  'graphiql',
  'introspection',
  'persistedOperations',
  'requestTimeoutMs',
  'searchUnwatchedGraceMs',
  'searchRetentionMs',
  'shutdownGraceMs',
  'apiKeys',
  'allowedOrigins',
  'maxDepth',
  'maxAliases',
  'maxTokens',
  'maxCost',
  'maxDirectives',
  'maxBodyBytes',
  'searchesInFlightPerKey',
  'searchesPerMinutePerKey',
]);

export const SERVICE_OPTIONS_GROUP = 'In-process service (flags win over the environment variables in brackets):';

interface ServiceFlag {
  readonly spec: OptionSpec;
  readonly option: Option;
}

/** The server's own option table as flags of the command (only help text here: values are parsed by loadConfig). */
export function serviceFlags(): ServiceFlag[] {
  return (Object.entries(OPTIONS) as Array<[OptionName, OptionSpec]>)
    .filter(([name]) => !API_ONLY.has(name))
    .map(([name, spec]) => {
      // The command's own log lines would tear its progress bars: it logs warnings unless asked for more.
      const shownDefault =
        name === 'logLevel'
          ? 'warn for the command line'
          : (spec.defaultText ?? (spec.default === undefined ? undefined : String(spec.default)));
      const option = new Option(
        `--${spec.flag} <value>`,
        `${spec.description} [${spec.env}]${shownDefault === undefined ? '' : ` (default: ${shownDefault})`}`,
      ).helpGroup(SERVICE_OPTIONS_GROUP);
      return { spec, option };
    });
}

/**
 * The in-process service's configuration, exactly as the server would load it: the flags given on the
 * command line are handed to `loadConfig` as its own flags, so parsing, defaults and validation stay in
 * one place. Throws ConfigProblems.
 */
export function loadServiceConfig(
  flags: readonly ServiceFlag[],
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Config {
  const argv: string[] = [];
  for (const { spec, option } of flags) {
    const value = values[option.attributeName()];
    if (typeof value === 'string') argv.push(`--${spec.flag}`, value);
  }
  const config = loadConfig(argv, env);
  if (config === 'help') throw new Error('unreachable: --help is never passed to loadConfig');
  return config;
}
