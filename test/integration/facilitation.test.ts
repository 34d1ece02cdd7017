/**
 * Facilitation rules enforced by the sync server, through real sockets and stock y-websocket clients:
 * the lock (participants refused, facilitator not), and attendance kept with the board.
 */
import { describe, expect, it } from 'vitest';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { CLOSE } from '../../shared/protocol.js';
import { setLocked } from '../../shared/session/write.js';
import type { AttendanceEntry } from '../../shared/session/schema.js';
import { createBoard, joinMember, joinWriter } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { startServer } from '../helpers/server.js';


describe('facilitation rules on the sync server', () => {
  it('while locked, a participant change is refused (1013) and never stored; the facilitator can still edit', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const writer = await joinWriter(s.url, board, board.tokens.participant, { name: 'X', role: 'stakeholder', department: 'Support' });
    const facilitator = await joinWriter(s.url, board, board.tokens.facilitator, { name: 'Fa', department: '' });
    const session = connectClient(s.wsUrl, `${board.id}/session`, { token: board.tokens.facilitator });
    const fac = connectClient(s.wsUrl, board.id, facilitator.params);
    const part = connectClient(s.wsUrl, board.id, writer.params);
    await Promise.all([synced(session), synced(fac), synced(part)]);
    const [stage] = stageIds(fac.doc);
    const [lane] = laneIds(fac.doc);

    setLocked(session.doc, true);
    // The lock reaches the server's session doc: a new reader sees it.
    const reader = connectClient(s.wsUrl, `${board.id}/session`, { token: board.tokens.projector });
    await synced(reader);
    await waitFor(() => reader.doc.getMap('state').get('locked') === true, 'lock stored on the server');

    addNote(part.doc, { stageId: stage!, laneId: lane!, text: 'sneaky', author: writer.author });
    await waitFor(() => part.closes.some((c) => c.code === CLOSE.tryAgainLater), 'participant refused with 1013');
    addNote(fac.doc, { stageId: stage!, laneId: lane!, text: 'facilitator note', author: facilitator.author });

    const watcher = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
    await synced(watcher);
    await waitFor(() => readNotes(watcher.doc).some((n) => n.text === 'facilitator note'), 'facilitator edit applied');
    expect(readNotes(watcher.doc).map((n) => n.text)).not.toContain('sneaky');
    expect(readNotes(fac.doc).map((n) => n.text)).not.toContain('sneaky');

    // Unlocked: the stock client reconnects (1013 is transient), re-sends its change, and it is applied.
    setLocked(session.doc, false);
    await waitFor(() => readNotes(watcher.doc).some((n) => n.text === 'sneaky'), 'participant change applied after unlock', 15_000);
  });

  it('keeps attendance: who joined, as what, and for how long', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const ana = await joinMember(s.url, board.id, board.tokens.participant, { name: 'Ana', role: 'customer', department: '' });
    const bo = await joinMember(s.url, board.id, board.tokens.participant, { name: 'Bo', role: 'stakeholder', department: 'Billing' });
    const a = connectClient(s.wsUrl, board.id, { token: board.tokens.participant, member: ana.memberKey });
    const b = connectClient(s.wsUrl, board.id, { token: board.tokens.participant, member: bo.memberKey });
    const projector = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
    await Promise.all([synced(a), synced(b), synced(projector)]);
    await new Promise((r) => setTimeout(r, 50));
    a.destroy();
    const read = async (): Promise<AttendanceEntry[]> => {
      const res = await fetch(`${s.url}/api/boards/${board.id}/attendance`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { attendance: AttendanceEntry[] } | AttendanceEntry[];
      return Array.isArray(body) ? body : body.attendance;
    };
    const entries = await waitFor(async () => {
      const list = await read();
      const anaEntry = list.find((e) => e.memberId === ana.memberId);
      return anaEntry && anaEntry.totalMs > 0 ? list : undefined;
    }, 'attendance recorded');
    expect(entries.map((e) => [e.name, e.role, e.department]).sort()).toEqual([
      ['Ana', 'customer', ''],
      ['Bo', 'stakeholder', 'Billing'],
    ]);
    // A participant token may not read attendance.
    const refused = await fetch(`${s.url}/api/boards/${board.id}/attendance`, { headers: { authorization: `Bearer ${board.tokens.participant}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });
});
