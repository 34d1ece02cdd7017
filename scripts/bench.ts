/**
 * Benchmark (not a test): starts the real built server (through scripts/start.mjs, as `npm start` does) and
 * a bare `ws` relay (scripts/bench/relay.mjs) as child processes on loopback, drives the same client
 * workload against both from this process, and prints one JSON object with every server figure also given
 * as a ratio to the relay's. docs/benchmarks.md records the figures.
 *
 *   npm run bench                 # full run (~14-17 minutes on 2 cores)
 *   BENCH_QUICK=1 npm run bench   # smaller sizes, for a smoke run
 *   BENCH_ONLY=fanout,durability,bigboard,sync,start,capacity,visits,cluster,browser,watcher,history,idlepage npm run bench   # some sections only
 *   BENCH_ONLY=history BENCH_HISTORY_PAST_CLIENTS=0,1000 npm run bench   # fan-out 1 × 50 on boards with that many past client ids
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench   # with the cluster case (two instances)
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench   # profile the server
 *   BENCH_ONLY=fanout BENCH_PIN=1 npm run bench   # measured main threads on a core of their own (bench/pin-cores.ts)
 *   BENCH_ONLY=browser BENCH_BROWSER_PROFILE_DIR=/tmp/prof-browser npm run bench   # Chromium pages; profile one of them
 *     (BENCH_BROWSER_PROFILE_PAGE=0: a typist's page instead of the last, watching one; BENCH_BROWSER_PAGES=6, of
 *     which up to five type and at least one only watches)
 *   BENCH_ONLY=browser BENCH_BROWSER_PHONE=1 BENCH_BROWSER_REMOTE_TYPISTS=1 npm run bench   # one phone page watching five stock clients type
 *   BENCH_ONLY=browser BENCH_BROWSER_DEVICE=outline BENCH_BROWSER_REMOTE_TYPISTS=1 npm run bench   # a laptop's outline of the whole map
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readLanes, readStages } from '../shared/board/read.js';
import { addNote } from '../shared/board/write.js';
import { WORKSHOP_SIZE, capacity } from './bench/capacity.js';
import { bytesReceived, close, connect, createBoard, join, lastStep2At, percentiles, resetStep2, sleep, type Board } from './bench/clients.js';
import { burstCpu, killAfterWrites, savedLatency } from './bench/durability.js';
import { addPastClients, boardState, seedBoard } from './bench/seed.js';
import { typeOnBigBoard } from './bench/big-board.js';
import { browserCase, browserDevice } from './bench/browser.js';
import { clusterCase } from './bench/cluster.js';
import { fanOut } from './bench/fan-out.js';
import { idlePageCase } from './bench/idle-page.js';
import { pinBenchmark } from './bench/pin-cores.js';
import { histogramDelta, machineLoad, rssKb, serverHistograms, startApplyRelay, startRelay, startServer, type Target } from './bench/processes.js';
import type { JoinResponse } from '../shared/api.js';

const QUICK = process.env.BENCH_QUICK === '1';
/**
 * BENCH_BROWSER_DEVICE=phone: the pages are phones (390 × 844, touch), the typists' notes in the stage a phone shows
 * (BENCH_BROWSER_PHONE=1 says the same); =outline: laptops showing the map as an outline; default laptop (the grid).
 */
const BROWSER_DEVICE = browserDevice(process.env.BENCH_BROWSER_PHONE === '1' ? 'phone' : (process.env.BENCH_BROWSER_DEVICE ?? 'laptop'));
/** BENCH_BROWSER_REMOTE_TYPISTS=1: five stock clients type and every page watches (one page is enough). */
const BROWSER_REMOTE_TYPISTS = process.env.BENCH_BROWSER_REMOTE_TYPISTS === '1';
/** The pages open the board on a server started after seeding (cold code, cold board): the first participant after a restart. */
const BROWSER_RESTART = process.env.BENCH_BROWSER_RESTART === '1';
const BROWSER_PAGES = Math.max(BROWSER_REMOTE_TYPISTS ? 1 : 2, Number(process.env.BENCH_BROWSER_PAGES ?? (BROWSER_REMOTE_TYPISTS ? 1 : 6)));
/** The board and the typing of the `browser` and `watcher` sections, the same in both so that they compare. */
const TYPING_BOARD = { notes: QUICK ? 500 : 2000, charsPerSecond: 5, typingMs: QUICK ? 10_000 : 20_000 };
const SECTIONS = ['fanout', 'durability', 'bigboard', 'sync', 'start', 'capacity', 'visits', 'cluster', 'browser', 'watcher', 'history', 'idlepage'];
const ONLY = new Set((process.env.BENCH_ONLY ?? SECTIONS.join(',')).split(',').map((name) => name.trim()));
// A misspelt section would otherwise run nothing and print an empty result.
for (const name of ONLY) {
  if (!SECTIONS.includes(name)) throw new Error(`BENCH_ONLY: "${name}" is not a section (sections: ${SECTIONS.join(', ')})`);
}
/** BENCH_FANOUT_KEEPER=1: one client stays connected to another board through all fan-out cases. */
const FANOUT_KEEPER = process.env.BENCH_FANOUT_KEEPER === '1';
/** Warm fan-out rounds after the first (cold) one; `fanOutWarm` is the first of them. */
const FANOUT_WARM_ROUNDS = Math.max(1, Number(process.env.BENCH_FANOUT_WARM_ROUNDS ?? 1));
/** Past client ids of the `history` section's boards, one fan-out case each. */
const HISTORY_PAST_CLIENTS = (process.env.BENCH_HISTORY_PAST_CLIENTS ?? (QUICK ? '0,100' : '0,300,1000')).split(',').map((n) => {
  if (!/^\d{1,5}$/.test(n.trim())) throw new Error(`BENCH_HISTORY_PAST_CLIENTS: "${n}" is not a whole number of past clients (e.g. 0,300,1000)`);
  return Number(n);
});
/** Idle time after the last board visit before memory is read (no forced GC). */
const IDLE_AFTER_VISITS_MS = QUICK ? 5000 : 30_000;

/** A stock client's first sync: time to its SyncStep2's arrival (server side + transfer) and to 'sync'. */
async function timeSync(server: Target, board: Board, member: JoinResponse) {
  const histogramsBefore = await serverHistograms(server);
  const before = bytesReceived();
  resetStep2();
  const started = performance.now();
  const client = await connect(server.url, board, member);
  const ms = performance.now() - started;
  const step2 = lastStep2At();
  // The server's own side (its metrics): upgrade request -> SyncStep2 written, and the store's reads meanwhile.
  const histogramsAfter = await serverHistograms(server);
  const delta = (key: string): { count: number; sum: number } => histogramDelta(histogramsBefore, histogramsAfter, key);
  const fromStore = delta('journeyroom_first_sync_seconds{source="store"}');
  const fromDoc = delta('journeyroom_first_sync_seconds{source="doc"}');
  const firstSync = fromStore.count > 0 ? fromStore : fromDoc;
  const loads = delta('journeyroom_store_operation_seconds{operation="loadDoc"}');
  const notes = client.doc.getMap('notes').size;
  const state = Y.encodeStateAsUpdate(client.doc);
  const docBytes = state.byteLength;
  const after = bytesReceived();
  close(client);
  // The floor a stock client pays whatever the server does: applying the whole doc to an empty Y.Doc.
  const applyStarted = performance.now();
  Y.applyUpdate(new Y.Doc(), state);
  const clientApplyMs = performance.now() - applyStarted;
  return {
    notes,
    docBytes,
    step2ArrivedMs: step2 === undefined ? null : Number((step2 - started).toFixed(1)),
    /** the server's side of it: its upgrade request to the SyncStep2 written (journeyroom_first_sync_seconds) */
    serverFirstSyncMs: firstSync.count === 1 ? Number((firstSync.sum * 1000).toFixed(1)) : null,
    serverFirstSyncFrom: fromStore.count > 0 ? 'store' : 'doc',
    /** the store's reads of the board's docs in that time (a cold load: the session doc, then the board doc) */
    storeLoadMs: loads.count > 0 ? Number((loads.sum * 1000).toFixed(1)) : 0,
    syncedMs: Number(ms.toFixed(1)),
    clientApplyAloneMs: Number(clientApplyMs.toFixed(1)),
    wireBytes: after.wire - before.wire,
    payloadBytes: after.payload - before.payload,
    wireShareOfDoc: Number(((after.wire - before.wire) / docBytes).toFixed(3)),
  };
}

/** A stock client in a process of its own (scripts/bench/fresh-client.mjs) opens the board: its SyncStep2 and whole doc, ms after connecting. */
async function freshClientSync(server: Target, board: Board, member: JoinResponse): Promise<{ step2ArrivedMs: number | null; syncedMs: number; notes: number }> {
  const child = spawn(process.execPath, ['scripts/bench/fresh-client.mjs', server.url.replace(/^http/, 'ws') + '/ws', board.id, board.participant, member.memberKey], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`fresh-client.mjs exited with ${code}`);
  return JSON.parse(out) as { step2ArrivedMs: number | null; syncedMs: number; notes: number };
}

/**
 * `clients` new clients open a stored board at the same moment (raw sockets that send the empty SyncStep1 of a
 * new stock client and do not decode): when each one's SyncStep2 arrived, and the server's side of each
 * (journeyroom_first_sync_seconds: its mean; the histogram keeps no maximum).
 */
async function joinTogether(server: Target, board: Board, clients: number) {
  const before = await serverHistograms(server);
  const url = `${server.url.replace(/^http/, 'ws')}/ws/${board.id}?token=${board.participant}`;
  const started = performance.now();
  const arrivals = await Promise.all(
    Array.from(
      { length: clients },
      () =>
        new Promise<number>((resolve, reject) => {
          const ws = new WebSocket(url);
          ws.on('open', () => ws.send(Uint8Array.from([0, 0, 1, 0])));
          ws.on('message', (data: Buffer) => {
            if (data[0] !== 0 || data[1] !== 1) return;
            resolve(performance.now() - started);
            ws.close();
          });
          ws.on('error', reject);
        }),
    ),
  );
  const after = await serverHistograms(server);
  const store = histogramDelta(before, after, 'journeyroom_first_sync_seconds{source="store"}');
  const doc = histogramDelta(before, after, 'journeyroom_first_sync_seconds{source="doc"}');
  const count = store.count + doc.count;
  return {
    clients,
    step2ArrivedMs: percentiles(arrivals),
    /** answered from the stored snapshot while the doc loaded; the others once it was loaded */
    answeredFromStore: store.count,
    serverFirstSyncMeanMs: count > 0 ? Number((((store.sum + doc.sum) / count) * 1000).toFixed(1)) : null,
  };
}

interface Health {
  rooms: number;
  memory: { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number };
}

async function health(server: Target): Promise<Health> {
  return (await (await fetch(server.url + '/healthz')).json()) as Health;
}

/** How long after start both processes are left idle before the "settled" RSS reading. */
const SETTLE_MS = 15_000;

/** RSS a second after the listening line (nothing loaded yet). */
async function idleRssKb(target: Target): Promise<number> {
  await sleep(1000);
  return rssKb(target.proc.pid!);
}

/** Keeps a copy of the process's /proc/<pid>/smaps in BENCH_SMAPS_DIR (proc files read as empty by a copy). */
async function saveSmaps(pid: number, when: string): Promise<void> {
  const dir = process.env.BENCH_SMAPS_DIR;
  if (dir) await writeFile(path.join(dir, `smaps-${when}-${pid}.txt`), await readFile(`/proc/${pid}/smaps`, 'utf8'));
}

/** Memory before and after `visits` boards are each opened by a client that writes a note and leaves. */
async function visitBoards(server: Target, visits: number) {
  const pid = server.proc.pid!;
  const rssIdleStartKb = await idleRssKb(server);
  await saveSmaps(pid, 'start');
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
      addNote(c.doc, { stageId: stage, laneId: lane, text: 'visited', author: { id: c.memberId, name: 'visitor', role: 'stakeholder', department: 'Support' } });
    });
    await sleep(300);
    rssPeakKb = Math.max(rssPeakKb, await rssKb(pid));
    heapPeak = Math.max(heapPeak, (await health(server)).memory.heapUsedBytes);
    batch.forEach(close);
  }
  // Rooms unload once stored (IDLE_UNLOAD_MS=0): wait until none is loaded, then leave the process idle.
  const deadline = Date.now() + 30_000;
  let after = await health(server);
  while (after.rooms > 0 && Date.now() < deadline) {
    await sleep(250);
    after = await health(server);
  }
  await sleep(IDLE_AFTER_VISITS_MS);
  after = await health(server);
  const rssAfterKb = await rssKb(pid);
  // BENCH_SMAPS_DIR: the server's /proc/<pid>/smaps at start and after the idle time, to see what holds the memory.
  await saveSmaps(pid, 'after-visits');
  const mb = (bytes: number): number => Number((bytes / 1048576).toFixed(1));
  return {
    boards: visits,
    idleAfterMs: IDLE_AFTER_VISITS_MS,
    roomsLoadedAfter: after.rooms,
    rssIdleStartKb,
    rssBeforeVisitsKb: rssBeforeKb,
    rssPeakKb,
    rssAfterKb,
    rssAfterVsIdleStart: Number((rssAfterKb / rssIdleStartKb).toFixed(2)),
    heapUsedMbBefore: mb(before.memory.heapUsedBytes),
    heapUsedMbPeak: mb(heapPeak),
    heapUsedMbAfter: mb(after.memory.heapUsedBytes),
    /** V8's committed heap after: what of the RSS is V8's (old and young generation, code) */
    heapTotalMbAfter: mb(after.memory.heapTotalBytes),
  };
}

const ratio = (a: number, b: number): number => Number((a / b).toFixed(2));

/**
 * The server's fan-out figures next to the relay's, and their ratios; with `board`, the server's clients join it.
 * With `applyRelay`, the same workload on the apply relay too (the relay plus applying each update to a Y.Doc: the
 * least a server that keeps the board pays), also as ratios to the relay. With `backToBack`, each target runs the case
 * once unreported right before its measured round, so that nothing idle comes between.
 */
async function compareFanOut(server: Target, relay: Target, template: Uint8Array, rooms: number, clients: number, edits: number, board?: Board, applyRelay?: Target, backToBack = false) {
  const run = async (t: Parameters<typeof fanOut>[0]) => {
    if (backToBack) await fanOut(t, rooms, clients, edits, 250);
    return fanOut(t, rooms, clients, edits, 250);
  };
  const onRelay = await run({ kind: 'relay', target: relay, template });
  const onApplyRelay = applyRelay ? await run({ kind: 'applyRelay', target: applyRelay, template }) : undefined;
  const onServer = await run({ kind: 'server', target: server, board });
  const ratios = (on: typeof onServer) => ({
    cpuPerDelivery: ratio(on.serverCpuUsPerDelivery, onRelay.serverCpuUsPerDelivery),
    wireBytes: ratio(on.wireBytesReceived, onRelay.wireBytesReceived),
    p99: ratio(on.latencyMs.p99, onRelay.latencyMs.p99),
  });
  return {
    relay: onRelay,
    server: onServer,
    ratioToRelay: ratios(onServer),
    ...(onApplyRelay ? { applyRelay: onApplyRelay, applyRelayRatioToRelay: ratios(onApplyRelay) } : {}),
  };
}

/**
 * The fan-out 1 × 50 case on a board whose doc already holds `pastClients` client ids, given through the server by
 * that many past stock clients. Yjs's cost per transaction grows with the client ids a doc has seen (yjs#415), and
 * every page load of the stock client that writes is a new one, kept for good: a board used over many workshops
 * has hundreds or thousands. The relay's clients start from the same board state.
 */
async function fanOutWithHistory(server: Target, relay: Target, pastClients: number, clients: number, edits: number) {
  const board = await createBoard(server.url, `history ${pastClients}`);
  const started = performance.now();
  await addPastClients(server.url, board, pastClients);
  const seedingS = Number(((performance.now() - started) / 1000).toFixed(1));
  const { state, clientIds, notes } = await boardState(server.url, board);
  // The stock clients pay the same per-transaction cost in this one process: when it is busy, delivery times are its own.
  const cpuBefore = process.cpuUsage();
  const compared = await compareFanOut(server, relay, state, 1, clients, edits, board);
  const cpu = process.cpuUsage(cpuBefore);
  const benchProcessCpuS = Number(((cpu.user + cpu.system) / 1e6).toFixed(1));
  return { pastClients, seedingS, clientIdsInDoc: clientIds, notesBefore: notes, benchProcessCpuS, ...compared };
}

async function main(): Promise<void> {
  pinBenchmark();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'jr-bench-'));
  const result: Record<string, unknown> = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    quick: QUICK,
    pinned: process.env.BENCH_PIN === '1',
    date: new Date().toISOString(),
    machineBefore: await machineLoad(),
  };
  const relay = await startRelay();
  // A server that does not start (a setting it refuses) must not leave the relay running.
  let server = await startServer(dataDir).catch(async (error: unknown) => {
    await relay.stop('SIGTERM');
    throw error;
  });
  try {
    const relayIdle = await idleRssKb(relay);
    const serverIdle = await idleRssKb(server);
    // V8's memory reducer shrinks what start-up grew some seconds later, in both processes alike.
    await sleep(SETTLE_MS);
    const relaySettled = await rssKb(relay.proc.pid!);
    const serverSettled = await rssKb(server.proc.pid!);
    result.start = {
      relayStartMs: relay.startMs,
      serverFirstStartMs: server.startMs,
      serverSpawnedAtEpochMs: server.spawnedAtEpochMs,
      relayIdleRssKb: relayIdle,
      serverIdleRssKb: serverIdle,
      idleRssRatioToRelay: ratio(serverIdle, relayIdle),
      relaySettledRssKb: relaySettled,
      serverSettledRssKb: serverSettled,
      settledRssRatioToRelay: ratio(serverSettled, relaySettled),
    };

    if (ONLY.has('fanout')) {
      const board = await createBoard(server.url, 'template');
      const probe = await connect(server.url, board, await join(server.url, board, 'template'));
      const template = Y.encodeStateAsUpdate(probe.doc);
      // BENCH_FANOUT_KEEPER=1: the probe stays connected through every case, as other workshops on a real server would.
      if (!FANOUT_KEEPER) close(probe);
      const applyRelay = await startApplyRelay();
      /** Both fan-out cases, 1 × 50 and 20 × 10 (compareFanOut's `applyRelay` and `backToBack`). */
      const bothCases = async (withApplyRelay: Target | undefined, backToBack = false) => ({
        fanOut1x50: await compareFanOut(server, relay, template, 1, QUICK ? 10 : 50, QUICK ? 5 : 20, undefined, withApplyRelay, backToBack),
        fanOut20x10: await compareFanOut(server, relay, template, QUICK ? 4 : 20, 10, QUICK ? 5 : 20, undefined, withApplyRelay, backToBack),
      });
      try {
        Object.assign(result, await bothCases(applyRelay));
        // The same two cases again on the same processes. In the first round V8 is still compiling the server's hot
        // paths (TurboFan on its worker threads: about a third of the server's CPU in those windows). The server is
        // idle while the relays run, long enough for its idle collection (IDLE_GC_MS), after which V8 compiles much
        // of it again: this round shows that cost, which a server pays once per quiet period.
        result.fanOutWarm = await bothCases(applyRelay);
        // The steady state: each process runs the case twice in a row and the second round is the figure (no quiet
        // period before it): the cost per edit of a server in the middle of a workshop.
        result.fanOutSteady = await bothCases(applyRelay, true);
      } finally {
        await applyRelay.stop('SIGTERM');
      }
      // BENCH_FANOUT_WARM_ROUNDS=n: n warm rounds instead of one; the later ones show how far the JIT still moves.
      const laterRounds: unknown[] = [];
      for (let round = 1; round < FANOUT_WARM_ROUNDS; round++) {
        laterRounds.push(await bothCases(undefined));
      }
      if (laterRounds.length > 0) result.fanOutWarmLater = laterRounds;
      if (FANOUT_KEEPER) close(probe);
    }

    if (ONLY.has('history')) {
      const [clients, edits] = [QUICK ? 10 : 50, QUICK ? 5 : 20];
      // A round first, not reported, so that the first case does not pay alone for V8 compiling the hot paths.
      await fanOutWithHistory(server, relay, 0, clients, edits);
      const cases: Record<string, unknown> = {};
      for (const n of HISTORY_PAST_CLIENTS) cases[`pastClients${n}`] = await fanOutWithHistory(server, relay, n, clients, edits);
      result.history = cases;
    }

    if (ONLY.has('durability')) {
      result.savedOnQuietBoard = await savedLatency(server, QUICK ? 20 : 100, 200);
      result.killAfter200Writes = await killAfterWrites(QUICK ? 2 : 5, 200, 100);
      result.burstCpu = await burstCpu(server, 5, QUICK ? 5 : 30, 200);
    }

    if (ONLY.has('bigboard')) {
      // One typist at 100 keystrokes a second on a 10,000-note board, one watcher: the relay, then the server.
      const notes = QUICK ? 1000 : 10_000;
      const seconds = QUICK ? 10 : 60;
      const board = await seedBoard(server.url, notes);
      const { state } = await boardState(server.url, board);
      const onRelay = await typeOnBigBoard({ kind: 'relay', target: relay, state }, 100, seconds);
      const onServer = await typeOnBigBoard({ kind: 'server', target: server, board }, 100, seconds);
      result.typingOnBigBoard = {
        notes,
        relay: onRelay,
        server: onServer,
        ratioToRelay: { cpuPerKeystroke: ratio(onServer.serverCpuUsPerKeystroke, onRelay.serverCpuUsPerKeystroke), p99: ratio(onServer.latencyMs.p99, onRelay.latencyMs.p99) },
      };
    }

    if (ONLY.has('cluster')) {
      // One room's clients on one instance, then spread over two (PostgreSQL + a private Redis), same load.
      result.cluster = await clusterCase(dataDir, QUICK ? 10 : 50, QUICK ? 5 : 20);
    }

    if (ONLY.has('sync') || ONLY.has('start')) {
      const sizes = QUICK ? [1000] : [1000, 10_000];
      const seeded: Record<number, Board> = {};
      const syncs: Record<string, unknown> = {};
      for (const n of sizes) {
        seeded[n] = await seedBoard(server.url, n);
        const member = await join(server.url, seeded[n], 'late joiner');
        // The first one warms the server's code. Each is a cold load of the room (IDLE_UNLOAD_MS=0: it unloads as its
        // last client leaves) on a running server, answered from the stored snapshot.
        await timeSync(server, seeded[n], member);
        syncs[`notes${n}`] = await timeSync(server, seeded[n], member);
      }
      result.newClientSync = syncs;

      const biggest = sizes[sizes.length - 1]!;
      const member = await join(server.url, seeded[biggest]!, 'after restart');
      await server.stop('SIGTERM');
      server = await startServer(dataDir);
      const restartMs = server.startMs;
      result.coldLoadAfterRestart = { boardNotes: biggest, restartStartMs: restartMs, ...(await timeSync(server, seeded[biggest]!, member)) };
      // The same first client in a process of its own (scripts/bench/fresh-client.mjs), as a new browser tab is:
      // its code not compiled yet, where the benchmark's own client above has run Yjs all along. Three restarts.
      const fresh = [];
      for (let i = 0; i < 3; i++) {
        await server.stop('SIGTERM');
        server = await startServer(dataDir);
        fresh.push(await freshClientSync(server, seeded[biggest]!, await join(server.url, seeded[biggest]!, `fresh ${i}`)));
      }
      result.coldLoadAfterRestartFreshClient = fresh;
      // A workshop opening the stored board together right after a restart.
      await server.stop('SIGTERM');
      server = await startServer(dataDir);
      result.workshopJoinsAfterRestart = await joinTogether(server, seeded[biggest]!, QUICK ? 5 : WORKSHOP_SIZE);
    }

    if (ONLY.has('capacity')) {
      await server.stop('SIGTERM');
      server = await startServer(dataDir);
      result.capacity = await capacity(server, QUICK ? [1, 2] : [1, 2, 4, 8, 12, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128], QUICK ? 4000 : 8000);
    }

    if (ONLY.has('visits')) {
      // A fresh process, so the figures are not those of the boards loaded above.
      await server.stop('SIGTERM');
      server = await startServer(dataDir);
      result.visit500Boards = await visitBoards(server, QUICK ? 50 : 500);
      // The same without the server's own idle collection (IDLE_GC_MS=0): what V8 alone gives back.
      await server.stop('SIGTERM');
      server = await startServer(dataDir, { IDLE_GC_MS: '0' });
      result.visit500BoardsWithoutIdleGc = await visitBoards(server, QUICK ? 50 : 500);
    }

    if (ONLY.has('browser')) {
      // A fresh process too: the board is cold-loaded by the first page, as after a restart.
      await server.stop('SIGTERM');
      server = await startServer(dataDir);
      result.browser = await browserCase(server, {
        ...TYPING_BOARD,
        pages: BROWSER_PAGES,
        // at least one page only watches (with BENCH_BROWSER_PAGES=2: one typist, one watcher)
        typists: BROWSER_REMOTE_TYPISTS ? 5 : Math.min(5, BROWSER_PAGES - 1),
        remoteTypists: BROWSER_REMOTE_TYPISTS,
        device: BROWSER_DEVICE,
        profileDir: process.env.BENCH_BROWSER_PROFILE_DIR,
        profilePage: process.env.BENCH_BROWSER_PROFILE_PAGE === undefined ? undefined : Number(process.env.BENCH_BROWSER_PROFILE_PAGE),
        traceCategories: process.env.BENCH_BROWSER_TRACE_CATEGORIES?.split(','),
        restartAfterSeeding: BROWSER_RESTART
          ? async () => {
              await server.stop('SIGTERM');
              server = await startServer(dataDir);
              return server;
            }
          : undefined,
      });
    }

    if (ONLY.has('watcher')) {
      // Goal 6 as one participant meets it: her page (a laptop's grid, then a phone) on the machine with the server,
      // while five other people type on their own devices (stock clients), not in five more Chromium pages on the
      // same two cores as in `browser`.
      const watcher: Record<string, unknown> = {};
      for (const device of ['laptop', 'phone'] as const) {
        await server.stop('SIGTERM');
        server = await startServer(dataDir);
        watcher[device] = await browserCase(server, {
          ...TYPING_BOARD,
          pages: 1,
          typists: 5,
          remoteTypists: true,
          device,
        });
      }
      result.browserOneWatcher = watcher;
    }

    if (ONLY.has('idlepage')) {
      // One page left alone: a facilitator's laptop after the timer ran out, beside one with no timer.
      result.idlePage = await idlePageCase(server);
    }
  } catch (error) {
    // Keep the sections that did finish: print them with the failure, then fail.
    result.failed = (error as Error).stack ?? String(error);
    console.log(JSON.stringify(result, null, 2));
    throw error;
  } finally {
    await server.stop('SIGTERM');
    await relay.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
  result.machineAfter = await machineLoad();
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
