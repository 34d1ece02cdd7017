#!/usr/bin/env node
/**
 * Makes the built server's first code cache (server/boot/code-cache.ts) at build time, so that the first start of
 * an install, or of a container whose user cannot write dist/, is as quick as the ones after it: starts the built
 * entry once on a throwaway data directory and port, waits for its log to say the cache is saved, and stops it.
 * `npm run build:server` runs it after scripts/bundle-server.mjs. Usage: node scripts/warm-start-cache.mjs [dir]
 * (default dist/server). It never fails the build: without the cache the server compiles as it did before it, and
 * makes the cache at its first start where it can write the directory.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(root, process.argv[2] ?? 'dist/server');
const TIMEOUT_MS = 30_000;

const warn = (text) => process.stderr.write(`warm-start-cache: ${text}; the server will make its code cache at its first start\n`);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'journeyroom-warm-'));
// A minimal environment: the embedded store, whatever DATABASE_URL or REDIS_URL the build machine has.
const env = { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', LOG_FORMAT: 'json' };
const child = spawn(process.execPath, [path.join(dir, 'main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });

/** 'saved' or 'used' (already warm) when done, else why not. */
let timer;
const outcome = await new Promise((resolve) => {
  timer = setTimeout(() => resolve(`no cache after ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        continue; // not a log line
      }
      if (entry.codeCache === 'used' || entry.codeCache === 'saved') resolve(entry.codeCache);
      else if (entry.codeCache === 'not saved') resolve(`the server could not write ${entry.file} (${entry.err?.message ?? 'unknown error'})`);
    }
  });
  child.once('exit', (code) => resolve(`the server exited (${code}) before saving it: ${stderr.trim()}`));
});
clearTimeout(timer);

if (child.exitCode === null) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
await rm(dataDir, { recursive: true, force: true });
if (outcome !== 'saved' && outcome !== 'used') warn(outcome);
process.exit(0);
