/**
 * Issue 4 end to end: a board built through real y-websocket clients, metrics imported over HTTP, then
 * every export format downloaded over HTTP and checked for the same content.
 */
import { describe, expect, it } from 'vitest';
import { readLanes, readStages } from '../../shared/board/read.js';
import { addNote, linkCause, setMomentOfTruth, setOwnerDepartment } from '../../shared/board/write.js';
import { setBallotDots, voteKey } from '../../shared/session/ballot.js';
import { readVote } from '../../shared/session/read.js';
import type { Summary } from '../../shared/board/summary.js';
import { openVote } from '../../shared/session/write.js';
import { createBoard, joinMember } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { startServer } from '../helpers/server.js';
import { pdfToText } from '../export/helpers.js';

const FORMATS = {
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
  pdf: 'application/pdf',
  svg: 'image/svg+xml',
  png: 'image/png',
} as const;

async function get(url: string, token: string): Promise<Response> {
  return fetch(url, { headers: { authorization: `Bearer ${token}` } });
}

describe('exports over HTTP', () => {
  it('builds a board with real clients, imports metrics, and downloads every format', async () => {
    const s = await startServer();
    const board = await createBoard(s.url, 'Home insurance claims');
    const ana = await joinMember(s.url, board.id, board.tokens.participant, { name: 'Ana', role: 'customer', department: '' });
    const bo = await joinMember(s.url, board.id, board.tokens.participant, { name: 'Bo', role: 'stakeholder', department: 'Billing' });
    const a = connectClient(s.wsUrl, board.id, { token: board.tokens.participant, member: ana.memberKey });
    const b = connectClient(s.wsUrl, board.id, { token: board.tokens.participant, member: bo.memberKey });
    const session = connectClient(s.wsUrl, `${board.id}/session`, { token: board.tokens.facilitator });
    await Promise.all([synced(a), synced(b), synced(session)]);

    const stages = readStages(a.doc);
    const lanes = readLanes(a.doc);
    const lane = (kind: string): string => lanes.find((l) => l.kind === kind)!.id;
    const getHelp = stages.find((st) => st.title === 'Get help')!.id;
    const pay = stages.find((st) => st.title === 'Pay')!.id;
    const anaAuthor = { id: ana.memberId, name: 'Ana', role: 'customer' as const, department: '' };
    const boAuthor = { id: bo.memberId, name: 'Bo', role: 'stakeholder' as const, department: 'Billing' };
    const pain = addNote(a.doc, { stageId: getHelp, laneId: lane('pains'), text: 'Nobody could explain my invoice <script>alert(1)</script>', author: anaAuthor });
    const cause = addNote(b.doc, { stageId: pay, laneId: lane('touchpoints'), text: '=HYPERLINK("http://evil")', author: boAuthor });
    addNote(a.doc, { stageId: getHelp, laneId: lane('feeling'), text: 'Angry', author: anaAuthor, emotion: -2 });
    const other = addNote(b.doc, { stageId: pay, laneId: lane('pains'), text: 'Invoice layout is confusing', author: boAuthor });
    await waitFor(() => b.doc.getMap('notes').has(pain) && a.doc.getMap('notes').has(cause), 'both clients see both notes');
    linkCause(a.doc, pain, cause);
    setOwnerDepartment(a.doc, pain, 'Support');
    setMomentOfTruth(a.doc, pain, true);
    openVote(session.doc, { laneIds: [lane('pains'), lane('opportunities')], dotsPerPerson: 3, hideCounts: false }, Date.now());
    // Ana writes 9 dots on the first pain in her ballot by hand: the server counts at most 3 of them.
    const key = voteKey(readVote(session.doc));
    const anaBallot = connectClient(s.wsUrl, `${board.id}/private/${ana.memberId}`, { token: board.tokens.participant, member: ana.memberKey });
    const boBallot = connectClient(s.wsUrl, `${board.id}/private/${bo.memberId}`, { token: board.tokens.participant, member: bo.memberKey });
    await Promise.all([synced(anaBallot), synced(boBallot)]);
    setBallotDots(anaBallot.doc, key, pain, 9);
    setBallotDots(boBallot.doc, key, other, 2);

    // Metrics: a bad file is refused line by line and stores nothing; a good one lands on the stage.
    const post = (body: string, type = 'text/csv'): Promise<Response> =>
      fetch(`${s.url}/api/boards/${board.id}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': type }, body });
    const good = await post('stage,metric,value,unit\nGet help,Contact volume,"1,240",calls/month\nPay,CSAT,71%\n');
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ rows: 2, stages: 2 });
    const bad = await post('stage,metric,value\nGet help,Contact volume,999\nNowhere,X,1\nPay,CSAT,lots\n');
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as { error: { code: string; message: string; details: { errors: { line: number }[] } } };
    expect(badBody.error.code).toBe('invalid_body');
    expect(badBody.error.details.errors.map((e) => e.line)).toEqual([3, 4]);
    expect((await post('x', 'text/plain')).status).toBe(415);
    const asParticipant = await fetch(`${s.url}/api/boards/${board.id}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${board.tokens.participant}`, 'content-type': 'text/csv' }, body: 'Pay,CSAT,1' });
    expect(asParticipant.status).toBe(403);
    await waitFor(() => session.doc.getMap('metrics').has(getHelp), 'metrics reach the session doc');

    // Wait until the server has everything the clients wrote.
    const base = `${s.url}/api/boards/${board.id}`;
    const summary = await waitFor(async () => {
      const res = await get(`${base}/export.json`, board.tokens.participant);
      const body = (await res.json()) as { format: string; summary: Summary };
      const p = body.summary.pains.find((x) => x.note.id === pain);
      return p && p.causes.length === 1 && body.summary.pains.length === 2 && p.note.votes > 0 ? body.summary : undefined;
    }, 'export sees every edit');
    const top = summary.pains[0]!;
    expect(top.note.id).toBe(pain);
    expect(top.note.votes).toBe(3); // capped at the vote's dots per person
    expect(top.ownerDepartment).toBe('Support');
    expect(top.causes[0]).toMatchObject({ noteId: cause, text: '=HYPERLINK("http://evil")', stageTitle: 'Pay', depth: 1 });
    expect(summary.stages.find((st) => st.id === getHelp)!.metrics).toEqual([{ metric: 'Contact volume', value: 1240, unit: 'calls/month' }]);
    expect(summary.attendance.entries.map((e) => e.name).sort()).toEqual(['Ana', 'Bo']);
    expect(summary.voices).toBeDefined();

    const date = new Date().toISOString().slice(0, 10);
    for (const [format, type] of Object.entries(FORMATS)) {
      const res = await get(`${base}/export.${format}`, board.tokens.participant);
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type'), format).toContain(type);
      expect(res.headers.get('content-disposition'), format).toContain(`home-insurance-claims-${date}.${format}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length, format).toBeGreaterThan(100);
      if (format === 'md') expect(body.toString()).toContain('Nobody could explain my invoice');
      if (format === 'csv') {
        expect(body.toString()).toContain(`"'=HYPERLINK(""http://evil"")"`);
        expect(body.toString()).not.toMatch(/(^|,)"?=HYPERLINK/m);
      }
      if (format === 'html') {
        expect(body.toString()).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(body.toString()).not.toContain('<script>alert(1)');
        expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      }
      if (format === 'pdf') {
        const text = await pdfToText(body);
        expect(text).toContain('Nobody could explain my invoice');
        expect(text).toContain('Contact volume');
      }
      if (format === 'png') expect(body.subarray(1, 4).toString()).toBe('PNG');
    }

    // The projector link may not export; a bad format is a JSON 404; no token is 401.
    expect((await get(`${base}/export.md`, board.tokens.projector)).status).toBe(403);
    const unknown = await get(`${base}/export.docx`, board.tokens.participant);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await fetch(`${base}/export.md`)).status).toBe(401);
    // ?token= works for plain links too.
    expect((await fetch(`${base}/export.md?token=${board.tokens.facilitator}`)).status).toBe(200);

    // A checkpoint exports as it was, even after the board changed.
    const cp = await fetch(`${base}/checkpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'End of session 1' }),
    });
    expect(cp.status).toBe(201);
    const { id: checkpointId } = (await cp.json()) as { id: string };
    addNote(a.doc, { stageId: pay, laneId: lane('pains'), text: 'Added after the checkpoint', author: anaAuthor });
    await waitFor(async () => (await (await get(`${base}/export.md`, board.tokens.participant)).text()).includes('Added after the checkpoint'), 'live export has the new note');
    const old = await get(`${base}/export.md?checkpoint=${checkpointId}`, board.tokens.participant);
    expect(old.status).toBe(200);
    const oldText = await old.text();
    expect(oldText).toContain('Nobody could explain my invoice');
    expect(oldText).not.toContain('Added after the checkpoint');
    expect(old.headers.get('content-disposition')).toContain('end-of-session-1');
    expect((await get(`${base}/export.md?checkpoint=nope!`, board.tokens.participant)).status).toBe(404);
  });
});
