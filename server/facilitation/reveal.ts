/**
 * Reveal of a silent brainstorm: every member's drafts (the `notes` root of their private doc) appear on
 * the board at once, in ONE board transaction, so every peer sees them arrive together. Drafts are then
 * removed from the private docs; a draft that could not be placed stays there and is reported, so
 * nothing a member wrote is lost. Each revealed note gets an id made by the server (`noteIdFor`): a draft's id
 * is the member's own choice and others may have seen it, so a note planted on the board under that id can
 * neither replace the draft nor hide it. The server's ids are derived from a board secret, so they are
 * unguessable yet stable: revealing again after an interrupted reveal finds the note already there.
 */
import * as Y from 'yjs';
import { v4 as uuid } from 'uuid';
import { boardRoots, str } from '../../shared/board/doc.js';
import { keyAfterAll, type Ordered } from '../../shared/board/order.js';
import { readLanes, readStages } from '../../shared/board/read.js';
import { NOTE, idSchema, noteTextSchema, type Author, type Lane, type LaneKind } from '../../shared/board/schema.js';
import { createNoteMap } from '../../shared/board/write.js';
import { readDrafts, type Draft } from '../../shared/session/drafts.js';

/** One member's private doc. `author`, when given, is stamped on their notes instead of what the draft claims. */
export interface MemberDrafts {
  memberId: string;
  doc: Y.Doc;
  author?: Author;
}

/** Why a draft stayed in its private doc. */
export const REVEAL_SKIP = {
  noCell: 'no_cell',
  invalidText: 'invalid_text',
  invalidId: 'invalid_id',
} as const;
export type RevealSkipReason = (typeof REVEAL_SKIP)[keyof typeof REVEAL_SKIP];

export interface RevealResult {
  /** notes now on the board */
  revealed: number;
  /** of those, notes whose stage or lane no longer existed and were placed elsewhere */
  relocated: number;
  /** drafts already on the board under their server id (an earlier, interrupted reveal): removed from the drafts only */
  alreadyOnBoard: number;
  /** drafts that stayed private, with the reason */
  skipped: { memberId: string; noteId: string; reason: RevealSkipReason }[];
  /** revealed notes per member */
  byMember: Record<string, number>;
}

interface Placement {
  stageId: string;
  laneId: string;
  relocated: boolean;
}

/** Where a draft goes: its own cell, else the first stage and/or the first lane of the same kind. */
function place(draft: Draft, stageIds: Set<string>, firstStageId: string | undefined, lanes: readonly Lane[]): Placement | undefined {
  const stageId = stageIds.has(draft.stageId) ? draft.stageId : firstStageId;
  let laneId: string | undefined = draft.laneId;
  if (!lanes.some((lane) => lane.id === laneId)) {
    const kind: LaneKind | null = draft.laneKind;
    laneId = kind ? lanes.find((lane) => lane.kind === kind)?.id : undefined;
  }
  if (!stageId || !laneId) return undefined;
  return { stageId, laneId, relocated: stageId !== draft.stageId || laneId !== draft.laneId };
}

function cellOrders(notes: Y.Map<Y.Map<unknown>>): Map<string, Ordered[]> {
  const cells = new Map<string, Ordered[]>();
  notes.forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const key = `${str(map, NOTE.stageId)}\n${str(map, NOTE.laneId)}`;
    const list = cells.get(key) ?? [];
    list.push({ id, order: str(map, NOTE.order) });
    cells.set(key, list);
  });
  return cells;
}

function buildNote(draft: Draft, text: string, placement: Placement, order: string, memberId: string, author: Author | undefined): Y.Map<unknown> {
  return createNoteMap({
    text,
    stageId: placement.stageId,
    laneId: placement.laneId,
    order,
    // The private doc is written by its member only, so the author is the member's whatever the draft says.
    author: {
      id: memberId,
      name: author?.name ?? draft.authorName,
      role: author?.role ?? draft.authorRole,
      department: author?.department ?? draft.department,
    },
    createdAt: draft.createdAt,
    emotion: draft.emotion,
    momentOfTruth: draft.momentOfTruth,
  });
}

/** Board note ids for revealed drafts: a fresh random id each time (tests; the route derives stable ones). */
export const randomNoteIds = (): string => uuid();

/**
 * Copies every valid draft of `drafts` onto `boardDoc` in one transaction (an id from `noteIdFor`; same text, author fields,
 * createdAt, emotion), at the end of its cell in creation order, then deletes the copied drafts from each
 * private doc (one transaction per private doc, same origin). The caller persists and broadcasts all docs
 * as for any other change. Never throws on bad draft data.
 */
export function revealDrafts(
  boardDoc: Y.Doc,
  drafts: readonly MemberDrafts[],
  origin?: unknown,
  noteIdFor: (memberId: string, draftId: string) => string = randomNoteIds,
): RevealResult {
  const result: RevealResult = { revealed: 0, relocated: 0, alreadyOnBoard: 0, skipped: [], byMember: {} };
  const stages = readStages(boardDoc);
  const stageIds = new Set(stages.map((s) => s.id));
  const lanes = readLanes(boardDoc);
  const { notes } = boardRoots(boardDoc);
  const cells = cellOrders(notes);
  const cleared = new Map<Y.Doc, string[]>();
  const clear = (doc: Y.Doc, id: string): void => {
    const list = cleared.get(doc) ?? [];
    list.push(id);
    cleared.set(doc, list);
  };

  boardDoc.transact(() => {
    for (const member of drafts) {
      for (const draft of readDrafts(member.doc)) {
        const skip = (reason: RevealSkipReason): void => {
          result.skipped.push({ memberId: member.memberId, noteId: draft.id, reason });
        };
        if (!idSchema.safeParse(draft.id).success) {
          skip(REVEAL_SKIP.invalidId);
          continue;
        }
        const noteId = noteIdFor(member.memberId, draft.id);
        const existing = notes.get(noteId);
        if (existing instanceof Y.Map && existing.get(NOTE.authorId) === member.memberId) {
          result.alreadyOnBoard += 1;
          clear(member.doc, draft.id);
          continue;
        }
        const text = noteTextSchema.safeParse(draft.text);
        if (!text.success) {
          skip(REVEAL_SKIP.invalidText);
          continue;
        }
        const placement = place(draft, stageIds, stages[0]?.id, lanes);
        if (!placement) {
          skip(REVEAL_SKIP.noCell);
          continue;
        }
        const key = `${placement.stageId}\n${placement.laneId}`;
        const cell = cells.get(key) ?? [];
        const order = keyAfterAll(cell);
        cell.push({ id: noteId, order });
        cells.set(key, cell);
        notes.set(noteId, buildNote(draft, text.data, placement, order, member.memberId, member.author));
        result.revealed += 1;
        if (placement.relocated) result.relocated += 1;
        result.byMember[member.memberId] = (result.byMember[member.memberId] ?? 0) + 1;
        clear(member.doc, draft.id);
      }
    }
  }, origin);

  for (const [doc, ids] of cleared) {
    doc.transact(() => {
      const draftNotes = boardRoots(doc).notes;
      for (const id of ids) draftNotes.delete(id);
    }, origin);
  }
  return result;
}
