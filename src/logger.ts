import { destination as pinoDestination, pino, stdSerializers, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { LogLevel } from './config/load-config.js';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Resolves once every line logged so far has been handed to its destination (call it before exiting). */
  flush?(): Promise<void>;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; default process.stderr. Tests pass a function. */
  write?: (line: string) => void;
  /** Human-readable lines (pino-pretty) instead of JSON, e.g. when stderr is a terminal. */
  pretty?: boolean;
  /** The clock for `time`; default the system clock. */
  now?: () => Date;
}

/**
 * Fields that must never reach a log, wherever a caller puts them: a safety net, since callers log
 * key ids and never secrets. Top-level paths cover fields passed directly, `*.` ones one level down.
 */
const redactedPaths = [
  'apiKey',
  'authorization',
  '["x-api-key"]',
  '*.apiKey',
  '*.authorization',
  'headers["x-api-key"]',
  'headers.authorization',
];

/**
 * A structured logger on pino: one JSON object per line (`time` as ISO 8601, `level` as its name,
 * `message`, then the fields), filtered by level. Without `write`, lines go to stderr through
 * pino's asynchronous destination, so the request path never waits on the terminal or a pipe;
 * pino writes what is buffered when the process exits, and `flush()` does so on demand.
 */
export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? (() => new Date());
  const destination = createDestination(options);
  const instance = pino(
    {
      level: options.level,
      messageKey: 'message',
      base: undefined,
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: stdSerializers.err, error: stdSerializers.err },
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    destination,
  );
  return {
    debug: entry(instance, 'debug'),
    info: entry(instance, 'info'),
    warn: entry(instance, 'warn'),
    error: entry(instance, 'error'),
    flush: () => new Promise<void>((resolve) => instance.flush(() => resolve())),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function entry(instance: PinoLogger, level: 'debug' | 'info' | 'warn' | 'error'): (message: string, fields?: LogFields) => void {
  return (message, fields) => {
    if (fields === undefined) instance[level](message);
    else instance[level](fields, message);
  };
}

function createDestination(options: LoggerOptions): DestinationStream {
  if (options.pretty === true) {
    const colorize = options.write === undefined && process.stderr.isTTY;
    const prettify = prettyFactory({ messageKey: 'message', translateTime: 'SYS:HH:MM:ss.l', singleLine: true, colorize });
    const write = options.write ?? ((line: string) => process.stderr.write(line));
    return { write: (line) => write(prettify(line)) };
  }
  if (options.write !== undefined) return { write: options.write };
  return pinoDestination({ dest: 2, sync: false });
}
