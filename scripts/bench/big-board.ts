/**
 * Typing on a big board: one stock client types into its own note of a 10,000-note board at a steady rate while
 * another watches, on the server and on the bare relay (whose clients start from the same board state). What a
 * big board costs beyond a small one is the server's work in proportion to the doc, above all compacting its log
 * (the whole doc encoded on the event loop), which shows as deliveries held up behind it.
 */
import * as Y from 'yjs';
import { readLanes, readStages } from '../../shared/board/read.js';
import { addNote } from '../../shared/board/write.js';
import { close, connect, connectRelay, join, percentiles, sleep, type Board, type Client } from './clients.js';
import { cpuMs, type Target } from './processes.js';

/** A delivery later than this counts as held up (a relay's deliveries here stay under 10 ms). */
const HELD_UP_MS = 15;

export type BigBoardTarget = { kind: 'server'; target: Target; board: Board } | { kind: 'relay'; target: Target; state: Uint8Array };

async function pair(t: BigBoardTarget): Promise<[Client, Client]> {
  if (t.kind === 'server') {
    const base = t.target.url;
    return [await connect(base, t.board, await join(base, t.board, 'typist')), await connect(base, t.board, await join(base, t.board, 'watcher'))];
  }
  const room = `big-${Math.random().toString(36).slice(2)}`;
  return [await connectRelay(t.target.url, room, t.state, 'typist'), await connectRelay(t.target.url, room, t.state, 'watcher')];
}

/** `perSecond` one-character inserts for `seconds`, on a fixed schedule; the watcher times each one. */
export async function typeOnBigBoard(t: BigBoardTarget, perSecond: number, seconds: number) {
  const [typist, watcher] = await pair(t);
  const noteId = addNote(typist.doc, {
    stageId: readStages(typist.doc)[0]!.id,
    laneId: readLanes(typist.doc)[0]!.id,
    text: 'T',
    author: { id: typist.memberId, name: 'typist', role: 'stakeholder', department: 'Support' },
  });
  while (!watcher.doc.getMap('notes').has(noteId)) await sleep(20);
  await sleep(500);
  const textOf = (c: Client) => (c.doc.getMap('notes').get(noteId) as Y.Map<unknown>).get('text') as Y.Text;
  const typed = textOf(typist);
  const sent: number[] = [];
  const seen: number[] = [];
  textOf(watcher).observe((event) => {
    const now = performance.now();
    for (const op of event.delta) if (typeof op.insert === 'string') for (let i = 0; i < op.insert.length; i++) seen.push(now);
  });
  const count = perSecond * seconds;
  const cpuBefore = await cpuMs(t.target.proc.pid!);
  const start = performance.now();
  for (let k = 0; k < count; k++) {
    const wait = start + (k * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    sent.push(performance.now());
    typed.insert(typed.length, 'x');
    // Under the note's length limit: the typist clears most of it now and then (one more small update).
    if (typed.length > 900) typed.delete(1, 800);
  }
  const deadline = performance.now() + 10_000;
  while (seen.length < count && performance.now() < deadline) await sleep(50);
  await sleep(500);
  const cpu = (await cpuMs(t.target.proc.pid!)) - cpuBefore;
  close(typist);
  close(watcher);
  const latencies = sent.slice(0, seen.length).map((at, i) => seen[i]! - at);
  return {
    target: t.kind,
    keystrokes: count,
    perSecond,
    delivered: seen.length,
    latencyMs: percentiles(latencies),
    heldUpOver15Ms: latencies.filter((ms) => ms > HELD_UP_MS).length,
    serverCpuMs: cpu,
    serverCpuUsPerKeystroke: Math.round((cpu * 1000) / count),
  };
}
