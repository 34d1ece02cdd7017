/**
 * The server's garbage collections in each fan-out window of one benchmark run, from V8's own trace: how many
 * scavenges and full collections, their pauses, and the bytes the server allocated per edit. Allocation and
 * GC counts do not depend on how busy the machine is, unlike the CPU figures beside them.
 *
 *   BENCH_ONLY=fanout BENCH_SERVER_STDOUT=/tmp/gc.txt BENCH_SERVER_NODE_ARGS=--trace-gc-nvp npm run bench > /tmp/run.json
 *   node --import tsx scripts/bench/gc-windows.ts /tmp/run.json /tmp/gc.txt
 *
 * V8 stamps each line with milliseconds since the process started; the run's JSON has the spawn instant, each
 * window's (Date.now()) and the server's heap in use at both ends. Allocated in a window = the heap's growth over
 * it + what the collections inside it freed (`total_size_before` - `total_size_after`), exact up to the few
 * milliseconds between a window's edge and the server's reading of its heap (both taken while it is idle).
 */
import { readFileSync } from 'node:fs';

interface Window {
  name: string;
  edits: number;
  from: number;
  to: number;
  heapGrowth: number;
}

/** Every server fan-out case in the run's JSON, with its window and its number of edits. */
function windowsOf(run: Record<string, unknown>): Window[] {
  const found: Window[] = [];
  const visit = (value: unknown, name: string): void => {
    if (!value || typeof value !== 'object') return;
    const v = value as Record<string, unknown>;
    if (v.target === 'server' && Array.isArray(v.windowEpochMs)) {
      const [from, to] = v.windowEpochMs as [number, number];
      const [heapBefore, heapAfter] = (v.serverHeapUsedBytes as [number, number] | undefined) ?? [NaN, NaN];
      found.push({ name, edits: Number(v.rooms) * Number(v.clientsPerRoom) * Number(v.editsPerClient), from, to, heapGrowth: heapAfter - heapBefore });
      return;
    }
    for (const [key, child] of Object.entries(v)) visit(child, name ? `${name}.${key}` : key);
  };
  visit(run, '');
  return found;
}

interface Gc {
  at: number;
  kind: string;
  pauseMs: number;
  freed: number;
}

/** The `--trace-gc-nvp` lines of a file (other lines, such as the server's log, are skipped). */
function gcsOf(trace: string, spawnedAt: number): Gc[] {
  const gcs: Gc[] = [];
  for (const line of trace.split('\n')) {
    const match = /^\[\d+:0x[0-9a-f]+\]\s+(\d+) ms: pause=([\d.]+) .*?gc=(\w+) .*?total_size_before=(\d+) total_size_after=(\d+)/.exec(line);
    if (!match) continue;
    gcs.push({ at: spawnedAt + Number(match[1]), pauseMs: Number(match[2]), kind: match[3]!, freed: Number(match[4]) - Number(match[5]) });
  }
  return gcs;
}

const [runFile, traceFile] = process.argv.slice(2);
if (!runFile || !traceFile) throw new Error('usage: gc-windows.ts <run.json> <trace.txt>');
const run = JSON.parse(readFileSync(runFile, 'utf8')) as Record<string, unknown>;
const spawnedAt = Number((run.start as Record<string, unknown> | undefined)?.serverSpawnedAtEpochMs);
if (!Number.isFinite(spawnedAt)) throw new Error('the run has no start.serverSpawnedAtEpochMs');
const gcs = gcsOf(readFileSync(traceFile, 'utf8'), spawnedAt);
const rows = windowsOf(run).map((w) => {
  const inside = gcs.filter((g) => g.at >= w.from && g.at <= w.to);
  const scavenges = inside.filter((g) => g.kind === 's');
  const allocated = w.heapGrowth + inside.reduce((sum, g) => sum + g.freed, 0);
  return {
    window: w.name,
    edits: w.edits,
    scavenges: scavenges.length,
    fullGcs: inside.length - scavenges.length,
    pauseMsTotal: Number(inside.reduce((sum, g) => sum + g.pauseMs, 0).toFixed(1)),
    pauseMsMax: Math.max(0, ...inside.map((g) => g.pauseMs)),
    allocatedMb: Number((allocated / 1e6).toFixed(1)),
    allocatedKbPerEdit: Number((allocated / 1e3 / w.edits).toFixed(1)),
  };
});
console.table(rows);
