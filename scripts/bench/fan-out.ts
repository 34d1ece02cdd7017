/**
 * The fan-out workload, run the same way against the server and against the bare relay: every client owns
 * one note and rewrites its text with a sequence number on its own phase; every other client records the
 * time from the sender's edit to its own observation of it (same process clock). Server CPU time and the
 * bytes all clients received are taken over the same window.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { readLanes, readStages } from '../../shared/board/read.js';
import { addNote, setNoteText } from '../../shared/board/write.js';
import { bytesReceived, close, connect, connectRelay, createBoard, join, percentiles, sleep, type Board, type Client } from './clients.js';
import { cpuMs, threadCpuMs, type Target } from './processes.js';

/**
 * Where the clients connect: the server (boards over HTTP), or the relay or the apply relay (rooms from a template
 * state; scripts/bench/relay.mjs, apply-relay.mjs). With
 * `spread`, client i of a room connects to `spread[i % spread.length]` (instances of one cluster) and the CPU
 * figures are the sum over them. With `board`, every room's clients join that board (made beforehand, e.g. with a
 * history) instead of a new one.
 */
export type FanOutTarget =
  | { kind: 'server'; target: Target; spread?: Target[]; board?: Board }
  | { kind: 'relay' | 'applyRelay'; target: Target; template: Uint8Array };

function processesOf(t: FanOutTarget): Target[] {
  return t.kind === 'server' && t.spread ? t.spread : [t.target];
}

/** The server's V8 heap in use (`/healthz`), or undefined for the relay or a cluster. */
async function heapUsed(t: FanOutTarget): Promise<number | undefined> {
  if (t.kind !== 'server' || t.spread) return undefined;
  const health = (await (await fetch(`${t.target.url}/healthz`)).json()) as { memory: { heapUsedBytes: number } };
  return health.memory.heapUsedBytes;
}

/** Waits after the last delivery so trailing traffic (commit signals) is in the figures of both targets. */
const SETTLE_MS = 500;

async function openClients(t: FanOutTarget, room: number, count: number): Promise<Client[]> {
  const clients: Client[] = [];
  if (t.kind === 'server') {
    const board = t.board ?? (await createBoard(t.target.url, `fan-out ${room}`));
    const instances = t.spread ?? [t.target];
    for (let c = 0; c < count; c++) clients.push(await connect(instances[c % instances.length]!.url, board, await join(t.target.url, board, `c${c}`)));
  } else {
    const name = `relay-${room}-${Math.random().toString(36).slice(2)}`;
    for (let c = 0; c < count; c++) clients.push(await connectRelay(t.target.url, name, t.template, `member-${room}-${c}`, t.kind === 'applyRelay'));
  }
  return clients;
}

/** Runs `rooms` × `clientsPerRoom` clients, each editing `editsPerClient` times every `intervalMs`. */
export async function fanOut(t: FanOutTarget, rooms: number, clientsPerRoom: number, editsPerClient: number, intervalMs: number) {
  const latencies: number[] = [];
  const allClients: Client[] = [];
  const runs: Promise<void>[] = [];
  let go: () => void = () => undefined;
  const start = new Promise<void>((resolve) => (go = resolve));
  for (let r = 0; r < rooms; r++) {
    const clients = await openClients(t, r, clientsPerRoom);
    allClients.push(...clients);
    const first = clients[0]!;
    const stage = readStages(first.doc)[0]!.id;
    const lane = readLanes(first.doc)[0]!.id;
    const noteIds = clients.map((c, i) =>
      addNote(c.doc, { stageId: stage, laneId: lane, text: '0', author: { id: c.memberId, name: `c${i}`, role: 'stakeholder', department: 'Support' } }),
    );
    // wait until every client sees every note
    while (!clients.every((c) => noteIds.every((id) => c.doc.getMap('notes').has(id)))) await sleep(20);
    const sentAt = new Map<string, number>();
    clients.forEach((client) => {
      noteIds.forEach((noteId) => {
        const text = (client.doc.getMap('notes').get(noteId) as Y.Map<unknown>).get('text') as Y.Text;
        text.observe((event) => {
          if (event.transaction.local) return;
          const sent = sentAt.get(`${noteId}:${text.toString()}`);
          if (sent !== undefined) latencies.push(performance.now() - sent);
        });
      });
    });
    // Each client edits on its own phase within the interval, as people type independently.
    runs.push(
      ...clients.map(async (client, i) => {
        const noteId = noteIds[i]!;
        await start;
        await sleep((intervalMs * i) / clients.length);
        for (let seq = 1; seq <= editsPerClient; seq++) {
          sentAt.set(`${noteId}:${seq}`, performance.now());
          setNoteText(client.doc, noteId, String(seq));
          await sleep(intervalMs);
        }
      }),
    );
  }
  // Let the joins' own traffic (first syncs, presence, note creation commits) settle before measuring.
  await sleep(1000);
  const expected = rooms * clientsPerRoom * (clientsPerRoom - 1) * editsPerClient;
  const pids = processesOf(t).map((p) => p.proc.pid!);
  const totalCpu = async (): Promise<number> => (await Promise.all(pids.map(cpuMs))).reduce((a, b) => a + b, 0);
  const threadsOf = async (): Promise<{ main: number; others: number }> => {
    const each = await Promise.all(pids.map(threadCpuMs));
    return { main: each.reduce((a, b) => a + b.main, 0), others: each.reduce((a, b) => a + b.others, 0) };
  };
  const heapBefore = await heapUsed(t);
  const startedAtEpochMs = Date.now();
  const threadsBefore = await threadsOf();
  const cpuBefore = await totalCpu();
  const bytesBefore = bytesReceived();
  const started = performance.now();
  go();
  await Promise.all(runs);
  const deadline = performance.now() + 15_000;
  while (latencies.length < expected && performance.now() < deadline) await sleep(50);
  const seconds = (performance.now() - started) / 1000;
  await sleep(SETTLE_MS);
  const cpu = (await totalCpu()) - cpuBefore;
  const threadsAfter = await threadsOf();
  const bytesAfter = bytesReceived();
  const endedAtEpochMs = Date.now();
  const heapAfter = await heapUsed(t);
  allClients.forEach(close);
  return {
    target: t.kind,
    rooms,
    clientsPerRoom,
    editsPerClient,
    editIntervalMs: intervalMs,
    deliveries: latencies.length,
    expectedDeliveries: expected,
    deliveriesPerSecond: Math.round(latencies.length / seconds),
    latencyMs: percentiles(latencies),
    serverCpuMs: cpu,
    serverCpuPercent: Number(((cpu / 10 / (seconds + SETTLE_MS / 1000)) ).toFixed(1)),
    serverCpuUsPerDelivery: Number(((cpu * 1000) / Math.max(1, latencies.length)).toFixed(1)),
    /** the same CPU time split: the main thread, and every other thread (GC helpers, the libuv pool: SQLite, fsync) */
    serverThreadsCpuMs: { main: threadsAfter.main - threadsBefore.main, others: threadsAfter.others - threadsBefore.others },
    wireBytesReceived: bytesAfter.wire - bytesBefore.wire,
    payloadBytesReceived: bytesAfter.payload - bytesBefore.payload,
    /**
     * The window's first and last instant (Date.now()) and the server's V8 heap in use then (one server only):
     * with V8's GC trace, the bytes it allocated in the window (scripts/bench/gc-windows.ts)
     */
    windowEpochMs: [startedAtEpochMs, endedAtEpochMs],
    serverHeapUsedBytes: heapBefore !== undefined && heapAfter !== undefined ? [heapBefore, heapAfter] : undefined,
  };
}
