/** Draft counts and presence others see are the server's word; a draft's id never leaves its member. */
import { describe, expect, it } from 'vitest';
import { readBoard } from '../../shared/board/snapshot.js';
import { PRIVATE_DRAFT, type PresenceState } from '../../shared/protocol.js';
import { addDraft } from '../../shared/session/drafts.js';
import { createBoard, joinWriter } from '../helpers/api.js';
import { connectClient, rawClient, synced, waitFor, type TestClient } from '../helpers/clients.js';
import { startServer } from '../helpers/server.js';

/** Ana's presence as another client sees it. */
function seenState(viewer: TestClient, memberId: string): PresenceState | undefined {
  for (const state of viewer.provider.awareness.getStates().values()) {
    const presence = state as PresenceState;
    if (presence.user?.memberId === memberId) return presence;
  }
  return undefined;
}

describe('presence facts', () => {
  it('others see the server’s draft count and “a private draft”, never the count or draft id a client claims', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const ana = await joinWriter(s.url, board, board.tokens.participant, { name: 'Ana', role: 'customer', department: '' });
    const bo = await joinWriter(s.url, board, board.tokens.participant, { name: 'Bo', role: 'stakeholder', department: 'Sales' });
    const anaBoard = connectClient(s.wsUrl, board.id, ana.params);
    const anaPrivate = connectClient(s.wsUrl, `${board.id}/private/${ana.author.id}`, ana.params);
    const boBoard = connectClient(s.wsUrl, board.id, bo.params);
    const raw = rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.participant}&member=${bo.memberKey}`);
    await Promise.all([synced(anaBoard), synced(anaPrivate), synced(boBoard), raw.opened]);
    const snap = readBoard(anaBoard.doc);
    const draftId = addDraft(anaPrivate.doc, {
      stageId: snap.stages[0]!.id,
      laneId: snap.lanes[0]!.id,
      laneKind: snap.lanes[0]!.kind,
      text: 'secret',
      author: ana.author,
      createdAt: Date.now(),
    });
    // Ana's client claims 99 drafts and names the draft she edits.
    anaBoard.provider.awareness.setLocalStateField('drafts', 99);
    anaBoard.provider.awareness.setLocalStateField('editing', draftId);
    await waitFor(() => seenState(boBoard, ana.author.id)?.editing === PRIVATE_DRAFT, 'Bo sees “a private draft”');
    expect(seenState(boBoard, ana.author.id)?.drafts).toBe(1);
    // Two more drafts: the server re-publishes her count by itself.
    for (const text of ['second', 'third']) {
      addDraft(anaPrivate.doc, { stageId: snap.stages[0]!.id, laneId: snap.lanes[0]!.id, laneKind: snap.lanes[0]!.kind, text, author: ana.author, createdAt: Date.now() });
    }
    await waitFor(() => seenState(boBoard, ana.author.id)?.drafts === 3, 'Bo sees 3 drafts');
    // A board note id is shown as it is.
    anaBoard.provider.awareness.setLocalStateField('selected', snap.stages[0]!.id);
    await waitFor(() => seenState(boBoard, ana.author.id)?.selected === snap.stages[0]!.id, 'stage selection shown');
    // Not one byte Bo's socket received names the draft.
    const received = Buffer.concat(raw.frames).toString('latin1');
    expect(received).toContain(PRIVATE_DRAFT);
    expect(received).not.toContain(draftId);
  });
});
