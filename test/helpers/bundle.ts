/** A freshly built server bundle for tests that must run what `npm start` runs (scripts/bundle-server.mjs). */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll } from 'vitest';

/**
 * Builds the server bundle into a new directory under dist/test-bundles (inside the repository, so that its
 * externals resolve from node_modules as in dist/server). Returns its entry and a function that removes it.
 */
export async function buildTestBundle(): Promise<{ main: string; remove: () => Promise<void> }> {
  const bundles = path.resolve('dist', 'test-bundles');
  await fs.mkdir(bundles, { recursive: true });
  const outdir = await fs.mkdtemp(path.join(bundles, 'bundle-'));
  await promisify(execFile)('node', ['scripts/bundle-server.mjs'], { env: { ...process.env, BUNDLE_OUTDIR: outdir } });
  return { main: path.join(outdir, 'main.js'), remove: () => fs.rm(outdir, { recursive: true, force: true }) };
}

/** In a describe block: builds a bundle before its tests and removes it after; returns a getter of its entry. */
export function useTestBundle(): () => string {
  let main = '';
  beforeAll(async () => {
    const bundle = await buildTestBundle();
    main = bundle.main;
    return bundle.remove;
  }, 120_000);
  return () => main;
}
