/**
 * The only reader of process.env. Parses and validates every setting once, with safe defaults, and fails
 * fast naming the variable. Everything else receives a Config object, so tests build any config without env.
 */
import os from 'node:os';
import path from 'node:path';

export interface Config {
  /** TCP port; 0 picks a free one (tests). Env PORT, default 3000. */
  port: number;
  /** Interface to bind. Env HOST, default 0.0.0.0 (reachable from laptops in the room). */
  host: string;
  /** Folder of the SQLite file. Env DATA_DIR, default ./data. */
  dataDir: string;
  /** Public base URL for links (e.g. https://journey.example.org); default: taken from each request. Env PUBLIC_URL. */
  publicUrl: string | undefined;
  /** Extra origins allowed to open WebSockets and call the API, besides same-origin. Env ALLOWED_ORIGINS (comma-separated). */
  allowedOrigins: string[];
  /** Largest WebSocket frame; bigger frames close that connection with 1009. Env MAX_FRAME_BYTES, default 8 MiB. */
  maxFrameBytes: number;
  /** Connections per board (all its docs together); more are refused with 1013. Env MAX_CONNECTIONS_PER_BOARD, default 250. */
  maxConnectionsPerBoard: number;
  /**
   * Wait before committing the first update on a quiet queue; under load commits follow each other back to
   * back (group commit). Env FLUSH_DELAY_MS, default 0 (contract: <= 250).
   */
  flushDelayMs: number;
  /**
   * Least time between the starts of two commits while the server has had sustained load (100 updates a second for a
   * second, rooms/write-queue.ts), so that a busy server commits batches rather than single updates, each with its
   * fsync; it adds up to that much to "saved" then. A quiet board's edit and a burst are committed at once, as
   * without it (docs/benchmarks.md). Env COMMIT_INTERVAL_MS, default 20 (≤ 250; 0: never spaced).
   */
  commitIntervalMs: number;
  /**
   * Compact a doc's update log into its snapshot after this many appended updates (a big board waits for a log of a
   * quarter of its snapshot, at most 20 times this many: rooms/compaction-rule.ts). Env COMPACT_AFTER_UPDATES, default 500.
   */
  compactAfterUpdates: number;
  /** Keep an idle room this long after its last client left before unloading it. Env IDLE_UNLOAD_MS, default 5000. */
  idleUnloadMs: number;
  /** Pending (unstored) bytes above which new writes are refused with 1013 while storage fails. Env MAX_PENDING_BYTES, default 256 MiB. */
  maxPendingBytes: number;
  /** Outbound bytes buffered for one socket above which it is closed as a slow consumer. Env MAX_BUFFERED_BYTES, default 16 MiB. */
  maxBufferedBytes: number;
  /**
   * How far a new note's createdAt may lie before its author joined or after the server's now (client clocks
   * are often off by an hour). Env NOTE_CLOCK_SKEW_MS, default 2 h.
   */
  noteClockSkewMs: number;
  /** Failed credential attempts (token, member key, join code) one address may make per window. Env AUTH_FAILURES_PER_WINDOW, default 20. */
  authFailuresPerWindow: number;
  /** The window of authFailuresPerWindow, seconds. Env AUTH_FAILURE_WINDOW_S, default 60. */
  authFailureWindowS: number;
  /** How long an address that used up its failures is refused (except for credentials it already used), seconds. Env AUTH_BLOCK_S, default 300. */
  authBlockS: number;
  /**
   * Messages the server sends that are at least this big are compressed (permessage-deflate, when the client
   * offers it): first syncs of big boards. Smaller ones (every live edit) are sent as they are. 0 turns
   * compression off (not negotiated). Env COMPRESS_ABOVE_BYTES, default 16 KiB.
   */
  compressAboveBytes: number;
  /**
   * After this long with no board loaded (following a time with boards), the server runs one full garbage
   * collection so the memory of unloaded boards goes back to the system. 0 turns it off. Env IDLE_GC_MS,
   * default 10000.
   */
  idleGcMs: number;
  /** pino level. Env LOG_LEVEL, default info. */
  logLevel: string;
  /** Log line format: `json`, `pretty` (human-readable), or `auto` (pretty when stdout is a terminal). Env LOG_FORMAT, default auto. */
  logFormat: LogFormat;
  /** Built client to serve; default dist/client next to the server build. Env CLIENT_DIR. */
  clientDir: string;
  /** PostgreSQL instead of SQLite when set (postgres://…). Env DATABASE_URL. */
  databaseUrl: string | undefined;
  /** PostgreSQL schema of the tables (created at start). Env DATABASE_SCHEMA, default journeyroom. */
  databaseSchema: string;
  /** Redis joining several instances when set (redis://…). Env REDIS_URL. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key this deployment uses. Env REDIS_PREFIX, default jr. */
  redisPrefix: string;
  /** Bearer token that opens GET /metrics; unset = /metrics answers 404. Env METRICS_TOKEN (16+ characters). */
  metricsToken: string | undefined;
  /** This instance's name in logs, metrics and Redis entries. Env INSTANCE_ID, default host-pid. */
  instanceId: string;
  /** Proxies in front of the server whose X-Forwarded-For is trusted for the client address. Env TRUST_PROXY, default 0. */
  trustProxyHops: number;
  /** Boards one address may create per minute (counted across instances with Redis). Env RATE_LIMIT_BOARDS_PER_MIN, default 120. */
  boardsPerMinute: number;
  /** Join-code lookups one address may make per minute. Env RATE_LIMIT_JOIN_LOOKUPS_PER_MIN, default 120. */
  joinLookupsPerMinute: number;
}

/** The accepted values of LOG_FORMAT. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
/** How log lines are written (see Config.logFormat). */
export type LogFormat = (typeof LOG_FORMATS)[number];

function isLogFormat(value: string): value is LogFormat {
  return (LOG_FORMATS as readonly string[]).includes(value);
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function origins(env: Env, name: string): string[] {
  const raw = env[name];
  if (!raw) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((origin) => {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        throw new ConfigError(`${name}: ${JSON.stringify(origin)} is not a URL origin like https://host:port`);
      }
      if (url.origin !== origin.replace(/\/$/, '')) throw new ConfigError(`${name}: ${JSON.stringify(origin)} must be a bare origin (scheme://host[:port])`);
      return url.origin;
    });
}

/** A URL setting with one of `schemes`, or undefined when unset. */
function serviceUrl(env: Env, name: string, schemes: readonly string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL like ${schemes[0]}//host:port/…`);
  }
  if (!schemes.includes(url.protocol)) throw new ConfigError(`${name} must start with ${schemes.join(' or ')}//, got ${JSON.stringify(url.protocol)}`);
  return raw;
}

/** A setting that must match `shape` (described by `what`), or `fallback` when unset. */
function shaped(env: Env, name: string, fallback: string, shape: RegExp, what: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!shape.test(raw)) throw new ConfigError(`${name} must be ${what}, got ${JSON.stringify(raw)}`);
  return raw;
}

/** Shortest accepted METRICS_TOKEN: a guessable token would make the metrics public. */
export const MIN_METRICS_TOKEN_CHARS = 16;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Defaults, also used by tests as a base for their own configs. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 3000,
    host: '0.0.0.0',
    dataDir: path.resolve('data'),
    publicUrl: undefined,
    allowedOrigins: [],
    maxFrameBytes: 8 * 1024 * 1024,
    maxConnectionsPerBoard: 250,
    flushDelayMs: 0,
    commitIntervalMs: 20,
    compactAfterUpdates: 500,
    idleUnloadMs: 5000,
    maxPendingBytes: 256 * 1024 * 1024,
    maxBufferedBytes: 16 * 1024 * 1024,
    noteClockSkewMs: 2 * 3600_000,
    authFailuresPerWindow: 20,
    authFailureWindowS: 60,
    authBlockS: 300,
    compressAboveBytes: 16 * 1024,
    idleGcMs: 10_000,
    logLevel: 'info',
    logFormat: 'auto',
    clientDir: path.resolve('dist/client'),
    databaseUrl: undefined,
    databaseSchema: 'journeyroom',
    redisUrl: undefined,
    redisPrefix: 'jr',
    metricsToken: undefined,
    instanceId: `${os.hostname()}-${process.pid}`,
    trustProxyHops: 0,
    boardsPerMinute: 120,
    joinLookupsPerMinute: 120,
    ...overrides,
  };
}

function metricsToken(env: Env): string | undefined {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < MIN_METRICS_TOKEN_CHARS || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError(`METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_CHARS} printable characters without spaces`);
  }
  return raw;
}

/** Builds the config from an environment (process.env in serve.ts). Throws ConfigError naming the bad variable. */
export function loadConfig(env: Env): Config {
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = env.LOG_FORMAT || 'auto';
  if (!isLogFormat(logFormat)) throw new ConfigError(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got ${JSON.stringify(env.LOG_FORMAT)}`);
  let publicUrl: string | undefined;
  if (env.PUBLIC_URL) {
    try {
      const url = new URL(env.PUBLIC_URL);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
      publicUrl = url.origin + url.pathname.replace(/\/$/, '');
    } catch {
      throw new ConfigError(`PUBLIC_URL must be an http(s) URL, got ${JSON.stringify(env.PUBLIC_URL)}`);
    }
  }
  return defaultConfig({
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    publicUrl,
    allowedOrigins: origins(env, 'ALLOWED_ORIGINS'),
    maxFrameBytes: int(env, 'MAX_FRAME_BYTES', 8 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    maxConnectionsPerBoard: int(env, 'MAX_CONNECTIONS_PER_BOARD', 250, 1, 100_000),
    flushDelayMs: int(env, 'FLUSH_DELAY_MS', 0, 0, 250),
    commitIntervalMs: int(env, 'COMMIT_INTERVAL_MS', 20, 0, 250),
    compactAfterUpdates: int(env, 'COMPACT_AFTER_UPDATES', 500, 1, 1_000_000),
    idleUnloadMs: int(env, 'IDLE_UNLOAD_MS', 5000, 0, 3_600_000),
    maxPendingBytes: int(env, 'MAX_PENDING_BYTES', 256 * 1024 * 1024, 1024 * 1024, 8 * 1024 * 1024 * 1024),
    maxBufferedBytes: int(env, 'MAX_BUFFERED_BYTES', 16 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    noteClockSkewMs: int(env, 'NOTE_CLOCK_SKEW_MS', 2 * 3600_000, 0, 7 * 24 * 3600_000),
    authFailuresPerWindow: int(env, 'AUTH_FAILURES_PER_WINDOW', 20, 1, 100_000),
    authFailureWindowS: int(env, 'AUTH_FAILURE_WINDOW_S', 60, 1, 86_400),
    authBlockS: int(env, 'AUTH_BLOCK_S', 300, 1, 86_400),
    compressAboveBytes: int(env, 'COMPRESS_ABOVE_BYTES', 16 * 1024, 0, 1024 * 1024 * 1024),
    idleGcMs: int(env, 'IDLE_GC_MS', 10_000, 0, 3_600_000),
    logLevel,
    logFormat,
    clientDir: path.resolve(env.CLIENT_DIR || 'dist/client'),
    databaseUrl: serviceUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseSchema: shaped(env, 'DATABASE_SCHEMA', 'journeyroom', /^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case PostgreSQL identifier (a-z, 0-9, _)'),
    redisUrl: serviceUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: shaped(env, 'REDIS_PREFIX', 'jr', /^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ or - (at most 64)'),
    metricsToken: metricsToken(env),
    trustProxyHops: int(env, 'TRUST_PROXY', 0, 0, 10),
    boardsPerMinute: int(env, 'RATE_LIMIT_BOARDS_PER_MIN', 120, 1, 1_000_000),
    joinLookupsPerMinute: int(env, 'RATE_LIMIT_JOIN_LOOKUPS_PER_MIN', 120, 1, 1_000_000),
    instanceId: shaped(env, 'INSTANCE_ID', `${os.hostname()}-${process.pid}`, /^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _, . or - (at most 64)'),
  });
}
