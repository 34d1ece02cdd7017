/**
 * Reads a capability token from a request (`Authorization: Bearer <token>` or `?token=`) and resolves the
 * board and the role it grants. Board ids are validated before any lookup.
 */
import type { Request } from 'express';
import { isBoardId, type Role } from '../../shared/protocol.js';
import { roleForToken } from '../auth/tokens.js';
import type { BoardDirectory, BoardRecord } from '../persistence/board-directory.js';
import { AppError } from '../app-error.js';

/** The token of a request, if any. */
export function requestToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  const query = req.query.token;
  return typeof query === 'string' ? query : undefined;
}

/** The board named by `id` (404 if invalid or unknown) and the role the request's token grants (401 if none). */
export async function authorizeBoard(store: Pick<BoardDirectory, 'getBoard'>, id: string | undefined, req: Request): Promise<{ board: BoardRecord; role: Role }> {
  if (!id || !isBoardId(id)) throw new AppError('not_found', 'board not found');
  const board = await store.getBoard(id);
  if (!board) throw new AppError('not_found', 'board not found');
  const role = roleForToken(board, requestToken(req));
  if (!role) throw new AppError('unauthorized', 'missing or invalid token');
  return { board, role };
}
