/**
 * `npm start` output: readable lines at a terminal, JSON lines into a pipe, LOG_FORMAT overriding both.
 * The terminal is a real pseudo-terminal made by util-linux `script`.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

/** Runs the server with `env` until its listening line appears; returns everything it printed by then. */
async function firstLines(env: Record<string, string>, tty: boolean): Promise<string> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'journeyroom-logs-'));
  onTestFinished(() => fs.rm(dataDir, { recursive: true, force: true }));
  const options: SpawnOptions = {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: dataDir, LOG_LEVEL: 'info', ...env },
  };
  const child = tty
    ? spawn('script', ['-qfec', 'node --import tsx server/main.ts', '/dev/null'], options)
    : spawn('node', ['--import', 'tsx', 'server/main.ts'], options);
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  });
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/listening on http/.test(out) && out.endsWith('\n')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

// colour codes of the terminal output (ESC [ ... m)
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

describe('log format', () => {
  it('into a pipe: JSON lines', async () => {
    const out = await firstLines({}, false);
    const line = out.split('\n').find((l) => l.includes('listening on'));
    expect(JSON.parse(line ?? '')).toMatchObject({ level: 30, msg: expect.stringMatching(/^Journeyroom listening on http:\/\/127\.0\.0\.1:\d+$/) });
  });

  it('at a terminal: readable lines with time and level, no JSON', async () => {
    const out = (await firstLines({}, true)).replace(ANSI, '');
    const line = out.split(/\r?\n/).find((l) => l.includes('listening on'));
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Journeyroom listening on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('LOG_FORMAT=json at a terminal and LOG_FORMAT=pretty into a pipe', async () => {
    const json = (await firstLines({ LOG_FORMAT: 'json' }, true)).replace(ANSI, '');
    expect(json.split(/\r?\n/).find((l) => l.includes('listening on'))).toMatch(/^\{"level":30,/);
    const pretty = await firstLines({ LOG_FORMAT: 'pretty' }, false);
    expect(pretty.split('\n').find((l) => l.includes('listening on'))).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Journeyroom listening on/);
  });

  it('a bad LOG_FORMAT stops the server with a message naming the variable', async () => {
    const child = spawn('node', ['--import', 'tsx', 'server/main.ts'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '0', LOG_FORMAT: 'colour' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/LOG_FORMAT must be one of auto, json, pretty/);
  });
});
