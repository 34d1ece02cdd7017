#!/usr/bin/env node
/**
 * `npm start`: builds the client and server when the build is missing or older than the sources (so
 * `npm install && npm start` works on a fresh clone), then runs the server in this process's place.
 * In a production image the sources are absent and the prebuilt dist/ is used as it is.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = path.join(root, 'dist', 'server', 'main.js');
const clientEntry = path.join(root, 'dist', 'client', 'index.html');
const sourceDirs = ['server', 'shared', 'client'].map((d) => path.join(root, d));

/** Newest modification time of any file under `dir` (0 when absent). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return max;
}

function builtAt() {
  if (!existsSync(serverEntry) || !existsSync(clientEntry)) return 0;
  return Math.min(statSync(serverEntry).mtimeMs, statSync(clientEntry).mtimeMs);
}

const haveSources = sourceDirs.every((d) => existsSync(d));
const stale = haveSources && Math.max(...sourceDirs.map(newest)) > builtAt();
if (stale) {
  console.error('journeyroom: building (first start, or sources changed)…');
  // loaded only here: node:child_process costs a few ms of every start
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('journeyroom: the build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}
if (!existsSync(serverEntry)) {
  console.error(`journeyroom: ${path.relative(root, serverEntry)} is missing; run "npm run build".`);
  process.exit(1);
}
await import(serverEntry);
