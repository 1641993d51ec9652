import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** `LOG_LEVEL`'s default. */
export const DEFAULT_LOG_LEVEL = 'info';

/**
 * Structured JSON logs. Fields that could carry credentials are redacted by pino itself, so a careless
 * `log.info({ headers })` cannot leak a session cookie or API key.
 */
export function createLogger(
  options: { level?: string; name?: string; destination?: pino.DestinationStream } = {},
): Logger {
  const config: LoggerOptions = {
    name: options.name ?? 'phonematch',
    level: options.level ?? process.env.LOG_LEVEL ?? DEFAULT_LOG_LEVEL,
    redact: {
      paths: [
        'cookie',
        'authorization',
        'headers.cookie',
        'headers.authorization',
        '*.headers.cookie',
        '*.headers.authorization',
        'req.headers.cookie',
        'req.headers.authorization',
        'apiKey',
        'token',
      ],
      censor: '[redacted]',
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** A logger that drops everything; for library code called without one. */
export const silentLogger: Logger = pino({ level: 'silent' });
