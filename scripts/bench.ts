/**
 * Benchmark (not a test): starts the real built server as a child process on loopback and drives real
 * y-websocket clients from this process. Prints one JSON object; docs/benchmarks.md records the figures.
 *
 *   npm run bench                 # full run (~2-3 minutes on 2 cores)
 *   BENCH_QUICK=1 npm run bench   # smaller sizes, for a smoke run
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { readLanes, readStages } from '../shared/board/read.js';
import { addNote, setNoteText } from '../shared/board/write.js';
import type { CreateBoardResponse, JoinResponse } from '../shared/api.js';

const QUICK = process.env.BENCH_QUICK === '1';
// Each y-websocket provider adds a process 'exit' listener in Node; hundreds of clients are expected here.
process.setMaxListeners(0);

interface Server {
  url: string;
  proc: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawns `node dist/server/main.js` with PORT=0 and waits for the listening line. */
async function startServer(dataDir: string): Promise<Server> {
  const proc = spawn(process.execPath, ['dist/server/main.js'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', IDLE_UNLOAD_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(buffer);
      if (match?.[1]) {
        proc.stdout?.off('data', onData);
        proc.stdout?.resume();
        resolve(match[1]);
      }
    };
    proc.stdout?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return {
    url,
    proc,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
}

async function api<T>(base: string, method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(base + url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Board {
  id: string;
  participant: string;
}

async function createBoard(base: string, title: string): Promise<Board> {
  const created = await api<CreateBoardResponse>(base, 'POST', '/api/boards', { title, persona: { name: 'Maria' } });
  const participant = new URL(created.links.participant).hash.replace(/^#token=/, '');
  return { id: created.id, participant };
}

async function join(base: string, board: Board, name: string): Promise<JoinResponse> {
  return api<JoinResponse>(base, 'POST', `/api/boards/${board.id}/members`, { name, role: 'stakeholder', department: 'Support' }, board.participant);
}

/** Counts bytes received by all sockets created through it. */
let receivedBytes = 0;
class CountingWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    this.on('message', (data: Buffer) => {
      receivedBytes += data.byteLength;
    });
  }
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  member: JoinResponse;
}

async function connect(base: string, board: Board, member: JoinResponse): Promise<Client> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws') + '/ws', board.id, doc, {
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: board.participant, member: member.memberKey },
  });
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return { doc, provider, member };
}

function close(client: Client): void {
  client.provider.destroy();
  client.doc.destroy();
}

function percentiles(samples: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(2));
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Fan-out: every client owns one note and rewrites its text with a sequence number; every other client
 * records the time from the sender's edit to its own observation of it (same process clock).
 */
async function fanOut(base: string, rooms: number, clientsPerRoom: number, editsPerClient: number, intervalMs: number) {
  const latencies: number[] = [];
  const allClients: Client[] = [];
  const runs: Promise<void>[] = [];
  let go: () => void = () => undefined;
  const start = new Promise<void>((resolve) => (go = resolve));
  for (let r = 0; r < rooms; r++) {
    const board = await createBoard(base, `fan-out ${r}`);
    const clients: Client[] = [];
    for (let c = 0; c < clientsPerRoom; c++) clients.push(await connect(base, board, await join(base, board, `c${c}`)));
    allClients.push(...clients);
    const first = clients[0]!;
    const stage = readStages(first.doc)[0]!.id;
    const lane = readLanes(first.doc)[0]!.id;
    const noteIds = clients.map((c, i) =>
      addNote(c.doc, { stageId: stage, laneId: lane, text: '0', author: { id: c.member.memberId, name: `c${i}`, role: 'stakeholder', department: 'Support' } }),
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
  const expected = rooms * clientsPerRoom * (clientsPerRoom - 1) * editsPerClient;
  const started = performance.now();
  go();
  await Promise.all(runs);
  const deadline = performance.now() + 15_000;
  while (latencies.length < expected && performance.now() < deadline) await sleep(50);
  const seconds = (performance.now() - started) / 1000;
  allClients.forEach(close);
  return {
    rooms,
    clientsPerRoom,
    editsPerClient,
    editIntervalMs: intervalMs,
    deliveries: latencies.length,
    expectedDeliveries: expected,
    deliveriesPerSecond: Math.round(latencies.length / seconds),
    latencyMs: percentiles(latencies),
  };
}

/** Seeds a board with `notes` notes through one client, in transactions of 500. */
async function seedBoard(base: string, notes: number): Promise<Board> {
  const board = await createBoard(base, `seed ${notes}`);
  const client = await connect(base, board, await join(base, board, 'seeder'));
  const stages = readStages(client.doc);
  const lanes = readLanes(client.doc);
  const author = { id: client.member.memberId, name: 'seeder', role: 'stakeholder' as const, department: 'Support' };
  for (let i = 0; i < notes; i += 500) {
    client.doc.transact(() => {
      for (let k = i; k < Math.min(notes, i + 500); k++) {
        addNote(client.doc, {
          stageId: stages[k % stages.length]!.id,
          laneId: lanes[Math.floor(k / stages.length) % lanes.length]!.id,
          text: `Note ${k}: the customer calls support because the invoice is unclear`,
          author,
        });
      }
    });
    await sleep(10);
  }
  // wait until the server has everything: a fresh client sees all notes
  for (;;) {
    const probe = await connect(base, board, client.member);
    const count = probe.doc.getMap('notes').size;
    close(probe);
    if (count === notes) break;
    await sleep(200);
  }
  close(client);
  return board;
}

async function timeSync(base: string, board: Board, member: JoinResponse): Promise<{ ms: number; bytes: number; notes: number }> {
  receivedBytes = 0;
  const started = performance.now();
  const client = await connect(base, board, member);
  const ms = performance.now() - started;
  const notes = client.doc.getMap('notes').size;
  close(client);
  return { ms: Number(ms.toFixed(1)), bytes: receivedBytes, notes };
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

interface Health {
  rooms: number;
  memory: { rssBytes: number; heapUsedBytes: number };
}

async function health(server: Server): Promise<Health> {
  return (await (await fetch(server.url + '/healthz')).json()) as Health;
}

/** Memory before and after `visits` boards are each opened by a client that writes a note and leaves. */
async function visitBoards(server: Server, visits: number) {
  const pid = server.proc.pid!;
  const boards: Board[] = [];
  for (let i = 0; i < visits; i++) boards.push(await createBoard(server.url, `visit ${i}`));
  await sleep(1000);
  const before = await health(server);
  const rssBeforeKb = await rssKb(pid);
  let rssPeakKb = rssBeforeKb;
  let heapPeak = before.memory.heapUsedBytes;
  for (let i = 0; i < visits; i += 25) {
    const batch = await Promise.all(boards.slice(i, i + 25).map(async (b) => connect(server.url, b, await join(server.url, b, 'visitor'))));
    batch.forEach((c) => {
      const stage = readStages(c.doc)[0]!.id;
      const lane = readLanes(c.doc)[0]!.id;
      addNote(c.doc, { stageId: stage, laneId: lane, text: 'visited', author: { id: c.member.memberId, name: 'visitor', role: 'stakeholder', department: '' } });
    });
    await sleep(300);
    rssPeakKb = Math.max(rssPeakKb, await rssKb(pid));
    heapPeak = Math.max(heapPeak, (await health(server)).memory.heapUsedBytes);
    batch.forEach(close);
  }
  // Rooms unload once stored (IDLE_UNLOAD_MS=0): wait until none is loaded, then let V8 collect.
  const deadline = Date.now() + 30_000;
  let after = await health(server);
  while (after.rooms > 0 && Date.now() < deadline) {
    await sleep(250);
    after = await health(server);
  }
  await sleep(5000);
  after = await health(server);
  const mb = (bytes: number): number => Number((bytes / 1048576).toFixed(1));
  return {
    boards: visits,
    roomsLoadedAfter: after.rooms,
    rssBeforeKb,
    rssPeakKb,
    rssAfterKb: await rssKb(pid),
    heapUsedMbBefore: mb(before.memory.heapUsedBytes),
    heapUsedMbPeak: mb(heapPeak),
    heapUsedMbAfter: mb(after.memory.heapUsedBytes),
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'jr-bench-'));
  const result: Record<string, unknown> = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    quick: QUICK,
    date: new Date().toISOString(),
  };
  let server = await startServer(dataDir);
  try {
    result.fanOut1x50 = await fanOut(server.url, 1, QUICK ? 10 : 50, QUICK ? 5 : 20, 250);
    result.fanOut20x10 = await fanOut(server.url, QUICK ? 4 : 20, 10, QUICK ? 5 : 20, 250);

    const sizes = QUICK ? [1000] : [1000, 10_000];
    const seeded: Record<number, Board> = {};
    const syncs: Record<string, unknown> = {};
    for (const n of sizes) {
      seeded[n] = await seedBoard(server.url, n);
      const member = await join(server.url, seeded[n], 'late joiner');
      await timeSync(server.url, seeded[n], member); // warm: the room is loaded
      syncs[`notes${n}`] = await timeSync(server.url, seeded[n], member);
    }
    result.newClientSync = syncs;

    const biggest = sizes[sizes.length - 1]!;
    await server.stop('SIGTERM');
    server = await startServer(dataDir);
    const member = await join(server.url, seeded[biggest]!, 'after restart');
    result.coldLoadAfterRestart = { boardNotes: biggest, ...(await timeSync(server.url, seeded[biggest]!, member)) };

    // A fresh process, so the figures are not those of the 10,000-note board loaded above.
    await server.stop('SIGTERM');
    server = await startServer(dataDir);
    result.visit500Boards = await visitBoards(server, QUICK ? 50 : 500);
  } finally {
    await server.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
