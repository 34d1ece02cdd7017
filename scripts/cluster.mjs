#!/usr/bin/env node
/**
 * `npm run cluster -- [N]`: a quick local try of the scale-out mode. Starts N (default 2) instances of the built
 * server on consecutive ports from PORT (default 3000) against DATABASE_URL and REDIS_URL, prefixes their log
 * lines with their name, and stops them all on Ctrl-C (SIGTERM each: they store everything first).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist', 'server', 'main.js');
/** Most instances this helper starts (it is for trying the mode on one machine). */
const MAX_INSTANCES = 16;

function fail(message) {
  console.error(`cluster: ${message}`);
  process.exit(2);
}

const count = Number(process.argv[2] ?? '2');
if (!Number.isInteger(count) || count < 1 || count > MAX_INSTANCES) fail(`the number of instances must be a whole number from 1 to ${MAX_INSTANCES}, got ${JSON.stringify(process.argv[2])}`);
if (!process.env.DATABASE_URL) fail('set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test): the instances share PostgreSQL');
if (!process.env.REDIS_URL) fail('set REDIS_URL (e.g. redis://127.0.0.1:6379): the instances talk through Redis');
const base = Number(process.env.PORT ?? '3000');
if (!Number.isInteger(base) || base < 1 || base + count - 1 > 65535) fail(`PORT must leave room for ${count} consecutive ports, got ${JSON.stringify(process.env.PORT)}`);
if (!existsSync(entry)) fail(`${path.relative(root, entry)} is missing; run "npm run build"`);

const children = [];
for (let i = 0; i < count; i++) {
  const name = `jr-${i + 1}`;
  const port = base + i;
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { ...process.env, PORT: String(port), INSTANCE_ID: process.env.INSTANCE_ID ?? name, LOG_FORMAT: process.env.LOG_FORMAT ?? 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`[${name} :${port}] ${line}\n`);
    });
  }
  child.once('exit', (code, signal) => {
    console.log(`[${name} :${port}] exited (${signal ?? code})`);
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(0);
  });
  children.push(child);
}
console.log(`cluster: ${count} instances on http://localhost:${base}${count > 1 ? `…${base + count - 1}` : ''}; Ctrl-C stops them all`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
