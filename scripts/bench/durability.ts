/**
 * The durability figures: how soon an edit on a quiet board is acknowledged as saved (committed), and what a
 * kill -9 shortly after a burst of writes keeps. Stock y-websocket clients; the "saved" signal is the
 * server's `[2, 1, n]` message (docs/protocol.md).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import { readLanes, readNotes, readStages } from '../../shared/board/read.js';
import { addNote, setNoteText } from '../../shared/board/write.js';
import { close, connect, createBoard, join, percentiles, sleep, type Client } from './clients.js';
import { startServer, threadCpuMs, type Target } from './processes.js';

/** Calls `onSaved(n)` for every "saved up to write n" message the client's socket receives. */
function watchSaved(client: Client, onSaved: (n: number) => void): void {
  const ws = client.provider.ws as unknown as { addEventListener(type: 'message', listener: (event: { data: ArrayBuffer }) => void): void } | null;
  ws?.addEventListener('message', ({ data }) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== 2 || decoding.readVarUint(decoder) !== 1) return;
    onSaved(decoding.readVarUint(decoder));
  });
}

/**
 * One member edits their note `edits` times, `intervalMs` apart (a quiet board: one person typing in bursts),
 * and each time waits for the saved signal that covers the edit: time from the edit to that signal.
 */
export async function savedLatency(server: Target, edits: number, intervalMs: number) {
  const board = await createBoard(server.url, 'saved signal');
  const member = await join(server.url, board, 'writer');
  const client = await connect(server.url, board, member);
  let savedUpTo = 0;
  let writes = 0;
  let waiter: (() => void) | undefined;
  watchSaved(client, (n) => {
    savedUpTo = Math.max(savedUpTo, n);
    waiter?.();
  });
  // The socket's writes are counted from its first sync (the reply to the server's SyncStep1): wait for that ack.
  while (savedUpTo < 1) await sleep(10);
  writes = savedUpTo;
  const stage = readStages(client.doc)[0]!.id;
  const lane = readLanes(client.doc)[0]!.id;
  const noteId = addNote(client.doc, { stageId: stage, laneId: lane, text: '0', author: { id: member.memberId, name: 'writer', role: 'stakeholder', department: 'Support' } });
  writes++;
  const samples: number[] = [];
  for (let i = 1; i <= edits; i++) {
    while (savedUpTo < writes) await new Promise<void>((resolve) => (waiter = resolve));
    await sleep(intervalMs);
    const sent = performance.now();
    setNoteText(client.doc, noteId, `edit ${i}`);
    writes++;
    while (savedUpTo < writes) await new Promise<void>((resolve) => (waiter = resolve));
    samples.push(performance.now() - sent);
  }
  close(client);
  return { edits, intervalMs, editToSavedMs: percentiles(samples) };
}

/** One member writes `writes` notes on a new board as fast as the client sends them; resolves once a watcher saw all. */
async function writeBurst(server: Target, title: string, writes: number): Promise<void> {
  const board = await createBoard(server.url, title);
  const member = await join(server.url, board, 'writer');
  const writer = await connect(server.url, board, member);
  const watcher = await connect(server.url, board, await join(server.url, board, 'watcher'));
  const stage = readStages(writer.doc)[0]!.id;
  const lane = readLanes(writer.doc)[0]!.id;
  for (let i = 0; i < writes; i++) {
    addNote(writer.doc, { stageId: stage, laneId: lane, text: `note ${i}`, author: { id: member.memberId, name: 'writer', role: 'stakeholder', department: 'Support' } });
  }
  while (readNotes(watcher.doc).length < writes) await sleep(5);
  close(writer);
  close(watcher);
}

/**
 * The server's CPU per note in bursts like the kill trial's, on a running server: `rounds` times a new board, two
 * members joined, two stock clients, one writes `writes` notes as fast as the client sends them, the other waits
 * for all, both leave. Split into the main thread and the others (V8's compiler and GC helpers, SQLite's pool), per
 * note, board creation and joins included; after `warmRounds` unreported rounds. This is where V8 throwing away its
 * compiles showed (docs/benchmarks.md, "The bundle's names").
 */
export async function burstCpu(server: Target, warmRounds: number, rounds: number, writes: number) {
  const pid = server.proc.pid;
  if (pid === undefined) throw new Error('the server has no pid');
  for (let round = 0; round < warmRounds; round++) await writeBurst(server, `burst warm-up ${round}`, writes);
  const before = await threadCpuMs(pid);
  for (let round = 0; round < rounds; round++) await writeBurst(server, `burst ${round}`, writes);
  const after = await threadCpuMs(pid);
  const perNote = (ms: number): number => Number(((ms * 1000) / (rounds * writes)).toFixed(1));
  return {
    rounds,
    writes,
    serverCpuUsPerNote: perNote(after.main + after.others - before.main - before.others),
    serverThreadsCpuUsPerNote: { main: perNote(after.main - before.main), others: perNote(after.others - before.others) },
  };
}

/**
 * `trials` times: a fresh server on its own data dir (warmed up by one burst), one member writes `writes` notes
 * as fast as the client sends them (one update each), the server is killed with SIGKILL `afterMs` after the last
 * was sent, restarted, and a fresh client counts the notes that survived.
 */
export async function killAfterWrites(trials: number, writes: number, afterMs: number) {
  const kept: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'jr-bench-kill-'));
    try {
      let server = await startServer(dataDir);
      // A server that has been running: the same burst once on another board first, so the measured one does
      // not run through code V8 has not compiled yet (a fresh process's first burst is several times slower).
      await writeBurst(server, 'warm-up', writes);
      const board = await createBoard(server.url, 'kill -9');
      const member = await join(server.url, board, 'writer');
      const writer = await connect(server.url, board, member);
      const stage = readStages(writer.doc)[0]!.id;
      const lane = readLanes(writer.doc)[0]!.id;
      for (let i = 0; i < writes; i++) {
        addNote(writer.doc, { stageId: stage, laneId: lane, text: `note ${i}`, author: { id: member.memberId, name: 'writer', role: 'stakeholder', department: 'Support' } });
      }
      const lastSent = performance.now();
      await sleep(Math.max(0, afterMs - (performance.now() - lastSent)));
      await server.stop('SIGKILL');
      close(writer);
      server = await startServer(dataDir);
      const counter = await connect(server.url, board, await join(server.url, board, 'counter'));
      kept.push(readNotes(counter.doc).length);
      close(counter);
      await server.stop('SIGTERM');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return { trials, writes, killAfterMs: afterMs, notesKept: kept, allKept: kept.every((n) => n === writes) };
}
