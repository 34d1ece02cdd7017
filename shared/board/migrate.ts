/**
 * Numbered, idempotent migrations of a board doc, run by the server when a board loads (rooms/registry.ts)
 * and after a checkpoint restore. Each step only adds: a board written under an older schema stays
 * readable by every reader, and a peer running older code keeps working on the fields it knows.
 */
import type * as Y from 'yjs';
import { boardRoots, num } from './doc.js';
import { META, SCHEMA_VERSION } from './schema.js';

/** One migration step: brings a doc from `version - 1` to `version`. */
export interface BoardMigration {
  version: number;
  /** what changes, for logs and docs */
  description: string;
  /** the change itself; runs inside the migration's transaction */
  apply(doc: Y.Doc): void;
}

/** Every step, in order; the last one's version equals SCHEMA_VERSION. */
export const BOARD_MIGRATIONS: readonly BoardMigration[] = [
  {
    version: 2,
    // Yjs creates a root on first use and an empty root is not encoded, so there is nothing to create: the
    // `actions` root appears with the first action. Older boards simply read as having no actions.
    description: 'adds the `actions` root (action items)',
    apply: () => undefined,
  },
];

/** The schema version a doc says it has (1 when it says nothing: boards made before versions were written). */
export function docSchemaVersion(doc: Y.Doc): number {
  return num(boardRoots(doc).meta, META.schemaVersion, 1);
}

/**
 * Runs the steps a doc has not had, in one transaction with `origin`, and stamps the new version. Returns
 * the versions applied ([] when the doc is current, so running it twice changes nothing). A doc from a newer
 * server (version above SCHEMA_VERSION) and a doc with no meta at all are left as they are.
 */
export function migrateBoard(doc: Y.Doc, origin?: unknown): number[] {
  // An empty meta is a doc that was never initialised (not a board yet): nothing to migrate.
  if (boardRoots(doc).meta.size === 0) return [];
  const from = docSchemaVersion(doc);
  const steps = BOARD_MIGRATIONS.filter((m) => m.version > from && m.version <= SCHEMA_VERSION);
  if (steps.length === 0) return [];
  doc.transact(() => {
    for (const step of steps) step.apply(doc);
    boardRoots(doc).meta.set(META.schemaVersion, SCHEMA_VERSION);
  }, origin);
  return steps.map((s) => s.version);
}
