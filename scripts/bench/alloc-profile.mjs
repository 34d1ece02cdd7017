/**
 * Preload for the benchmark's server: V8's sampling heap profile of everything the process allocates, objects
 * already collected included, written at exit as `<pid>.heapprofile` (open it in Chrome DevTools, Memory tab).
 * Node's own `--heap-prof` keeps only the samples still alive when the profile is taken, which hides exactly the
 * short-lived garbage that the young generation's scavenges collect.
 *
 *   BENCH_ONLY=fanout ALLOC_PROF_DIR=/tmp/alloc BENCH_SERVER_NODE_ARGS="--import ./scripts/bench/alloc-profile.mjs" npm run bench
 *
 * ALLOC_PROF_INTERVAL: mean bytes between samples (default 16384).
 */
import fs from 'node:fs';
import inspector from 'node:inspector';

const dir = process.env.ALLOC_PROF_DIR ?? '/tmp/alloc-profile';
fs.mkdirSync(dir, { recursive: true });
const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.startSampling', {
  samplingInterval: Number(process.env.ALLOC_PROF_INTERVAL ?? 16384),
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
process.once('exit', () => {
  // The in-process session answers synchronously, so this still runs inside the exit handler.
  session.post('HeapProfiler.stopSampling', (err, result) => {
    if (err) return;
    fs.writeFileSync(`${dir}/${process.pid}.heapprofile`, JSON.stringify(result.profile));
  });
});
