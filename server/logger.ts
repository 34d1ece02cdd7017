/**
 * Structured logging (pino). Every module receives a Logger and derives child loggers carrying `boardId`
 * and `connId`. Lines are JSON, or human-readable (pino-pretty) for a person at a terminal. Never log
 * tokens, member keys or URLs with their query string.
 */
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogFormat } from './config.js';

/** The logger type passed around the server. */
export type Logger = PinoLogger;

/** Whether lines are written pretty: `auto` means pretty only when stdout is a terminal (not a pipe or file). */
export function usePrettyLogs(format: LogFormat, stdoutIsTty: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTty);
}

function destination(prettyLines: boolean): DestinationStream {
  // Synchronous writes: the last lines before process.exit (shutdown, fatal errors) must not be lost, and
  // the server logs events, not per-message traffic, so the cost is small.
  if (!prettyLines) return pino.destination({ dest: 1, sync: true });
  // Loaded only for a person at a terminal: importing pino-pretty costs ~100 ms of start and a few MiB.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pretty({ destination: 1, sync: true, colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' });
}

/**
 * Creates the root logger at `level` (`silent` in tests), writing JSON lines to stdout, or readable lines
 * when `prettyLines` (see usePrettyLogs).
 */
export function createLogger(level: string, prettyLines = false): Logger {
  return pino({
    level,
    base: { service: 'journeyroom' },
    // Defence in depth: redact secrets should a caller ever pass them in a log object.
    redact: { paths: ['token', 'memberKey', '*.token', '*.memberKey', 'authorization', '*.authorization'], censor: '[redacted]' },
  },
  destination(prettyLines));
}

/** A request path without its query string, safe to log (tokens travel in `?token=`). */
export function safePath(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return (q === -1 ? url : url.slice(0, q)).slice(0, 200);
}
