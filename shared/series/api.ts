/** HTTP types of journey series: follow-up sessions, series links and comparisons (docs: README "HTTP API"). */
import * as z from '../zod.js';
import { titleSchema } from '../board/schema.js';
import type { BoardLinks } from '../api.js';

/** Which notes a follow-up board starts with. */
export const FOLLOW_UP_NOTES = ['none', 'pains', 'all'] as const;
export type FollowUpNotes = (typeof FOLLOW_UP_NOTES)[number];

/** POST /api/boards/:id/follow-up (facilitator). */
export const followUpRequestSchema = z.strictObject({
  /** default: the previous title with " · session N" */
  title: z.optional(titleSchema),
  /** default 'pains': the pain points come back so the room can say whether they are still there */
  notes: z._default(z.enum(FOLLOW_UP_NOTES), 'pains'),
});
export type FollowUpRequest = z.input<typeof followUpRequestSchema>;

/** A board of a series as others see it (no credentials). */
export interface SeriesBoardRef {
  id: string;
  title: string;
  createdAt: number;
}

/** GET /api/boards/:id/series: where a board stands in its series. */
export interface SeriesInfoResponse {
  /** id of the series (the id of its first board) */
  seriesId: string;
  /** 1-based */
  position: number;
  previous: SeriesBoardRef | null;
  next: SeriesBoardRef | null;
}

/** 201 answer of a follow-up: the new board's links (new credentials) and its place in the series. */
export interface FollowUpResponse {
  id: string;
  links: BoardLinks;
  series: SeriesInfoResponse;
  /** what was carried over */
  carried: { notes: number; actions: number };
}

/** Comparison export formats. */
export const COMPARE_FORMATS = ['md', 'html', 'pdf', 'json'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];
