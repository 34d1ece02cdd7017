/**
 * How the entry (main.ts) gets `serve` when it runs from the TypeScript sources (tsx, in tests and development):
 * a plain import, no code cache. In the built server `scripts/bundle-server.mjs` puts `load-serve-bundled.ts` in
 * this module's place.
 */
import type { CodeCache } from './code-cache.js';

export interface LoadedServe {
  serve: typeof import('../serve.js').serve;
  /** the built server's code cache (`code-cache.ts`); none from the sources */
  codeCache?: CodeCache;
}

export async function loadServe(): Promise<LoadedServe> {
  const { serve } = await import('../serve.js');
  return { serve };
}
