/**
 * The HTTP 'upgrade' handler: checks path, Origin, board, token and member BEFORE the WebSocket handshake
 * completes where HTTP answers suffice, and completes the handshake then closes with a 44xx code where the
 * stock y-websocket client must see the code to stop reconnecting (it only stops on 4400-4499).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { CLOSE, WS_PATH, isBoardId, parseRoomPath, type DocAddress, type Role } from '../../shared/protocol.js';
import { findMemberByKey, presenceFor } from '../auth/members.js';
import { credentialForToken, memberKeyIsCurrent, memberKeyTag } from '../auth/credential-tag.js';
import type { Logger } from '../logger.js';
import { safePath } from '../logger.js';
import type { BoardDirectory, MemberRecord } from '../persistence/board-directory.js';
import { isOriginAllowed } from './origin.js';
import type { GuessGuard } from '../auth/guess-guard.js';
import type { Grant } from './connection.js';
import { answerFor, refuse, type Refusal } from '../app-error.js';

/** Dependencies of the upgrade handler. */
export interface UpgradeOptions {
  wss: WebSocketServer;
  store: BoardDirectory;
  allowedOrigins: readonly string[];
  logger: Logger;
  /** slows guessing: failed token and member-key attempts per address */
  guessGuard: GuessGuard;
  /** called with an accepted socket and its grant; `requestedAt`: performance.now() when the upgrade request arrived */
  onAccepted: (ws: WebSocket, grant: Grant, connId: string, socket: Duplex, requestedAt: number) => void;
}

/** Result of checking an upgrade request: a grant, or a refusal to deliver as close code after the handshake. */
type Decision = { ok: true; grant: Grant } | Refusal;

/** Answers a plain HTTP error on a socket that was not upgraded. */
function refuseHttp(socket: Duplex, status: number, text: string): void {
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
  }
  socket.destroy();
}

/** Creates the 'upgrade' listener for the HTTP server. */
export function createUpgradeHandler(options: UpgradeOptions): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { wss, store, logger } = options;
  return (req, socket, head) => {
    const requestedAt = performance.now();
    socket.on('error', (error) => logger.debug({ err: error }, 'upgrade socket error'));
    const connId = randomBytes(6).toString('base64url');
    const log = logger.child({ connId });
    const url = parseUrl(req.url);
    if (!url || !url.pathname.startsWith(`${WS_PATH}/`)) {
      log.info({ path: safePath(req.url) }, 'upgrade refused: not a WebSocket path');
      refuseHttp(socket, 404, 'Not Found');
      return;
    }
    if (!isOriginAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)) {
      log.warn({ origin: String(req.headers.origin).slice(0, 100) }, 'upgrade refused: origin not allowed');
      refuseHttp(socket, 403, 'Forbidden');
      return;
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    // What is presented: the board, the token and the member key (whatever doc of the board is opened).
    const boardKey = url.pathname.slice(WS_PATH.length + 1).split('/')[0] ?? '';
    const credential = `ws\n${boardKey}\n${url.searchParams.get('token') ?? ''}\n${url.searchParams.get('member') ?? ''}`;
    guardedDecide(options.guessGuard, address, credential, () => decide(store, url))
      .catch((error: unknown): Decision => {
        log.error({ err: error }, 'upgrade check failed');
        return refuse(answerFor(error).close, 'server error');
      })
      .then((decision) => {
        if (socket.destroyed) return;
        wss.handleUpgrade(req, socket, head, (ws) => {
          if (!decision.ok) {
            const boardId = url.pathname.slice(WS_PATH.length + 1).split('/')[0] ?? '';
            log.info({ boardId: isBoardId(boardId) ? boardId : undefined, code: decision.code, reason: decision.reason }, 'connection refused');
            ws.close(decision.code, decision.reason);
            return;
          }
          options.onAccepted(ws, decision.grant, connId, socket, requestedAt);
        });
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'upgrade failed');
        socket.destroy();
      });
  };
}

/** Close codes that mean a wrong guess (token, member key): they count against the address. */
const GUESS_FAILURES: readonly number[] = [CLOSE.unauthorized, CLOSE.forbidden];

/** Runs `decide` unless the address is blocked (4430), and counts its outcome for the guess guard. */
async function guardedDecide(guard: GuessGuard, address: string, credential: string, decideNow: () => Promise<Decision>): Promise<Decision> {
  const verdict = await guard.check(address, credential);
  if (!verdict.ok) {
    return { ok: false, code: CLOSE.tooManyAttempts, reason: `too many failed attempts; retry in ${Math.ceil(verdict.retryAfterMs / 1000)} s` };
  }
  const decision = await decideNow();
  if (decision.ok) guard.succeeded(address, credential);
  else if (GUESS_FAILURES.includes(decision.code)) await guard.failed(address);
  return decision;
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

async function decide(store: BoardDirectory, url: URL): Promise<Decision> {
  const address: DocAddress | undefined = parseRoomPath(url.pathname.slice(WS_PATH.length + 1));
  if (!address) return refuse(CLOSE.notFound, 'unknown room');
  const board = await store.getBoard(address.boardId);
  if (!board) return refuse(CLOSE.notFound, 'unknown board');
  const credential = credentialForToken(board, url.searchParams.get('token') ?? undefined);
  if (!credential) return refuse(CLOSE.unauthorized, 'invalid token');
  const role: Role = credential.role;
  const memberKey = url.searchParams.get('member') ?? undefined;
  let member: MemberRecord | undefined;
  if (address.kind === 'private') {
    if (role === 'projector' || !memberKey) return refuse(CLOSE.forbidden, 'private doc of another member');
    member = await findMemberByKey(store, address.boardId, memberKey, address.memberId);
    if (!member) return refuse(CLOSE.forbidden, 'private doc of another member');
  } else if (memberKey && role !== 'projector') {
    member = await findMemberByKey(store, address.boardId, memberKey);
    if (!member) return refuse(CLOSE.unauthorized, 'invalid member key');
  }
  // A member key made with a link or join code the facilitator has since replaced is no longer valid.
  if (member && memberKey && !memberKeyIsCurrent(board, memberKey)) return { ok: false, code: CLOSE.revoked, reason: 'member key of a replaced link' };
  // A member who joined with the facilitator link presents as facilitator only with the facilitator token.
  if (member && member.role === 'facilitator' && role !== 'facilitator') {
    return refuse(CLOSE.unauthorized, 'member key does not fit this link');
  }
  const credentialTags = [credential.tag];
  const keyTag = member && memberKey ? memberKeyTag(memberKey) : undefined;
  if (keyTag) credentialTags.push(keyTag);
  return { ok: true, grant: { address, role, user: presenceFor(role, member), member, credentialTags } };
}
