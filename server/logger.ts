/**
 * Structured JSON logging (pino). Every module receives a Logger and derives child loggers carrying
 * `boardId` and `connId`. Never log tokens, member keys or URLs with their query string.
 */
import { pino, type Logger as PinoLogger } from 'pino';

/** The logger type passed around the server. */
export type Logger = PinoLogger;

/** Creates the root logger at `level` (`silent` in tests); writes JSON lines to stdout. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'journeyroom' },
    // Defence in depth: redact secrets should a caller ever pass them in a log object.
    redact: { paths: ['token', 'memberKey', '*.token', '*.memberKey', 'authorization', '*.authorization'], censor: '[redacted]' },
  },
  // Synchronous writes: the last lines before process.exit (shutdown, fatal errors) must not be lost, and
  // the server logs events, not per-message traffic, so the cost is small.
  pino.destination({ dest: 1, sync: true }));
}

/** A request path without its query string, safe to log (tokens travel in `?token=`). */
export function safePath(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return (q === -1 ? url : url.slice(0, q)).slice(0, 200);
}
