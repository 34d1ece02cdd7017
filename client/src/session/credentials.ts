/**
 * Where a browser keeps what lets it back onto a board: the capability token (sessionStorage, per board,
 * so a reload works even when the URL fragment is gone) and the membership (localStorage, per board and
 * role, so a reload rejoins silently). Nothing here is ever sent anywhere but our own API and WebSocket.
 */
import type { BoardLinks, JoinResponse } from '../../../shared/api.js';
import { isBoardId } from '../../../shared/protocol.js';

const TOKEN_KEY = (boardId: string) => `journeyroom:token:${boardId}`;
const MEMBER_KEY = (boardId: string, role: string) => `journeyroom:member:${boardId}:${role}`;
/** Tokens are opaque to the client, but bounded and URL-safe. */
const TOKEN_PATTERN = /^[A-Za-z0-9_.~-]{8,256}$/;

/** Where the app is: the start page, or a board (with its id). */
export type Route =
  | { kind: 'start' }
  | { kind: 'board'; boardId: string }
  | { kind: 'join'; code: string }
  | { kind: 'not-found'; path: string };

/** Parses `location.pathname`: `/` is the start page, `/b/<boardId>` a board, `/j/<code>` the short join link. */
export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { kind: 'start' };
  const join = /^\/j\/([A-Za-z0-9-]{1,40})\/?$/.exec(pathname);
  if (join?.[1]) return { kind: 'join', code: join[1] };
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname);
  if (match?.[1] && isBoardId(match[1])) return { kind: 'board', boardId: match[1] };
  return { kind: 'not-found', path: pathname };
}

/** Reads `token` from a `#token=...` fragment; undefined when absent or malformed. */
export function tokenFromFragment(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && TOKEN_PATTERN.test(token) ? token : undefined;
}

function storage(kind: 'session' | 'local'): Storage | undefined {
  try {
    return kind === 'session' ? window.sessionStorage : window.localStorage;
  } catch (error) {
    // Storage can be disabled (privacy settings); the app still works, it just forgets on reload.
    console.warn('journeyroom: browser storage unavailable', error);
    return undefined;
  }
}

/** The token for a board: from the fragment (then remembered), else the remembered one. */
export function resolveToken(boardId: string, hash: string): string | undefined {
  const store = storage('session');
  const fromHash = tokenFromFragment(hash);
  if (fromHash) {
    store?.setItem(TOKEN_KEY(boardId), fromHash);
    return fromHash;
  }
  const saved = store?.getItem(TOKEN_KEY(boardId)) ?? undefined;
  return saved && TOKEN_PATTERN.test(saved) ? saved : undefined;
}

/** Forgets a token the server refused. */
export function forgetToken(boardId: string): void {
  storage('session')?.removeItem(TOKEN_KEY(boardId));
}

/** A remembered membership, or undefined when none or unreadable. */
export function loadMember(boardId: string, role: string): JoinResponse | undefined {
  const raw = storage('local')?.getItem(MEMBER_KEY(boardId, role));
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<JoinResponse>;
    if (
      typeof value.memberId === 'string' &&
      typeof value.memberKey === 'string' &&
      typeof value.name === 'string' &&
      (value.role === 'customer' || value.role === 'stakeholder' || value.role === 'facilitator')
    ) {
      return {
        memberId: value.memberId,
        memberKey: value.memberKey,
        name: value.name,
        role: value.role,
        department: typeof value.department === 'string' ? value.department : '',
      };
    }
  } catch (error) {
    console.warn('journeyroom: ignoring an unreadable saved membership', error);
  }
  storage('local')?.removeItem(MEMBER_KEY(boardId, role));
  return undefined;
}

export function saveMember(boardId: string, role: string, member: JoinResponse): void {
  storage('local')?.setItem(MEMBER_KEY(boardId, role), JSON.stringify(member));
}

export function forgetMember(boardId: string, role: string): void {
  storage('local')?.removeItem(MEMBER_KEY(boardId, role));
}

const LINKS_KEY = (boardId: string) => `journeyroom:links:${boardId}`;

/**
 * The three links of a board this browser created. Only the creator ever sees them (the server keeps
 * hashes), so the facilitator's board page can still offer the participant and projector links later.
 */
export function saveLinks(boardId: string, links: BoardLinks): void {
  storage('local')?.setItem(LINKS_KEY(boardId), JSON.stringify(links));
}

export function loadLinks(boardId: string): BoardLinks | undefined {
  const raw = storage('local')?.getItem(LINKS_KEY(boardId));
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<BoardLinks>;
    if (typeof value.facilitator === 'string' && typeof value.participant === 'string' && typeof value.projector === 'string') {
      return { facilitator: value.facilitator, participant: value.participant, projector: value.projector };
    }
  } catch (error) {
    console.warn('journeyroom: ignoring unreadable saved links', error);
  }
  return undefined;
}
