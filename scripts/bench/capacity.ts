/**
 * Capacity: how many simultaneous 30-person workshops one server carries with delivery p99 under 100 ms.
 * Each workshop is one decoding observer (a stock client that measures the delay of every edit it sees) and
 * 29 lightweight writers: raw sockets that send real Yjs updates from a local doc and only count what they
 * receive (no decoding), so the benchmark process stays far from saturation while the server is pushed.
 * Workshops are added in steps; each step is measured over a fixed window.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { readLanes, readStages } from '../../shared/board/read.js';
import { addNote, setNoteText } from '../../shared/board/write.js';
import { close, connect, countWire, createBoard, join, percentiles, sleep, type Client } from './clients.js';
import { cpuMs, type Target } from './processes.js';

/** People per workshop (one observer + writers). */
export const WORKSHOP_SIZE = 30;
/** A writer's pause between edits: one keystroke a second each (people pause, read, talk). */
export const EDIT_INTERVAL_MS = 1000;
/** The delivery p99 a workshop must keep. */
export const P99_LIMIT_MS = 100;

interface Workshop {
  observer: Client;
  writers: { ws: WebSocket; stop: () => void }[];
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

async function openWorkshop(base: string, index: number, latencies: { current: number[] }, received: { frames: number }): Promise<Workshop> {
  const board = await createBoard(base, `capacity ${index}`);
  const observer = await connect(base, board, await join(base, board, 'observer'));
  const state = Y.encodeStateAsUpdate(observer.doc);
  const stage = readStages(observer.doc)[0]!.id;
  const lane = readLanes(observer.doc)[0]!.id;
  const sentAt = new Map<string, number>();
  const writers: Workshop['writers'] = [];
  const noteIds: string[] = [];
  for (let w = 1; w < WORKSHOP_SIZE; w++) {
    const member = await join(base, board, `w${w}`);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws/${board.id}?token=${board.participant}&member=${member.memberKey}`);
    countWire(ws);
    ws.on('message', () => {
      received.frames++;
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    doc.on('update', (update: Uint8Array) => ws.send(updateFrame(update)));
    const noteId = addNote(doc, { stageId: stage, laneId: lane, text: '0', author: { id: member.memberId, name: `w${w}`, role: 'stakeholder', department: 'Support' } });
    noteIds.push(noteId);
    let seq = 0;
    let timer: NodeJS.Timeout | undefined;
    const tick = (): void => {
      seq++;
      sentAt.set(`${noteId}:${seq}`, performance.now());
      setNoteText(doc, noteId, String(seq));
    };
    // Each writer on its own phase within the interval.
    const phase = setTimeout(() => {
      timer = setInterval(tick, EDIT_INTERVAL_MS);
    }, (EDIT_INTERVAL_MS * w) / WORKSHOP_SIZE);
    writers.push({
      ws,
      stop: () => {
        clearTimeout(phase);
        clearInterval(timer);
        ws.close();
        doc.destroy();
      },
    });
  }
  while (!noteIds.every((id) => observer.doc.getMap('notes').has(id))) await sleep(20);
  for (const noteId of noteIds) {
    const text = (observer.doc.getMap('notes').get(noteId) as Y.Map<unknown>).get('text') as Y.Text;
    text.observe(() => {
      const sent = sentAt.get(`${noteId}:${text.toString()}`);
      if (sent !== undefined) latencies.current.push(performance.now() - sent);
    });
  }
  return { observer, writers };
}

/** Adds workshops step by step until delivery p99 exceeds P99_LIMIT_MS or the last step; reports each step. */
export async function capacity(server: Target, steps: readonly number[], windowMs: number) {
  const workshops: Workshop[] = [];
  const latencies = { current: [] as number[] };
  const received = { frames: 0 };
  const results = [];
  let carried = 0;
  /** false when even the last step stayed under the limit: the instance carries at least `carried` */
  let limitReached = false;
  try {
    for (const count of steps) {
      while (workshops.length < count) workshops.push(await openWorkshop(server.url, workshops.length, latencies, received));
      await sleep(2000);
      latencies.current = [];
      received.frames = 0;
      const cpuBefore = await cpuMs(server.proc.pid!);
      const benchCpuBefore = process.cpuUsage();
      const started = performance.now();
      await sleep(windowMs);
      const seconds = (performance.now() - started) / 1000;
      const cpu = (await cpuMs(server.proc.pid!)) - cpuBefore;
      const benchCpu = process.cpuUsage(benchCpuBefore);
      const latency = percentiles(latencies.current);
      results.push({
        workshops: count,
        people: count * WORKSHOP_SIZE,
        editsPerSecond: Math.round((count * (WORKSHOP_SIZE - 1) * 1000) / EDIT_INTERVAL_MS),
        writerFramesReceivedPerSecond: Math.round(received.frames / seconds),
        latencyMs: latency,
        serverCpuPercent: Number((cpu / 10 / seconds).toFixed(1)),
        benchCpuPercent: Number(((benchCpu.user + benchCpu.system) / 10_000 / seconds).toFixed(1)),
      });
      if (latency.p99 >= P99_LIMIT_MS) {
        limitReached = true;
        break;
      }
      carried = count;
    }
  } finally {
    for (const workshop of workshops) {
      workshop.writers.forEach((w) => w.stop());
      close(workshop.observer);
    }
  }
  return { workshopSize: WORKSHOP_SIZE, editIntervalMs: EDIT_INTERVAL_MS, p99LimitMs: P99_LIMIT_MS, windowMs, workshopsCarried: carried, limitReached, steps: results };
}
