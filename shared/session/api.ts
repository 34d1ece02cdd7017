/** HTTP request and response types of the facilitation routes (checkpoints, reveal, attendance, time). */
import * as z from '../zod.js';
import { cleanLine } from '../board/schema.js';
import type { AttendanceEntry, CheckpointInfo } from './schema.js';

/** Longest checkpoint name. */
export const CHECKPOINT_NAME_CHARS = 80;

/** A checkpoint name: one clean line, 1..80 characters. */
export const checkpointNameSchema = z.pipe(
  z.pipe(z.string(), z.transform(cleanLine)),
  z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(CHECKPOINT_NAME_CHARS, `at most ${CHECKPOINT_NAME_CHARS} characters`)),
);

/** POST /api/boards/:id/checkpoints (facilitator). Answer: 201 CheckpointInfo. */
export const createCheckpointRequestSchema = z.strictObject({ name: checkpointNameSchema });
export type CreateCheckpointRequest = z.input<typeof createCheckpointRequestSchema>;

/** GET /api/boards/:id/checkpoints (facilitator, participant), oldest first. */
export interface CheckpointListResponse {
  checkpoints: CheckpointInfo[];
}

/** POST /api/boards/:id/checkpoints/:cid/restore (facilitator). */
export interface RestoreResponse {
  restored: CheckpointInfo;
  /** the automatic checkpoint taken just before: restore it to undo this restore */
  undo: CheckpointInfo;
  notesRemoved: number;
  notesRecreated: number;
}

/** POST /api/boards/:id/reveal (facilitator); body `{}` or `{ keepPrivateMode: true }`. */
export const revealRequestSchema = z.strictObject({ keepPrivateMode: z._default(z.boolean(), false) });
export type RevealRequest = z.input<typeof revealRequestSchema>;
export interface RevealResponse {
  revealed: number;
  relocated: number;
  /** drafts that stayed private, with the reason (`no_cell`, `invalid_text`, `invalid_id`) */
  skipped: { memberId: string; noteId: string; reason: string }[];
  byMember: Record<string, number>;
  revealedAt: number;
}

/** GET /api/boards/:id/attendance (facilitator). */
export interface AttendanceResponse {
  attendance: AttendanceEntry[];
}
