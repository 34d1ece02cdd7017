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
