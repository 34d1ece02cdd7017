/**
 * Entry point: keeps V8's young generation at its initial size while the server loads (memory/start-heap.ts), then
 * loads and runs serve.ts. Loading comes after the hold so that it is in place before any of the server's modules
 * are evaluated; in the built server it is the bundle run through V8's code cache (boot/load-serve-bundled.ts).
 * It also sets glibc malloc's thresholds to what the server is measured with (memory/malloc-threshold.ts).
 */
import { loadServe } from './boot/load-serve.js';
import { raiseMallocThreshold } from './memory/malloc-threshold.js';
import { holdYoungGeneration } from './memory/start-heap.js';

const release = holdYoungGeneration(process.execArgv, process.env.NODE_OPTIONS);
raiseMallocThreshold();
try {
  const { serve, codeCache } = await loadServe();
  await serve({ codeCache });
} catch (error) {
  process.stderr.write(`journeyroom: failed to start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
} finally {
  release();
}
