/**
 * The code cache through real node processes (a process that compiled a script keeps it in V8's own in-memory
 * cache, so each load is a fresh process): a first load compiles and saves, the next one uses the cache, a bundle
 * changed to the same length never runs the old build's cache, a damaged cache is rejected and the bundle still
 * runs, and a cache that cannot be written says so and leaves nothing behind.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/server.js';
import { codeCacheFile } from './code-cache.js';

const SCRIPT = `
import { requireWithCodeCache } from './server/boot/code-cache.ts';
const { exports, codeCache } = requireWithCodeCache(process.argv[1]);
let saved = 'no';
if (process.argv[2] === 'save') saved = await codeCache.save().then(() => 'yes', (error) => error.code);
console.log(JSON.stringify({ status: codeCache.status, file: codeCache.file, saved, answer: exports.answer() }));
`;

interface Load {
  status: string;
  file: string;
  saved: string;
  answer: { greeting: string; dep: string; filename: string; dirname: string; strict: boolean };
}

async function load(bundle: string, save = true): Promise<Load> {
  const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', '--input-type=module', '-e', SCRIPT, bundle, save ? 'save' : '']);
  return JSON.parse(stdout) as Load;
}

/** A CommonJS bundle with a relative require, as the server's bundle requires its externals. */
async function bundleIn(dir: string, greeting: string): Promise<string> {
  await fs.writeFile(path.join(dir, 'dep.cjs'), "module.exports = 'from dep';\n");
  const bundle = path.join(dir, 'server.cjs');
  const body = `"use strict";
const dep = require('./dep.cjs');
function strict() { return this === undefined; }
module.exports.answer = () => ({ greeting: ${JSON.stringify(greeting)}, dep, filename: __filename, dirname: __dirname, strict: strict() });
`;
  await fs.writeFile(bundle, body);
  return bundle;
}

describe('requireWithCodeCache', { timeout: 60_000 }, () => {
  it('compiles and saves on a first load, then runs from the cache', async () => {
    const dir = await tempDir();
    const bundle = await bundleIn(dir, 'hello');
    const first = await load(bundle);
    expect(first).toMatchObject({ status: 'absent', saved: 'yes' });
    expect(first.answer).toEqual({ greeting: 'hello', dep: 'from dep', filename: bundle, dirname: dir, strict: true });
    expect(first.file).toBe(codeCacheFile(bundle, await fs.readFile(bundle, 'utf8')));
    // V8's data starts after the tag line and a 32-byte digest, at a multiple of 8: V8 copies unaligned data first.
    const stored = await fs.readFile(first.file);
    expect((stored.indexOf('\n') + 1 + 32) % 8).toBe(0);
    expect(stored.length).toBeGreaterThan(64);

    const second = await load(bundle, false);
    expect(second).toMatchObject({ status: 'used', file: first.file });
    expect(second.answer).toEqual(first.answer);
    // Nothing but the bundle, its dependency and one cache: the temporary file was renamed.
    expect((await fs.readdir(dir)).sort()).toEqual(['dep.cjs', path.basename(first.file), 'server.cjs'].sort());
  });

  it('never runs the cache of another build, even one of the same length', async () => {
    const dir = await tempDir();
    const bundle = await bundleIn(dir, 'hello');
    const old = await load(bundle);
    await bundleIn(dir, 'jello');
    const changed = await load(bundle, false);
    expect(changed.status).toBe('absent');
    expect(changed.file).not.toBe(old.file);
    expect(changed.answer.greeting).toBe('jello');
  });

  it('rejects a damaged cache and still runs the bundle, then replaces the cache', async () => {
    const dir = await tempDir();
    const bundle = await bundleIn(dir, 'hello');
    const first = await load(bundle);
    const damaged = await fs.readFile(first.file);
    damaged.fill(7, Math.floor(damaged.length / 2));
    await fs.writeFile(first.file, damaged);
    const rejected = await load(bundle);
    expect(rejected).toMatchObject({ status: 'rejected', saved: 'yes' });
    expect(rejected.answer.greeting).toBe('hello');
    expect((await load(bundle, false)).status).toBe('used');

    // Cut short, and a whole cache file whose V8 data V8 itself refuses (made by another V8, say).
    await fs.writeFile(first.file, damaged.subarray(0, 40));
    expect(await load(bundle, false)).toMatchObject({ status: 'rejected', answer: { greeting: 'hello' } });
    const header = damaged.subarray(0, damaged.indexOf('\n') + 1);
    const notV8 = Buffer.from('not a V8 code cache');
    await fs.writeFile(first.file, Buffer.concat([header, createHash('sha256').update(notV8).digest(), notV8]));
    expect(await load(bundle, false)).toMatchObject({ status: 'rejected', answer: { greeting: 'hello' } });
  });

  it('reports a cache it cannot write and leaves no temporary file', async () => {
    const dir = await tempDir();
    const bundle = await bundleIn(dir, 'hello');
    // A directory where the cache file would go: unreadable as a cache, and the rename onto it fails.
    await fs.mkdir(codeCacheFile(bundle, await fs.readFile(bundle, 'utf8')));
    const result = await load(bundle);
    expect(result.status).toBe('absent');
    expect(result.saved).toMatch(/^E[A-Z]+$/);
    expect(result.answer.greeting).toBe('hello');
    expect((await fs.readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
