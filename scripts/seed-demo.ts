/**
 * Seeds a realistic demo workshop on a running server, through the public API and a real y-websocket
 * client, and prints its three links. For trying Journeyroom out and for screenshots.
 *
 *   npm run seed                           # against http://localhost:3000
 *   npm run seed -- http://host:port
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { CreateBoardResponse, JoinResponse } from '../shared/api.js';
import { readLanes, readNotes, readStages } from '../shared/board/read.js';
import type { Author, LaneKind } from '../shared/board/schema.js';
import { addNote, linkCause, setMomentOfTruth, setOwnerDepartment } from '../shared/board/write.js';
import { setBallotDots, voteKey } from '../shared/session/ballot.js';
import { readVote } from '../shared/session/read.js';
import { closeVote, openVote } from '../shared/session/write.js';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(base + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const tokenOf = (link: string): string => new URL(link).hash.replace(/^#token=/, '');

/** [stage, lane kind, text, author index, emotion?] */
type Row = [string, LaneKind, string, number, number?];
const PEOPLE: Omit<Author, 'id'>[] = [
  { name: 'Maja', role: 'customer', department: '' },
  { name: 'Tom', role: 'customer', department: '' },
  { name: 'Lena', role: 'stakeholder', department: 'Support' },
  { name: 'Ravi', role: 'stakeholder', department: 'Billing' },
  { name: 'Chloé', role: 'stakeholder', department: 'Marketing' },
];
const ROWS: Row[] = [
  ['Discover', 'doing', 'Compares three invoicing tools on a review site', 0],
  ['Discover', 'thinking', 'Will this save me time at month end?', 0],
  ['Discover', 'feeling', 'Curious but sceptical', 1, 0],
  ['Discover', 'touchpoints', 'Review site, landing page', 4],
  ['Buy', 'doing', 'Picks the yearly plan', 1],
  ['Buy', 'feeling', 'Annoyed: VAT appears only at checkout', 0, -1],
  ['Buy', 'pains', 'Pricing page hides VAT until checkout', 0],
  ['Buy', 'touchpoints', 'Pricing page, checkout', 4],
  ['Onboard', 'doing', 'Imports clients from a spreadsheet', 0],
  ['Onboard', 'feeling', 'Relieved the import mostly worked', 1, 1],
  ['Onboard', 'pains', 'CSV import rejects accented names like "Zoë"', 1],
  ['Use', 'doing', 'Sends the first invoice', 0],
  ['Use', 'feeling', 'Proud: looks professional', 0, 2],
  ['Use', 'thinking', 'Why is the due date 14 days? I set 30.', 1],
  ['Get help', 'doing', 'Calls support about the due date', 1],
  ['Get help', 'feeling', 'Frustrated after 40 minutes on hold', 1, -2],
  ['Get help', 'pains', 'Waited 40 minutes on the phone for a billing question', 1],
  ['Get help', 'touchpoints', 'Phone line, help centre', 2],
  ['Get help', 'opportunities', 'Show the invoice settings right in the help widget', 2],
  ['Pay', 'doing', 'Client pays by bank transfer', 0],
  ['Pay', 'feeling', 'Unsure whether the payment was matched', 0, -1],
  ['Pay', 'pains', 'Payment status updates only once a day', 3],
  ['Pay', 'opportunities', 'Instant payment matching with open banking', 3],
];

/** A stock y-websocket client on a board's room (`<id>`, `<id>/session`, `<id>/private/<member>`), synced. */
async function connect(boardId: string, params: Record<string, string>): Promise<{ doc: Y.Doc; close: () => void }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws') + '/ws', boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return {
    doc,
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `done` (the seed runs against a live server; at most 10 s). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!done()) throw new Error('the server did not confirm the notes in time');
}

async function main(): Promise<void> {
  const created = await post<CreateBoardResponse>('/api/boards', {
    title: 'Invoicing journey — demo workshop',
    persona: {
      name: 'Maja Kovač',
      description: 'Runs a one-person design studio; sends ten invoices a month.',
      goals: 'Get paid on time\nSpend less than an hour a month on admin',
      quote: 'I just want the invoice to be right the first time.',
    },
  });
  const facilitator = tokenOf(created.links.facilitator);
  const members = await Promise.all(
    PEOPLE.map((p) =>
      post<JoinResponse>(`/api/boards/${created.id}/members`, { name: p.name, role: p.role, department: p.department }, tokenOf(created.links.participant)),
    ),
  );
  // Each person writes their own notes over their own connection: the server stamps authorship from the member.
  const facilitatorSide = await connect(created.id, { token: facilitator });
  const doc = facilitatorSide.doc;
  const writers = await Promise.all(members.map((m) => connect(created.id, { token: tokenOf(created.links.participant), member: m.memberKey })));
  const stageId = new Map(readStages(doc).map((s) => [s.title, s.id]));
  const laneId = new Map(readLanes(doc).map((l) => [l.kind, l.id]));
  const ids = new Map<string, string>();
  for (const [stage, kind, text, who, emotion] of ROWS) {
    const person = PEOPLE[who]!;
    const id = addNote(writers[who]!.doc, {
      stageId: stageId.get(stage)!,
      laneId: laneId.get(kind)!,
      text,
      emotion: emotion ?? null,
      author: { ...person, id: members[who]!.memberId },
    });
    ids.set(text, id);
  }
  await until(() => readNotes(doc).length >= ROWS.length);
  for (const writer of writers) writer.close();
  const note = (prefix: string): string => [...ids.entries()].find(([t]) => t.startsWith(prefix))![1];
  const hold = note('Waited 40 minutes');
  linkCause(doc, hold, note('Why is the due date'));
  setOwnerDepartment(doc, hold, 'Support');
  setOwnerDepartment(doc, note('Pricing page hides'), 'Marketing');
  setOwnerDepartment(doc, note('CSV import rejects'), 'Product');
  setOwnerDepartment(doc, note('Payment status'), 'Billing');
  setMomentOfTruth(doc, hold, true);
  setMomentOfTruth(doc, note('Sends the first invoice'), true);
  // A dot vote as in a workshop: the facilitator opens it, each person fills their own ballot, the server counts
  // the ballots and publishes the result into the board when the vote closes.
  const session = await connect(`${created.id}/session`, { token: facilitator });
  openVote(session.doc, { dotsPerPerson: 3 }, Date.now());
  const key = voteKey(readVote(session.doc));
  const ballots: [number, string, number][] = [
    [0, hold, 2],
    [1, hold, 2],
    [2, note('Pricing page hides'), 3],
    [3, note('Instant payment'), 2],
  ];
  for (const [who, noteId, dots] of ballots) {
    const ballot = await connect(`${created.id}/private/${members[who]!.memberId}`, { token: tokenOf(created.links.participant), member: members[who]!.memberKey });
    setBallotDots(ballot.doc, key, noteId, dots);
    await new Promise((r) => setTimeout(r, 300));
    ballot.close();
  }
  closeVote(session.doc, Date.now());
  await until(() => readNotes(doc).some((n) => Object.keys(n.votes).length > 0));
  session.close();
  // Let the server commit (≤ 250 ms) before we disconnect.
  await new Promise((r) => setTimeout(r, 1000));
  facilitatorSide.close();
  const metrics = await fetch(`${base}/api/boards/${created.id}/metrics`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${facilitator}` },
    body: 'stage,metric,value,unit\nGet help,Contact volume,"1,240",calls/month\nGet help,CSAT,62%\nPay,Late payments,18%\n',
  });
  if (!metrics.ok) throw new Error(`metrics: ${metrics.status} ${await metrics.text()}`);
  console.log(JSON.stringify({ id: created.id, links: created.links }, null, 2));
}

main().catch((error: unknown) => {
  console.error(`seeding failed: ${(error as Error).message}`);
  process.exit(1);
});
