/** Seeds benchmark boards on the server through a stock client joined as a member (the authorship rule). */
import * as Y from 'yjs';
import { readLanes, readStages } from '../../shared/board/read.js';
import { addNote } from '../../shared/board/write.js';
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
