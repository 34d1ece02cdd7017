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
});
