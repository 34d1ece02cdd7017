/** Config parsing: defaults, good values, and bad values refused naming the variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { usePrettyLogs } from './logger.js';

describe('LOG_FORMAT', () => {
  it('defaults to auto: pretty at a terminal, JSON into a pipe or file', () => {
    const { logFormat } = loadConfig({});
    expect(logFormat).toBe('auto');
    expect(usePrettyLogs(logFormat, true)).toBe(true);
    expect(usePrettyLogs(logFormat, false)).toBe(false);
  });

  it('json and pretty override the terminal check', () => {
    expect(usePrettyLogs(loadConfig({ LOG_FORMAT: 'json' }).logFormat, true)).toBe(false);
    expect(usePrettyLogs(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat, false)).toBe(true);
  });

  it('refuses other values, naming the variable', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: 'JSON' })).toThrow(/LOG_FORMAT must be one of auto, json, pretty, got "JSON"/);
  });
});

describe('config', () => {
  it('COMPRESS_ABOVE_BYTES defaults to 16 KiB, accepts 0 (off) and whole numbers', () => {
    expect(loadConfig({}).compressAboveBytes).toBe(16 * 1024);
    expect(loadConfig({ COMPRESS_ABOVE_BYTES: '0' }).compressAboveBytes).toBe(0);
    expect(loadConfig({ COMPRESS_ABOVE_BYTES: '65536' }).compressAboveBytes).toBe(65536);
  });

  it.each(['-1', '1.5', 'big', '99999999999'])('COMPRESS_ABOVE_BYTES=%s stops the start naming the variable', (raw) => {
    expect(() => loadConfig({ COMPRESS_ABOVE_BYTES: raw })).toThrow(ConfigError);
    expect(() => loadConfig({ COMPRESS_ABOVE_BYTES: raw })).toThrow(/COMPRESS_ABOVE_BYTES/);
  });

  it('IDLE_GC_MS defaults to 10 s, 0 turns it off, bad values are named', () => {
    expect(loadConfig({}).idleGcMs).toBe(10_000);
    expect(loadConfig({ IDLE_GC_MS: '0' }).idleGcMs).toBe(0);
    for (const raw of ['-5', 'soon', '1e9']) expect(() => loadConfig({ IDLE_GC_MS: raw })).toThrow(/IDLE_GC_MS/);
  });

  it('COMMIT_INTERVAL_MS defaults to 20 and takes 0 (off) up to 250 ms', () => {
    expect(loadConfig({}).commitIntervalMs).toBe(20);
    expect(loadConfig({ COMMIT_INTERVAL_MS: '0' }).commitIntervalMs).toBe(0);
    expect(loadConfig({ COMMIT_INTERVAL_MS: '10' }).commitIntervalMs).toBe(10);
    expect(loadConfig({ COMMIT_INTERVAL_MS: '250' }).commitIntervalMs).toBe(250);
  });
});

describe('config: scale-out settings', () => {
  it('defaults to the embedded mode: no PostgreSQL, no Redis, no metrics endpoint', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.metricsToken).toBeUndefined();
    expect(config.databaseSchema).toBe('journeyroom');
    expect(config.redisPrefix).toBe('jr');
  });

  it('reads PostgreSQL, Redis, metrics and instance settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://jr@db:5432/journeyroom',
      DATABASE_SCHEMA: 'jr_prod',
      REDIS_URL: 'redis://cache:6379/0',
      REDIS_PREFIX: 'jr-prod',
      METRICS_TOKEN: 'a-long-enough-secret',
      INSTANCE_ID: 'web-1',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://jr@db:5432/journeyroom',
      databaseSchema: 'jr_prod',
      redisUrl: 'redis://cache:6379/0',
      redisPrefix: 'jr-prod',
      metricsToken: 'a-long-enough-secret',
      instanceId: 'web-1',
    });
  });

  it.each([
    ['DATABASE_URL', 'mysql://db/x', /DATABASE_URL must start with postgres:/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL must be a URL/],
    ['DATABASE_SCHEMA', 'Public; DROP', /DATABASE_SCHEMA must be a lower-case PostgreSQL identifier/],
    ['REDIS_URL', 'http://cache', /REDIS_URL must start with redis:/],
    ['REDIS_PREFIX', 'a b', /REDIS_PREFIX must be letters/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN must be at least 16/],
    ['METRICS_TOKEN', 'has a space in the middle', /METRICS_TOKEN must be at least 16/],
    ['INSTANCE_ID', 'x'.repeat(65), /INSTANCE_ID must be/],
    ['TRUST_PROXY', 'yes', /TRUST_PROXY must be a whole number from 0 to 10/],
    ['RATE_LIMIT_BOARDS_PER_MIN', '0', /RATE_LIMIT_BOARDS_PER_MIN must be a whole number/],
    ['RATE_LIMIT_JOIN_LOOKUPS_PER_MIN', '-5', /RATE_LIMIT_JOIN_LOOKUPS_PER_MIN must be a whole number/],
    ['COMMIT_INTERVAL_MS', '251', /COMMIT_INTERVAL_MS/],
    ['COMMIT_INTERVAL_MS', '-1', /COMMIT_INTERVAL_MS/],
    ['COMMIT_INTERVAL_MS', 'soon', /COMMIT_INTERVAL_MS/],
  ])('refuses a bad %s (%s) naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
