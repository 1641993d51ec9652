import { ConfigProblems, loadConfig, type Config } from '../../src/config/config.ts';

/** The configuration the service would load from `env` and `argv` (never asked for --help here). */
export function loadTestConfig(env: Record<string, string>, argv: string[] = []): Config {
  const config = loadConfig(argv, env);
  if (config === 'help') throw new Error('unexpected --help');
  return config;
}

/** The problems the service would refuse to start with, one line each; [] when it accepts the settings. */
export function configProblems(env: Record<string, string>, argv: string[] = []): string[] {
  try {
    loadConfig(argv, env);
  } catch (error) {
    if (error instanceof ConfigProblems) return error.problems;
    throw error;
  }
  return [];
}
