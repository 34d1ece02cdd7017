/**
 * Checkpoints as a service: take one from the live docs, list them, open one read-only, and restore one as a
 * new forward change with an automatic "Before restoring …" checkpoint that undoes it.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { readBoard, type BoardSnapshot } from '../../shared/board/snapshot.js';
import { boardDocAddress, sessionDocAddress } from '../../shared/protocol.js';
import type { RestoreResponse } from '../../shared/session/api.js';
import { CHECKPOINT_NAME_CHARS } from '../../shared/session/api.js';
import type { CheckpointInfo } from '../../shared/session/schema.js';
import { AppError } from '../app-error.js';
import type { Logger } from '../logger.js';
import type { CheckpointRecord, CheckpointStore, CheckpointSummary } from '../persistence/checkpoint-store.js';
import { SERVER_ORIGIN } from '../rooms/room.js';
import { beforeRestoreName } from './checkpoint-names.js';
import { docFromState, restoreCheckpoint } from './checkpoint.js';
import { requireLive, withLiveDocs, type LiveDocs } from './live-docs.js';

/** What the checkpoint service needs. */
export interface CheckpointServiceDeps {
  store: CheckpointStore;
  docs: LiveDocs;
  logger: Logger;
  /** the server clock */
  now: () => number;
}

/** The checkpoint operations of a board. */
export interface CheckpointService {
  /** Stores the board and session docs as they are now under `name`. */
  take(boardId: string, name: string): Promise<CheckpointInfo>;
  /** The board's checkpoints, oldest first. */
  list(boardId: string): Promise<CheckpointInfo[]>;
  /** The board as it was at a checkpoint (`not_found` when there is none). */
  open(boardId: string, checkpointId: string): Promise<BoardSnapshot>;
  /** Makes the live board equal to a checkpoint as a new change; stores an undo checkpoint first-or-reverts. */
  restore(boardId: string, checkpointId: string): Promise<RestoreResponse>;
}

/** A checkpoint as the API shows it. */
export function checkpointInfo(checkpoint: CheckpointSummary): CheckpointInfo {
  return { id: checkpoint.id, name: checkpoint.name, createdAt: checkpoint.createdAt };
}

/** Builds the service. */
export function createCheckpointService(deps: CheckpointServiceDeps): CheckpointService {
  const { store, docs, logger, now } = deps;
  const boardDocs = (boardId: string) => [boardDocAddress(boardId), sessionDocAddress(boardId)];

  async function stored(boardId: string, checkpointId: string): Promise<CheckpointRecord> {
    const checkpoint = await store.getCheckpoint(boardId, checkpointId);
    if (!checkpoint) throw new AppError('not_found', 'checkpoint not found');
    return checkpoint;
  }

  return {
    async take(boardId, name) {
      const record = await withLiveDocs(docs, boardDocs(boardId), (lives): CheckpointRecord => {
        requireLive(lives);
        const [boardLive, sessionLive] = lives;
        return {
          id: randomUUID(),
          boardId,
          name,
          createdAt: now(),
          boardState: Y.encodeStateAsUpdate(boardLive!.doc),
          sessionState: Y.encodeStateAsUpdate(sessionLive!.doc),
        };
      });
      await store.createCheckpoint(record);
      logger.info({ boardId, checkpointId: record.id }, 'checkpoint taken');
      return checkpointInfo(record);
    },

    async list(boardId) {
      return (await store.listCheckpoints(boardId)).map(checkpointInfo);
    },

    async open(boardId, checkpointId) {
      const doc = docFromState((await stored(boardId, checkpointId)).boardState);
      try {
        return readBoard(doc);
      } finally {
        doc.destroy();
      }
    },

    async restore(boardId, checkpointId) {
      const checkpoint = await stored(boardId, checkpointId);
      return withLiveDocs(docs, boardDocs(boardId), async (lives) => {
        requireLive(lives);
        const [boardLive, sessionLive] = lives as [(typeof lives)[number], (typeof lives)[number]];
        // The state before the restore is encoded and the restore applied in one synchronous step, so no client
        // update can fall between them; the "before" checkpoint is stored afterwards and, if that fails, the
        // restore is reverted the same way (as a forward change) so nothing is lost.
        const at = now();
        const before: CheckpointRecord = {
          id: randomUUID(),
          boardId,
          name: beforeRestoreName(checkpoint.name, at, CHECKPOINT_NAME_CHARS),
          createdAt: at,
          boardState: Y.encodeStateAsUpdate(boardLive.doc),
          sessionState: Y.encodeStateAsUpdate(sessionLive.doc),
        };
        const result = restoreCheckpoint(boardLive.doc, checkpoint.boardState, SERVER_ORIGIN);
        try {
          await store.createCheckpoint(before);
        } catch (error) {
          if (boardLive.isLive) restoreCheckpoint(boardLive.doc, before.boardState, SERVER_ORIGIN);
          logger.error({ boardId, checkpointId, err: error }, 'restore reverted: the undo checkpoint could not be stored');
          throw error;
        }
        const undo = checkpointInfo(before);
        logger.info({ boardId, checkpointId, undoId: undo.id, ...result }, 'checkpoint restored');
        return { restored: checkpointInfo(checkpoint), undo, ...result };
      });
    },
  };
}
