/**
 * The server's write rules on the board doc (docs/protocol.md "Write rules"), through real sockets and the stock
 * client: authorship is the server's word; structure and other people's notes are the facilitator's unless the
 * session's switches open them. Every refusal closes with 4405 before anything is stored or broadcast.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/board/doc.js';
import { readBoard } from '../../shared/board/snapshot.js';
import { META, type Author } from '../../shared/board/schema.js';
import {
  addLane,
  addNote,
  addStage,
  deleteNote,
  laneIds,
  moveNote,
  removeLane,
  removeStage,
  renameStage,
  setEmotion,
  setNoteText,
  setTitle,
  stageIds,
  updatePersona,
} from '../../shared/board/write.js';
import { CLOSE } from '../../shared/protocol.js';
import { setPermissions } from '../../shared/session/write.js';
import { createBoard, joinWriter, type TestBoard, type TestWriter } from '../helpers/api.js';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.js';
import { startServer, type TestServer } from '../helpers/server.js';

interface Workshop {
  s: TestServer;
  board: TestBoard;
  ana: TestWriter;
  bob: TestWriter;
  fac: TestWriter;
  facClient: TestClient;
  watcher: TestClient;
  stage: string;
  lane: string;
  /** a note Bob wrote */
  bobsNote: string;
}

async function workshop(): Promise<Workshop> {
  const s = await startServer();
  const board = await createBoard(s.url);
  const ana = await joinWriter(s.url, board, board.tokens.participant, { name: 'Ana', role: 'customer', department: '' });
  const bob = await joinWriter(s.url, board, board.tokens.participant, { name: 'Bob', role: 'stakeholder', department: 'Billing' });
  const fac = await joinWriter(s.url, board, board.tokens.facilitator, { name: 'Fay', department: '' });
  const facClient = connectClient(s.wsUrl, board.id, fac.params);
  const watcher = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
  const bobClient = connectClient(s.wsUrl, board.id, bob.params);
  await Promise.all([synced(facClient), synced(watcher), synced(bobClient)]);
  const [stage] = stageIds(bobClient.doc);
  const [lane] = laneIds(bobClient.doc);
  const bobsNote = addNote(bobClient.doc, { stageId: stage!, laneId: lane!, text: 'invoice is confusing', author: bob.author });
  await waitFor(() => readBoard(watcher.doc).notes.some((n) => n.id === bobsNote), 'Bob’s note stored');
  bobClient.destroy();
  return { s, board, ana, bob, fac, facClient, watcher, stage: stage!, lane: lane! , bobsNote };
}

/** Connects Ana, runs `change` on her doc and resolves with the close code she gets (0 if none before `marker`). */
async function anaTries(w: Workshop, change: (doc: Y.Doc) => void): Promise<number> {
  const client = connectClient(w.s.wsUrl, w.board.id, w.ana.params);
  await synced(client);
  change(client.doc);
  const code = await waitFor(() => client.closes[0]?.code, 'Ana refused');
  client.destroy();
  return code;
}

/** The board as a fresh reader gets it from the server (what is stored and served). */
async function served(w: Workshop): Promise<ReturnType<typeof readBoard>> {
  const reader = connectClient(w.s.wsUrl, w.board.id, { token: w.board.tokens.projector });
  await synced(reader);
  await waitFor(() => readBoard(reader.doc).notes.length > 0, 'reader synced notes');
  const snapshot = readBoard(reader.doc);
  reader.destroy();
  return snapshot;
}

/** Ana writes a note of her own and it arrives: the room lives on. */
async function anaStillWrites(w: Workshop, text: string): Promise<void> {
  const client = connectClient(w.s.wsUrl, w.board.id, w.ana.params);
  await synced(client);
  addNote(client.doc, { stageId: w.stage, laneId: w.lane, text, author: w.ana.author });
  await waitFor(() => readBoard(w.watcher.doc).notes.some((n) => n.text === text && n.authorId === w.ana.author.id), `${text} arrives`);
  expect(client.closes).toEqual([]);
  client.destroy();
}

describe('authorship is the server’s word', () => {
  it('refuses a note under another member, as facilitator, or with a made-up member: nothing stored or broadcast', async () => {
    const w = await workshop();
    const forgeries: [string, Author][] = [
      ['as Bob', w.bob.author],
      ['as the facilitator', { ...w.ana.author, role: 'facilitator' }],
      ['in Billing', { ...w.ana.author, department: 'Billing' }],
      ['renamed', { ...w.ana.author, name: 'The CEO' }],
      ['made up', { id: 'customer-9', name: 'Zoe', role: 'customer', department: '' }],
    ];
    for (const [label, author] of forgeries) {
      const code = await anaTries(w, (doc) => addNote(doc, { stageId: w.stage, laneId: w.lane, text: `forged ${label}`, author }));
      expect(code, label).toBe(CLOSE.notPermitted);
    }
    const backdated = await anaTries(w, (doc) => addNote(doc, { stageId: w.stage, laneId: w.lane, text: 'forged backdated', author: w.ana.author, createdAt: 1000 }));
    expect(backdated).toBe(CLOSE.notPermitted);
    await anaStillWrites(w, 'my own note');
    const texts = (await served(w)).notes.map((n) => n.text);
    expect(texts.filter((t) => t.startsWith('forged'))).toEqual([]);
    expect(readBoard(w.watcher.doc).notes.map((n) => n.text).filter((t) => t.startsWith('forged'))).toEqual([]);
    expect(readBoard(w.facClient.doc).notes.map((n) => n.text).filter((t) => t.startsWith('forged'))).toEqual([]);
    expect(w.facClient.closes).toEqual([]);
  });

  it('refuses changing the author fields of an existing note, even for the facilitator', async () => {
    const w = await workshop();
    for (const [field, value] of [['authorId', w.ana.author.id], ['authorName', 'Ana'], ['department', 'Support'], ['authorRole', 'customer'], ['createdAt', 5]] as const) {
      const code = await anaTries(w, (doc) => (boardRoots(doc).notes.get(w.bobsNote) as Y.Map<unknown>).set(field, value));
      expect(code, field).toBe(CLOSE.notPermitted);
    }
    const fac = connectClient(w.s.wsUrl, w.board.id, w.fac.params);
    await synced(fac);
    (boardRoots(fac.doc).notes.get(w.bobsNote) as Y.Map<unknown>).set('authorName', 'Someone else');
    await waitFor(() => fac.closes[0]?.code === CLOSE.notPermitted, 'facilitator refused');
    const note = (await served(w)).notes.find((n) => n.id === w.bobsNote);
    expect(note).toMatchObject({ authorId: w.bob.author.id, authorName: 'Bob', authorRole: 'stakeholder', department: 'Billing' });
  });

  it('refuses the board’s record of the counted vote (meta.talliedVote) to everyone, the facilitator too', async () => {
    const w = await workshop();
    const fac = connectClient(w.s.wsUrl, w.board.id, w.fac.params);
    await synced(fac);
    boardRoots(fac.doc).meta.set(META.talliedVote, 'a-vote-never-counted');
    await waitFor(() => fac.closes[0]?.code === CLOSE.notPermitted, 'facilitator refused');
    const reader = connectClient(w.s.wsUrl, w.board.id, { token: w.board.tokens.projector });
    await synced(reader);
    expect(boardRoots(reader.doc).meta.get(META.talliedVote)).toBeUndefined();
    // The rest of the structure stays the facilitator's to edit.
    const again = connectClient(w.s.wsUrl, w.board.id, w.fac.params);
    await synced(again);
    boardRoots(again.doc).meta.set(META.title, 'Renamed');
    await waitFor(() => boardRoots(reader.doc).meta.get(META.title) === 'Renamed', 'the title change arrives');
    expect(again.closes).toEqual([]);
  });

  it('a bare link without a member edits notes but cannot create one; participants edit, move and rate any note', async () => {
    const w = await workshop();
    const bare = connectClient(w.s.wsUrl, w.board.id, { token: w.board.tokens.facilitator });
    await synced(bare);
    addNote(bare.doc, { stageId: w.stage, laneId: w.lane, text: 'forged by a bare link', author: w.fac.author });
    await waitFor(() => bare.closes[0]?.code === CLOSE.notPermitted, 'bare link refused');
    const ana = connectClient(w.s.wsUrl, w.board.id, w.ana.params);
    await synced(ana);
    setNoteText(ana.doc, w.bobsNote, 'the invoice is very confusing');
    setEmotion(ana.doc, w.bobsNote, -2);
    moveNote(ana.doc, w.bobsNote, { stageId: stageIds(ana.doc)[1]!, laneId: w.lane });
    await waitFor(() => readBoard(w.watcher.doc).notes.find((n) => n.id === w.bobsNote)?.emotion === -2, 'edits arrive');
    expect(ana.closes).toEqual([]);
    expect((await served(w)).notes.find((n) => n.id === w.bobsNote)).toMatchObject({ text: 'the invoice is very confusing', authorId: w.bob.author.id });
  });
});

describe('participants change what the workshop needs', () => {
  const structureChanges: [string, (doc: Y.Doc, w: Workshop) => void][] = [
    ['rename the board', (doc) => setTitle(doc, 'Hijacked')],
    ['rewrite the persona', (doc) => updatePersona(doc, { name: 'Hijacked' })],
    ['add a stage', (doc) => void addStage(doc, 'Hijacked')],
    ['rename a stage', (doc, w) => renameStage(doc, w.stage, 'Hijacked')],
    ['delete a stage', (doc, w) => removeStage(doc, w.stage)],
    ['add a lane', (doc) => void addLane(doc, 'Hijacked')],
    ['delete a lane', (doc, w) => removeLane(doc, w.lane)],
  ];

  it('with the switches off, every structure change and deleting another’s note is refused (4405) and nothing changes', async () => {
    const w = await workshop();
    const before = await served(w);
    for (const [label, change] of structureChanges) {
      expect(await anaTries(w, (doc) => change(doc, w)), label).toBe(CLOSE.notPermitted);
    }
    expect(await anaTries(w, (doc) => deleteNote(doc, w.bobsNote))).toBe(CLOSE.notPermitted);
    // Replacing Bob's note under its id is deleting it too.
    expect(await anaTries(w, (doc) => addNote(doc, { id: w.bobsNote, stageId: w.stage, laneId: w.lane, text: 'mine now', author: w.ana.author }))).toBe(CLOSE.notPermitted);
    await anaStillWrites(w, 'still here');
    const after = await served(w);
    expect({ ...after, notes: after.notes.filter((n) => n.text !== 'still here') }).toEqual(before);
    // Her own note she may delete.
    const ana = connectClient(w.s.wsUrl, w.board.id, w.ana.params);
    await synced(ana);
    const own = readBoard(ana.doc).notes.find((n) => n.text === 'still here')!.id;
    deleteNote(ana.doc, own);
    await waitFor(() => !readBoard(w.watcher.doc).notes.some((n) => n.id === own), 'own note deleted');
    expect(ana.closes).toEqual([]);
  });

  it('with the switches on, the same changes are applied; the facilitator may always', async () => {
    const w = await workshop();
    const session = connectClient(w.s.wsUrl, `${w.board.id}/session`, { token: w.board.tokens.facilitator });
    await synced(session);
    setPermissions(session.doc, { structure: true, deleteAnyNote: true });
    const reader = connectClient(w.s.wsUrl, `${w.board.id}/session`, { token: w.board.tokens.projector });
    await synced(reader);
    await waitFor(() => (reader.doc.getMap('state').get('permissions') as { structure?: boolean } | undefined)?.structure === true, 'switch stored');
    const ana = connectClient(w.s.wsUrl, w.board.id, w.ana.params);
    await synced(ana);
    setTitle(ana.doc, 'Renamed by Ana');
    updatePersona(ana.doc, { name: 'Maria' });
    const stage = addStage(ana.doc, 'After-sales');
    renameStage(ana.doc, stage, 'Aftercare');
    const lane = addLane(ana.doc, 'Emails');
    removeLane(ana.doc, lane);
    deleteNote(ana.doc, w.bobsNote);
    await waitFor(() => {
      const b = readBoard(w.watcher.doc);
      return b.meta.title === 'Renamed by Ana' && b.persona.name === 'Maria' && b.stages.some((s) => s.title === 'Aftercare') && !b.notes.some((n) => n.id === w.bobsNote);
    }, 'changes applied');
    expect(ana.closes).toEqual([]);
    // Switches off again: refused again.
    setPermissions(session.doc, { structure: false, deleteAnyNote: false });
    await waitFor(() => (reader.doc.getMap('state').get('permissions') as { structure?: boolean } | undefined)?.structure === false, 'switch off stored');
    removeStage(ana.doc, stage);
    await waitFor(() => ana.closes[0]?.code === CLOSE.notPermitted, 'refused once closed');
    expect(readBoard(w.watcher.doc).stages.some((s) => s.id === stage)).toBe(true);
  });

  it('a change of the switches holds from the very next update, however often it changes (the server keeps what it read)', async () => {
    const w = await workshop();
    const session = connectClient(w.s.wsUrl, `${w.board.id}/session`, { token: w.board.tokens.facilitator });
    const reader = connectClient(w.s.wsUrl, `${w.board.id}/session`, { token: w.board.tokens.projector });
    await Promise.all([synced(session), synced(reader)]);
    const switchTo = async (structure: boolean): Promise<void> => {
      setPermissions(session.doc, { structure, deleteAnyNote: false });
      // The projector's copy comes from the server: once it shows the switch, the server has applied it.
      await waitFor(() => (reader.doc.getMap('state').get('permissions') as { structure?: boolean } | undefined)?.structure === structure, `switch ${structure}`);
    };
    const title = (): unknown => boardRoots(w.watcher.doc).meta.get(META.title);
    await switchTo(true);
    const ana = connectClient(w.s.wsUrl, w.board.id, w.ana.params);
    await synced(ana);
    // Several structure changes under the same switches: the server reads them once and keeps them.
    for (const name of ['one', 'two', 'three']) {
      setTitle(ana.doc, name);
      await waitFor(() => title() === name, `title ${name}`);
    }
    await switchTo(false);
    setTitle(ana.doc, 'after the switch went off');
    await waitFor(() => ana.closes[0]?.code, 'refused right after the switch went off');
    expect(ana.closes[0]?.code).toBe(CLOSE.notPermitted);
    expect(title()).toBe('three');
    // On again (the same values as the first time, a new entry in the session doc): accepted again at once.
    await switchTo(true);
    const again = connectClient(w.s.wsUrl, w.board.id, w.ana.params);
    await synced(again);
    setTitle(again.doc, 'four');
    await waitFor(() => title() === 'four', 'title four');
    expect(again.closes).toEqual([]);
  });

  it('the facilitator deletes a stage with everyone’s notes and undoes it: the notes come back with their authors', async () => {
    const w = await workshop();
    const undo = new Y.UndoManager([boardRoots(w.facClient.doc).stages, boardRoots(w.facClient.doc).notes], { captureTimeout: 0 });
    await waitFor(() => readBoard(w.facClient.doc).notes.some((n) => n.id === w.bobsNote), 'facilitator has Bob’s note');
    removeStage(w.facClient.doc, w.stage);
    await waitFor(() => !readBoard(w.watcher.doc).notes.some((n) => n.id === w.bobsNote), 'deleted');
    undo.undo();
    await waitFor(() => readBoard(w.watcher.doc).notes.some((n) => n.id === w.bobsNote), 'restored');
    expect(readBoard(w.watcher.doc).notes.find((n) => n.id === w.bobsNote)).toMatchObject({ authorId: w.bob.author.id, authorName: 'Bob' });
    expect(w.facClient.closes).toEqual([]);
    undo.destroy();
  });
});
