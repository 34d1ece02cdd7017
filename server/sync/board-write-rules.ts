/**
 * What a connection may change in the board doc (docs/protocol.md "Write rules"), decided on the changes an
 * update would make (update-changes.ts) before anything is applied:
 * - authorship is the server's word: a note is created only with the author fields of the connection's member,
 *   and nobody changes the author fields of an existing note;
 * - the structure (meta, persona, stages, lanes) is the facilitator's unless the session's switch opens it;
 * - deleting (or replacing) a note written by someone else is the facilitator's unless the switch opens it;
 * - dots are the server's to write (the tally of the members' ballots): no client writes a note's `votes`, nor
 *   the board's record of which vote's close was counted (`meta.talliedVote`).
 * A connection without a member (a bare link) may edit but not create notes: it has no identity to stamp.
 */
import * as Y from 'yjs';
import { META, NOTE, ROOT } from '../../shared/board/schema.js';
import { CLOSE, type Role } from '../../shared/protocol.js';
import { refuse as refuseWith, type Refusal } from '../app-error.js';
import type { Permissions } from '../../shared/session/schema.js';
import { readUpdateChanges, type DecodedUpdate, type ItemPath, type UpdateChanges } from './update-changes.js';

/** The author fields of a note: stamped from the member record, never changed afterwards. */
export const AUTHOR_FIELDS = [NOTE.authorId, NOTE.authorName, NOTE.authorRole, NOTE.department, NOTE.createdAt] as const;

/** Roots that make up the board's structure. */
const STRUCTURE_ROOTS: readonly string[] = [ROOT.meta, ROOT.persona, ROOT.stages, ROOT.lanes];

/** Who is writing, as the server knows it. */
export interface BoardWriter {
  role: Role;
  /** the connection's member, undefined for a bare link */
  member: { id: string; name: string; role: string; department: string; joinedAt: number } | undefined;
  permissions: Readonly<Permissions>;
  /** server clock now, ms */
  now: number;
  /** how far a note's createdAt may lie before the member joined or after now */
  clockSkewMs: number;
}

/** The verdict on one board update. */
export type BoardWriteVerdict = { ok: true } | Refusal;

const refuse = (reason: string): BoardWriteVerdict => refuseWith(CLOSE.notPermitted, reason);

/**
 * Author fields of notes that existed in a board doc, kept after the note is deleted, so that undoing a
 * deletion (which re-creates the note with its original author) is told apart from forging one.
 */
export class AuthorLedger {
  private readonly authors = new Map<string, string>();

  constructor(doc: Y.Doc) {
    const notes = doc.getMap(ROOT.notes);
    notes.forEach((value, id) => this.record(id, value));
    notes.observe((event) => {
      for (const [id, change] of event.changes.keys) if (change.action !== 'delete') this.record(id, notes.get(id));
    });
  }

  /** The author fields a note id was created with, as a key, if it ever existed here. */
  authorOf(noteId: string): string | undefined {
    return this.authors.get(noteId);
  }

  private record(id: string, value: unknown): void {
    if (value instanceof Y.Map) this.authors.set(id, authorKey((field) => (value as Y.Map<unknown>).get(field)));
  }
}

const ledgers = new WeakMap<Y.Doc, AuthorLedger>();

/** The ledger of a board doc, started on first use and kept as long as the doc lives. */
export function ledgerFor(doc: Y.Doc): AuthorLedger {
  let ledger = ledgers.get(doc);
  if (!ledger) {
    ledger = new AuthorLedger(doc);
    ledgers.set(doc, ledger);
  }
  return ledger;
}

/** A comparable key of a note's author fields. */
function authorKey(get: (field: string) => unknown): string {
  return JSON.stringify(AUTHOR_FIELDS.map((field) => get(field) ?? null));
}

function isNotePath(path: ItemPath): boolean {
  return path[0] === ROOT.notes;
}

/** The server's record of the last counted close: forging it would keep an interrupted count from being finished. */
function isTallyMark(path: ItemPath): boolean {
  return path[0] === ROOT.meta && path[1] === META.talliedVote;
}

/** Decides whether `writer` may apply `update` (bytes, or as the update guard decoded it) to `doc`. Never throws. */
export function checkBoardWrite(doc: Y.Doc, update: Uint8Array | DecodedUpdate, writer: BoardWriter, ledger: AuthorLedger): BoardWriteVerdict {
  let changes: UpdateChanges;
  try {
    changes = readUpdateChanges(doc, update);
  } catch (error) {
    return refuseWith(CLOSE.malformed, `unreadable update: ${(error as Error).message}`);
  }
  const facilitator = writer.role === 'facilitator';
  const mayEditStructure = facilitator || writer.permissions.structure;
  const mayDeleteAny = facilitator || writer.permissions.deleteAnyNote;
  /** Notes created by this update: id -> author fields set in it (made when the update creates one). */
  let created: Map<string, Map<string, unknown>> | undefined;
  let createdWithDots: Set<string> | undefined;

  for (const change of changes.added) {
    const { path } = change;
    if (isTallyMark(path)) return refuse('which vote was counted is the server\'s record');
    if (STRUCTURE_ROOTS.includes(path[0] ?? '')) {
      if (!mayEditStructure) return refuse(`the board's structure (${path[0]}) is the facilitator's`);
      continue;
    }
    if (!isNotePath(path)) continue;
    const noteId = path[1] ?? '';
    if (path.length === 2) {
      if (change.typeName !== 'map') return refuse('a note must be a map');
      (created ??= new Map()).set(noteId, new Map());
      continue;
    }
    const field = path[2] ?? '';
    const fields = created?.get(noteId);
    if (path.length === 3 && fields) {
      fields.set(field, change.value);
      continue;
    }
    if (fields && field === NOTE.votes) {
      // Dots inside a note created by this update: only an undone deletion may bring its published dots back.
      (createdWithDots ??= new Set()).add(noteId);
      continue;
    }
    if (field === NOTE.votes) return refuse('dots are counted by the server from the ballots');
    if (path.length === 3 && (AUTHOR_FIELDS as readonly string[]).includes(field)) return refuse(`the author of note ${noteId.slice(0, 40)} cannot be changed`);
  }

  for (const { path, item } of changes.deleted) {
    if (isTallyMark(path)) return refuse('which vote was counted is the server\'s record');
    if (STRUCTURE_ROOTS.includes(path[0] ?? '')) {
      if (!mayEditStructure) return refuse(`the board's structure (${path[0]}) is the facilitator's`);
      continue;
    }
    if (!isNotePath(path)) continue;
    const noteId = path[1] ?? '';
    if (path.length === 2) {
      const note = item.content instanceof Y.ContentType ? item.content.type : undefined;
      const authorId = note instanceof Y.Map ? (note as Y.Map<unknown>).get(NOTE.authorId) : undefined;
      const own = writer.member !== undefined && authorId === writer.member.id;
      if (!own && !mayDeleteAny) return refuse(`note ${noteId.slice(0, 40)} was written by someone else`);
      continue;
    }
    // A field deleted together with its note (deleting a note deletes its contents) is part of that deletion.
    const parentNote = doc.getMap(ROOT.notes).get(noteId);
    const noteDeletedToo = !(parentNote instanceof Y.Map) || changes.deleted.some((d) => d.path.length === 2 && d.path[1] === noteId);
    if (noteDeletedToo || created?.has(noteId)) continue;
    const field = path[2] ?? '';
    if (field === NOTE.votes) return refuse('dots are counted by the server from the ballots');
    if (path.length === 3 && (AUTHOR_FIELDS as readonly string[]).includes(field)) return refuse(`the author of note ${noteId.slice(0, 40)} cannot be changed`);
  }

  for (const [noteId, fields] of created ?? []) {
    const restored = ledger.authorOf(noteId) === authorKey((field) => fields.get(field));
    if (createdWithDots?.has(noteId) && !restored) return refuse('dots are counted by the server from the ballots');
    const verdict = checkAuthor(noteId, fields, writer, ledger);
    if (!verdict.ok) return verdict;
  }
  return WRITE_OK;
}

const WRITE_OK: BoardWriteVerdict = { ok: true };

function checkAuthor(noteId: string, fields: Map<string, unknown>, writer: BoardWriter, ledger: AuthorLedger): BoardWriteVerdict {
  const shortId = noteId.slice(0, 40);
  // Undoing a deletion re-creates the note as it was, with its original author: that is not forging.
  const restored = ledger.authorOf(noteId);
  if (restored !== undefined && restored === authorKey((field) => fields.get(field))) return { ok: true };
  const member = writer.member;
  if (!member) return refuse('a link without a member cannot create notes: join with a name first');
  const expected: Record<string, unknown> = {
    [NOTE.authorId]: member.id,
    [NOTE.authorName]: member.name,
    [NOTE.authorRole]: member.role,
    [NOTE.department]: member.department,
  };
  for (const [field, value] of Object.entries(expected)) {
    if (fields.get(field) !== value) return refuse(`note ${shortId}: ${field} is not the writer's`);
  }
  const createdAt = fields.get(NOTE.createdAt);
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return refuse(`note ${shortId}: createdAt missing`);
  if (createdAt < member.joinedAt - writer.clockSkewMs || createdAt > writer.now + writer.clockSkewMs) {
    return refuse(`note ${shortId}: createdAt outside the writer's time on the board`);
  }
  return { ok: true };
}
