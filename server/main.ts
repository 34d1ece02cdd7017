/**
 * Entry point: keeps V8's young generation at its initial size while the server loads (memory/start-heap.ts), then
 * loads and runs serve.ts. That is a dynamic import so that the hold is in place before any of the server's modules
 * (and, in the bundle, its shared chunks) are evaluated.
 */
import { holdYoungGeneration } from './memory/start-heap.js';

const release = holdYoungGeneration(process.execArgv, process.env.NODE_OPTIONS);
try {
  const { serve } = await import('./serve.js');
  await serve();
} catch (error) {
  process.stderr.write(`journeyroom: failed to start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
} finally {
  release();
}
