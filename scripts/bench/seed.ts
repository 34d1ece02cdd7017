/** Seeds benchmark boards on the server through a stock client joined as a member (the authorship rule). */
import * as Y from 'yjs';
import { readLanes, readStages } from '../../shared/board/read.js';
import { addNote, deleteNote } from '../../shared/board/write.js';
import { close, connect, createBoard, join, sleep, type Board } from './clients.js';

/** Adds `count` notes (starting at note number `from`) in transactions of 500, as `client`'s member. */
export async function addNotes(doc: Y.Doc, memberId: string, name: string, from: number, count: number, text = (k: number) => `Note ${k}: the customer calls support because the invoice is unclear`): Promise<void> {
  const stages = readStages(doc);
  const lanes = readLanes(doc);
  const author = { id: memberId, name, role: 'stakeholder' as const, department: 'Support' };
  for (let i = from; i < from + count; i += 500) {
    doc.transact(() => {
      for (let k = i; k < Math.min(from + count, i + 500); k++) {
        addNote(doc, {
          stageId: stages[k % stages.length]!.id,
          laneId: lanes[Math.floor(k / stages.length) % lanes.length]!.id,
          text: text(k),
          author,
        });
      }
    });
    await sleep(10);
  }
}

/** Waits until a fresh client sees `notes` notes on the board (the server has everything). */
export async function waitForNotes(base: string, board: Board, notes: number): Promise<void> {
  for (;;) {
    const probe = await connect(base, board, await join(base, board, 'probe'));
    const count = probe.doc.getMap('notes').size;
    close(probe);
    if (count === notes) return;
    await sleep(200);
  }
}

/** Seeds a board with `notes` notes through one client, in transactions of 500. */
export async function seedBoard(base: string, notes: number): Promise<Board> {
  const board = await createBoard(base, `seed ${notes}`);
  const client = await connect(base, board, await join(base, board, 'seeder'));
  await addNotes(client.doc, client.memberId, 'seeder', 0, notes);
  await waitForNotes(base, board, notes);
  close(client);
  return board;
}

/**
 * Gives a board `count` past client ids the way real history does: `count` stock clients, `batch` at a time,
 * each joins as a member, adds a note of its own and deletes it again (two small updates the server checks and
 * stores like any), and leaves. Deleting keeps the board otherwise as it was, so that what differs from a fresh
 * board is the client ids its doc holds, not also `count` more notes.
 */
export async function addPastClients(base: string, board: Board, count: number, batch = 25): Promise<void> {
  for (let i = 0; i < count; i += batch) {
    const clients = await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, async () => connect(base, board, await join(base, board, 'past'))),
    );
    for (const c of clients) {
      // The server refuses a note whose author is not the writer's member (id and name as joined).
      const author = { id: c.memberId, name: 'past', role: 'stakeholder' as const, department: 'Support' };
      const noteId = addNote(c.doc, { stageId: readStages(c.doc)[0]!.id, laneId: readLanes(c.doc)[0]!.id, text: 'x', author });
      deleteNote(c.doc, noteId);
    }
    // The updates leave before the sockets close (as in the visits case).
    await sleep(300);
    clients.forEach(close);
  }
}

/** The board as a fresh stock client receives it: its state (a relay's template) and the client ids its doc holds. */
export async function boardState(base: string, board: Board): Promise<{ state: Uint8Array; clientIds: number; notes: number }> {
  const probe = await connect(base, board, await join(base, board, 'probe'));
  const state = Y.encodeStateAsUpdate(probe.doc);
  const result = { state, clientIds: probe.doc.store.clients.size, notes: probe.doc.getMap('notes').size };
  close(probe);
  return result;
}
