/** Boards for the browser tests, created and filled through the real API and a stock client (as members do). */
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.js';
import type { Persona } from '../../shared/board/schema.js';
import { readBoard, type BoardSnapshot } from '../../shared/board/snapshot.js';
import { addNote } from '../../shared/board/write.js';
import { connectClient, synced, waitFor } from '../../test/helpers/clients.js';

/** What to put on the board. */
export interface SeedOptions {
  title: string;
  persona?: Partial<Persona>;
  notes: number;
  /** the text of the i-th note (0-based) */
  text: (i: number) => string;
}

/**
 * Creates a board and has a member ("Seeder", Support) write `notes` notes spread over every stage and lane,
 * stage by stage, in one transaction; resolves once a fresh reader gets them all from the server, with the board
 * as that reader sees it.
 */
export async function seedBoard(serverUrl: string, options: SeedOptions): Promise<{ board: CreateBoardResponse; snapshot: BoardSnapshot }> {
  const res = await fetch(`${serverUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: options.title, ...(options.persona ? { persona: options.persona } : {}) }),
  });
  const board = (await res.json()) as CreateBoardResponse;
  const token = new URL(board.links.participant).hash.replace('#token=', '');
  const joined = await fetch(`${serverUrl}/api/boards/${board.id}/members`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Seeder', role: 'stakeholder', department: 'Support' }),
  });
  const member = (await joined.json()) as JoinResponse;
  const wsUrl = serverUrl.replace(/^http/, 'ws') + '/ws';
  const client = connectClient(wsUrl, board.id, { token, member: member.memberKey });
  await synced(client);
  const { stages, lanes } = readBoard(client.doc);
  const author = { id: member.memberId, name: member.name, role: member.role, department: member.department };
  client.doc.transact(() => {
    for (let i = 0; i < options.notes; i++) {
      const stage = stages[i % stages.length]!;
      const lane = lanes[Math.floor(i / stages.length) % lanes.length]!;
      addNote(client.doc, { stageId: stage.id, laneId: lane.id, text: options.text(i), author });
    }
  });
  // the server has every note once a fresh reader sees them all
  const reader = connectClient(wsUrl, board.id, { token });
  await waitFor(() => readBoard(reader.doc).notes.length === options.notes, `${options.notes} notes stored`, 20_000);
  const snapshot = readBoard(reader.doc);
  reader.destroy();
  client.destroy();
  return { board, snapshot };
}
