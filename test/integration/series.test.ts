/**
 * Issue 13 end to end, through HTTP and real y-websocket clients on a real SQLite file: a workshop with
 * action items, the actions CSV, a follow-up session with new links, changes in the second workshop, the
 * comparison in every format, the follow-up's summary, the old board untouched, and an old (schema v1) board.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CheckpointInfo } from '../../shared/session/schema.js';
import { addAction, updateAction } from '../../shared/board/action-write.js';
import { readActions } from '../../shared/board/actions.js';
import type { Comparison } from '../../shared/board/compare.js';
import { boardRoots } from '../../shared/board/doc.js';
import { readLanes, readStages } from '../../shared/board/read.js';
import { readBoard, type BoardSnapshot } from '../../shared/board/snapshot.js';
import { addNote, deleteNote } from '../../shared/board/write.js';
import { CLOSE } from '../../shared/protocol.js';
import type { FollowUpResponse, SeriesInfoResponse } from '../../shared/series/api.js';
import { setLocked } from '../../shared/session/write.js';
import { createBoard, joinMember, type TestBoard } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { startServer, tempDir } from '../helpers/server.js';
import { storeSchemaV1Board } from '../helpers/old-board.js';
import { pdfToText } from '../export/helpers.js';

function get(url: string, token?: string): Promise<Response> {
  return fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

function post(url: string, token: string | undefined, body: unknown, contentType = 'application/json'): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function snapshotOf(baseUrl: string, boardId: string, token: string): Promise<BoardSnapshot> {
  const res = await get(`${baseUrl}/api/boards/${boardId}/export.json`, token);
  expect(res.status).toBe(200);
  return ((await res.json()) as { snapshot: BoardSnapshot }).snapshot;
}

function tokenOf(link: string): string {
  return new URL(link).hash.replace(/^#token=/, '');
}

describe('journey series over HTTP and WebSockets', () => {
  it('runs two sessions: actions, follow-up, changes, comparison, exports; the first board stays as it was', async () => {
    const dataDir = await tempDir();
    let s = await startServer({}, dataDir);
    const first: TestBoard = await createBoard(s.url, 'Invoicing journey');
    const maja = await joinMember(s.url, first.id, first.tokens.participant, { name: 'Maja', role: 'customer', department: '' });
    const client = connectClient(s.wsUrl, first.id, { token: first.tokens.participant, member: maja.memberKey });
    const watcher = connectClient(s.wsUrl, first.id, { token: first.tokens.facilitator });
    await Promise.all([synced(client), synced(watcher)]);
    const stages = readStages(client.doc);
    const lanes = readLanes(client.doc);
    const lane = (kind: string): string => lanes.find((l) => l.kind === kind)!.id;
    const author = { id: maja.memberId, name: 'Maja', role: 'customer' as const, department: '' };
    const vatPain = addNote(client.doc, { stageId: stages[1]!.id, laneId: lane('pains'), text: 'VAT hidden until checkout', author });
    const chargePain = addNote(client.doc, { stageId: stages[5]!.id, laneId: lane('pains'), text: 'Invoice shows a double charge', author });
    addNote(client.doc, { stageId: stages[5]!.id, laneId: lane('feeling'), text: 'Confused', author, emotion: -2 });
    // A participant writes actions like notes: over the same socket, under the same rules.
    addAction(client.doc, { id: 'act-vat', title: 'Show VAT on the pricing page', department: 'Marketing', owner: 'Lena', dueDate: '2027-01-15', sources: [vatPain] });
    addAction(client.doc, { id: 'act-charge', title: '=Explain plan changes on the invoice', department: 'Billing', status: 'in_progress', sources: [chargePain] });
    addAction(client.doc, { id: 'act-done', title: 'Fix the typo in the invoice footer', department: 'Billing', status: 'done' });
    await waitFor(() => readActions(watcher.doc).length === 3, 'the facilitator sees the three actions');

    // Actions CSV: tracker columns, source notes in the description, a token-free link back, formula-safe.
    const csvRes = await get(`${s.url}/api/boards/${first.id}/export.actions.csv`, first.tokens.participant);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvRes.headers.get('content-disposition')).toMatch(/invoicing-journey-actions-\d{4}-\d{2}-\d{2}\.csv/);
    const rows = parse<Record<string, string>>((await csvRes.text()).replace(/^\uFEFF/, ''), { columns: true });
    expect(rows.map((r) => [r.Title, r.Department, r.Status])).toEqual([
      ["'=Explain plan changes on the invoice", 'Billing', 'In progress'],
      ['Fix the typo in the invoice footer', 'Billing', 'Done'],
      ['Show VAT on the pricing page', 'Marketing', 'Open'],
    ]);
    expect(rows[2]!.Description).toContain('from “VAT hidden until checkout” (Pain points, Buy)');
    expect(rows[2]!.Link).toBe(`${s.url}/b/${first.id}`);
    expect((await get(`${s.url}/api/boards/${first.id}/export.actions.csv`, first.tokens.projector)).status).toBe(403);
    expect((await get(`${s.url}/api/boards/${first.id}/export.actions.csv`)).status).toBe(401);

    const md1 = await (await get(`${s.url}/api/boards/${first.id}/export.md`, first.tokens.participant)).text();
    expect(md1).toContain('## Actions by department');
    expect(md1).not.toContain('Since the last session');
    const before = await snapshotOf(s.url, first.id, first.tokens.facilitator);

    // Bad follow-up requests: clear errors, nothing created.
    const followUpUrl = `${s.url}/api/boards/${first.id}/follow-up`;
    expect((await post(followUpUrl, undefined, {})).status).toBe(401);
    expect((await post(followUpUrl, first.tokens.participant, {})).status).toBe(403);
    expect((await post(followUpUrl, first.tokens.facilitator, 'notes=all', 'text/plain')).status).toBe(415);
    const badNotes = await post(followUpUrl, first.tokens.facilitator, { notes: 'some' });
    expect(badNotes.status).toBe(400);
    expect(((await badNotes.json()) as { error: { code: string } }).error.code).toBe('invalid_body');
    expect((await post(followUpUrl, first.tokens.facilitator, { notes: 'all', colour: 'red' })).status).toBe(400);
    expect((await post(followUpUrl, first.tokens.facilitator, { title: '   ' })).status).toBe(400);
    expect(((await (await get(`${s.url}/api/boards/${first.id}/series`, first.tokens.projector)).json()) as SeriesInfoResponse).next).toBeNull();

    const created = await post(followUpUrl, first.tokens.facilitator, { notes: 'pains' });
    expect(created.status).toBe(201);
    const followUp = (await created.json()) as FollowUpResponse;
    expect(followUp.carried).toEqual({ notes: 2, actions: 2 });
    expect(followUp.series).toMatchObject({ seriesId: first.id, position: 2, previous: { id: first.id, title: 'Invoicing journey' }, next: null });
    const second = { id: followUp.id, tokens: { facilitator: tokenOf(followUp.links.facilitator), participant: tokenOf(followUp.links.participant) } };
    // New links: the first board's tokens open nothing on the second board.
    expect(second.tokens.facilitator).not.toBe(first.tokens.facilitator);
    expect((await get(`${s.url}/api/boards/${second.id}`, first.tokens.facilitator)).status).toBe(401);
    const again = await post(followUpUrl, first.tokens.facilitator, { notes: 'none' });
    expect(again.status).toBe(409);

    // The series links survive a restart (they are stored with the boards).
    await s.close();
    s = await startServer({}, dataDir);
    const firstSeries = (await (await get(`${s.url}/api/boards/${first.id}/series`, first.tokens.participant)).json()) as SeriesInfoResponse;
    expect(firstSeries).toMatchObject({ seriesId: first.id, position: 1, previous: null, next: { id: second.id } });

    // The second workshop: the VAT action is done, the charge one dropped, a new pain replaces the VAT one.
    // The facilitator joins as Jo: notes are created under a member only (authorship is the server's word).
    const jo = await joinMember(s.url, second.id, second.tokens.facilitator, { name: 'Jo', department: '' });
    const fac2 = connectClient(s.wsUrl, second.id, { token: second.tokens.facilitator, member: jo.memberKey });
    await synced(fac2);
    expect(readActions(fac2.doc).map((a) => [a.id, a.status, a.carriedFrom]).sort()).toEqual([
      ['act-charge', 'in_progress', first.id],
      ['act-vat', 'open', first.id],
    ]);
    const facAuthor = { id: jo.memberId, name: 'Jo', role: 'facilitator' as const, department: '' };
    updateAction(fac2.doc, 'act-vat', { status: 'done' });
    updateAction(fac2.doc, 'act-charge', { status: 'dropped' });
    deleteNote(fac2.doc, vatPain);
    addNote(fac2.doc, { stageId: stages[5]!.id, laneId: lane('feeling'), text: 'Calmer', author: facAuthor, emotion: 1 });
    addNote(fac2.doc, { stageId: stages[3]!.id, laneId: lane('pains'), text: 'Reminder emails land in spam', author: facAuthor });
    addNote(fac2.doc, { stageId: stages[5]!.id, laneId: lane('pains'), text: 'The invoice still shows a double charge sometimes', author: facAuthor });
    const compareUrl = (format: string, query = ''): string => `${s.url}/api/boards/${second.id}/compare.${format}${query}`;
    const comparison = await waitFor(async () => {
      const res = await get(compareUrl('json'), second.tokens.participant);
      const body = (await res.json()) as { comparison: Comparison };
      return body.comparison.pains.new.length === 2 ? body.comparison : undefined;
    }, 'the comparison sees the second workshop');
    expect(comparison.then).toMatchObject({ label: 'Session 1', boardId: first.id });
    expect(comparison.now).toMatchObject({ label: 'Session 2', boardId: second.id });
    expect(comparison.pains.gone.map((p) => p.text)).toEqual(['VAT hidden until checkout']);
    expect(comparison.pains.still).toMatchObject([{ now: { text: 'Invoice shows a double charge' }, method: 'lineage' }]);
    expect(comparison.pains.new.map((p) => p.text).sort()).toEqual(['Reminder emails land in spam', 'The invoice still shows a double charge sometimes']);
    expect(comparison.actions.done.map((a) => a.id)).toEqual(['act-vat']);
    expect(comparison.actions.dropped.map((a) => a.id)).toEqual(['act-charge']);
    expect(comparison.stages.find((st) => st.stageId === stages[5]!.id)).toMatchObject({ emotionThen: -2, emotionNow: 1 });

    // Every comparison format, with its type; the PDF as text.
    const md = await get(compareUrl('md'), second.tokens.facilitator);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await md.text()).toContain('### Gone (1)');
    const html = await get(compareUrl('html', '?inline=1'), second.tokens.facilitator);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.headers.get('content-disposition')).toMatch(/^inline/);
    expect(await html.text()).toContain('aria-label="Emotion curve then and now"');
    const pdf = await get(compareUrl('pdf'), second.tokens.facilitator);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await pdfToText(Buffer.from(await pdf.arrayBuffer()))).toContain('Actions since then');
    // From the first board, the later one is "now" again.
    const fromFirst = (await (await get(`${s.url}/api/boards/${first.id}/compare.json?with=${second.id}`, first.tokens.participant)).json()) as { comparison: Comparison };
    expect(fromFirst.comparison.now.boardId).toBe(second.id);

    // Bad comparison requests.
    const other = await createBoard(s.url, 'Another journey');
    expect((await get(compareUrl('json', `?with=${other.id}`), second.tokens.facilitator)).status).toBe(404);
    expect((await get(compareUrl('json', '?with=../../etc'), second.tokens.facilitator)).status).toBe(404);
    expect((await get(compareUrl('txt'), second.tokens.facilitator)).status).toBe(404);
    expect((await get(compareUrl('json', '?checkpoint=nope!'), second.tokens.facilitator)).status).toBe(404);
    expect((await get(compareUrl('json', `?checkpoint=x&with=${first.id}`), second.tokens.facilitator)).status).toBe(400);
    expect((await get(`${s.url}/api/boards/${first.id}/compare.json`, first.tokens.facilitator)).status).toBe(404);
    expect((await get(compareUrl('json'), first.tokens.facilitator)).status).toBe(401);

    // A board and one of its checkpoints.
    const cp = await post(`${s.url}/api/boards/${second.id}/checkpoints`, second.tokens.facilitator, { name: 'After the review' });
    expect(cp.status).toBe(201);
    const checkpoint = (await cp.json()) as CheckpointInfo;
    updateAction(fac2.doc, 'act-vat', { status: 'open' });
    const vsCheckpoint = await waitFor(async () => {
      const body = (await (await get(compareUrl('json', `?checkpoint=${checkpoint.id}`), second.tokens.facilitator)).json()) as { comparison: Comparison };
      return body.comparison.actions.open.some((a) => a.id === 'act-vat') ? body.comparison : undefined;
    }, 'the comparison with the checkpoint sees the reopened action');
    expect(vsCheckpoint.then.label).toBe('Checkpoint “After the review”');
    expect(vsCheckpoint.actions.open.find((a) => a.id === 'act-vat')).toMatchObject({ statusThen: 'done', statusNow: 'open' });
    updateAction(fac2.doc, 'act-vat', { status: 'done' });

    // The follow-up's summary opens with what happened since the first session.
    const md2 = await waitFor(async () => {
      const text = await (await get(`${s.url}/api/boards/${second.id}/export.md`, second.tokens.participant)).text();
      return text.includes('Actions: 1 done') ? text : undefined;
    }, 'the summary of session 2');
    expect(md2.indexOf('## Since the last session')).toBeLessThan(md2.indexOf('## At a glance'));
    expect(md2).toContain('Pain points: 2 new, 1 gone, 1 still there.');

    // The first board is exactly as it was.
    const after = await snapshotOf(s.url, first.id, first.tokens.facilitator);
    expect(after).toEqual(before);
  }, 60_000);

  it("participants' action writes follow the rules of notes: refused while locked, the projector's never stored", async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const session = connectClient(s.wsUrl, `${board.id}/session`, { token: board.tokens.facilitator });
    const fac = connectClient(s.wsUrl, board.id, { token: board.tokens.facilitator });
    const part = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    const projector = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
    await Promise.all([synced(session), synced(fac), synced(part), synced(projector)]);

    addAction(projector.doc, { id: 'from-projector', title: 'Projector action' });
    setLocked(session.doc, true);
    const reader = connectClient(s.wsUrl, `${board.id}/session`, { token: board.tokens.projector });
    await synced(reader);
    await waitFor(() => reader.doc.getMap('state').get('locked') === true, 'lock stored on the server');
    addAction(part.doc, { id: 'while-locked', title: 'Sneaky action' });
    await waitFor(() => part.closes.some((c) => c.code === CLOSE.tryAgainLater), 'participant refused with 1013');
    addAction(fac.doc, { id: 'by-facilitator', title: 'Facilitator action' });

    const watcher = connectClient(s.wsUrl, board.id, { token: board.tokens.facilitator });
    await synced(watcher);
    await waitFor(() => readActions(watcher.doc).some((a) => a.id === 'by-facilitator'), 'facilitator action applied');
    expect(readActions(watcher.doc).map((a) => a.id)).toEqual(['by-facilitator']);

    setLocked(session.doc, false);
    await waitFor(() => readActions(watcher.doc).some((a) => a.id === 'while-locked'), 'participant action applied after unlock', 15_000);
    expect(readActions(watcher.doc).map((a) => a.id)).not.toContain('from-projector');
  }, 30_000);

  it('a board stored under schema v1 loads, is migrated once, and can start a follow-up', async () => {
    const dataDir = await tempDir();
    // Write the board as the previous release did (schema version 1, no actions root), straight into the file.
    const { doc, token } = await storeSchemaV1Board(dataDir, 'old-board-1');
    let s = await startServer({}, dataDir);
    const v1 = readBoard(doc);
    const client = connectClient(s.wsUrl, 'old-board-1', { token });
    await synced(client);
    await waitFor(() => boardRoots(client.doc).meta.get('schemaVersion') === 2, 'the migrated version reaches the client');
    expect({ ...readBoard(client.doc), meta: v1.meta, schemaVersion: 2 }).toEqual({ ...v1, schemaVersion: 2 });
    client.destroy();
    await s.close();
    s = await startServer({}, dataDir);
    const snapshot = await snapshotOf(s.url, 'old-board-1', token);
    expect(snapshot.meta.schemaVersion).toBe(2);
    expect(snapshot.actions).toEqual([]);
    const res = await post(`${s.url}/api/boards/old-board-1/follow-up`, token, { notes: 'all', title: 'Old journey, again' });
    expect(res.status).toBe(201);
    expect(((await res.json()) as FollowUpResponse).series).toMatchObject({ seriesId: 'old-board-1', position: 2 });
  }, 30_000);
});
