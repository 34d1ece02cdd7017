/**
 * `load-serve.ts` in the built server (`dist/server/main.js`): the server is `server.cjs` beside it, run through
 * V8's code cache (`code-cache.ts`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireWithCodeCache } from './code-cache.js';
import type { LoadedServe } from './load-serve.js';

/** The server bundle's name in dist/server (scripts/bundle-server.mjs writes it). */
const SERVER_BUNDLE = 'server.cjs';

export async function loadServe(): Promise<LoadedServe> {
  const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), SERVER_BUNDLE);
  const { exports, codeCache } = requireWithCodeCache(bundle);
  return { serve: (exports as Pick<LoadedServe, 'serve'>).serve, codeCache };
}
