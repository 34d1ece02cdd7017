/**
 * The sync protocol's names and numbers, shared by server and client: WebSocket paths, the docs a board
 * is split into, y-websocket message types, close codes, and the presence (awareness) shape.
 * See docs/protocol.md.
 */

/** WebSocket endpoint prefix: `ws://HOST:PORT/ws/<room>?token=<capability>[&member=<memberKey>]`. */
export const WS_PATH = '/ws';

/** Board ids: random base64url, validated before any lookup. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export function isBoardId(value: string): boolean {
  return BOARD_ID_PATTERN.test(value);
}

/**
 * A board is several Y.Docs split by who may write them (the Yjs threat model: split, do not filter):
 * - `board`: the map itself; facilitator and participants write, the projector reads.
 * - `session`: facilitator-only state (phase, timer, vote, lock, focus); everyone else reads.
 * - `private`: one per member, their silent-brainstorm drafts; only that member reads or writes.
 */
export const DOC_KINDS = ['board', 'session', 'private', 'series'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/**
 * The typed address of one doc of a board (a discriminated union on `kind`): every layer names a doc by this,
 * never by a string; `docKey` and `roomName` are its only encodings.
 */
export type DocAddress =
  | { kind: 'board'; boardId: string }
  | { kind: 'session'; boardId: string }
  | { kind: 'private'; boardId: string; memberId: string }
  /** the board's place in its journey series: written by the server only, never served as a room */
  | { kind: 'series'; boardId: string };

/** The address of a board's shared map doc. */
export function boardDocAddress(boardId: string): DocAddress {
  return { kind: 'board', boardId };
}

/** The address of a board's facilitator-only session doc. */
export function sessionDocAddress(boardId: string): DocAddress {
  return { kind: 'session', boardId };
}

/** The address of one member's private drafts doc on a board. */
export function privateDocAddress(boardId: string, memberId: string): DocAddress {
  return { kind: 'private', boardId, memberId };
}

/** The address of a board's series links (server-only; see server/series/series-link.ts). */
export function seriesDocAddress(boardId: string): DocAddress {
  return { kind: 'series', boardId };
}

/** Room name used by the y-websocket provider: `<boardId>`, `<boardId>/session`, `<boardId>/private/<memberId>`. */
export function roomName(address: DocAddress): string {
  if (address.kind === 'board') return address.boardId;
  if (address.kind === 'session') return `${address.boardId}/session`;
  // Never parsed back by parseRoomPath: no client can open the series doc.
  if (address.kind === 'series') return `${address.boardId}/series`;
  return `${address.boardId}/private/${address.memberId}`;
}

/** Storage key prefix of the members' private docs. */
export const PRIVATE_DOC_KEY_PREFIX = 'private:';

/** Storage key of a doc within its board: `board`, `session`, `private:<memberId>`. */
export function docKey(address: DocAddress): string {
  return address.kind === 'private' ? `${PRIVATE_DOC_KEY_PREFIX}${address.memberId}` : address.kind;
}

/** One unambiguous string naming a doc of any board, for map keys only (never parsed back). */
export function docRef(address: DocAddress): string {
  return JSON.stringify([address.boardId, docKey(address)]);
}

const MEMBER_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** True when `value` has the form of a member id (the server makes them; anything else is refused). */
export function isMemberId(value: string): boolean {
  return MEMBER_ID_PATTERN.test(value);
}

/** Parses the part of a WebSocket path after `/ws/`; undefined when it is not a valid room. */
export function parseRoomPath(path: string): DocAddress | undefined {
  const parts = path.split('/');
  const [boardId, kind, memberId] = parts;
  if (!boardId || !isBoardId(boardId)) return undefined;
  if (parts.length === 1) return { boardId, kind: 'board' };
  if (parts.length === 2 && kind === 'session') return { boardId, kind: 'session' };
  if (parts.length === 3 && kind === 'private' && memberId && isMemberId(memberId)) {
    return { boardId, kind: 'private', memberId };
  }
  return undefined;
}

/** y-websocket message types (first varuint of every binary frame). */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/**
 * Subtypes of the auth message (type 2). y-protocols reads only `permissionDenied` and ignores any other
 * subtype, so the stock client passes over `saved` silently. `saved` is followed by a varuint n: the first n
 * sync writes (SyncStep2 or update messages) this connection sent are handled and durable.
 */
export const AUTH_MESSAGE = {
  permissionDenied: 0,
  saved: 1,
} as const;

/**
 * Close codes. 44xx are permanent refusals: the stock y-websocket client stops reconnecting on
 * 4400-4499. Transient conditions use 1013 so clients back off and retry.
 */
export const CLOSE = {
  /** normal close */
  normal: 1000,
  /** server shutting down; clients reconnect */
  goingAway: 1001,
  /** a text frame: the protocol is binary only */
  unsupportedData: 1003,
  /** too many fragments or buffered chunks (ws) */
  policyViolation: 1008,
  /** frame larger than the maximum payload (ws, default 8 MiB) */
  messageTooBig: 1009,
  /** room full, board failed to load, server busy, storage over its memory bound: retry later */
  tryAgainLater: 1013,
  /** malformed frame: bad varints, truncated message, unknown message type, undecodable update */
  malformed: 4400,
  /** missing or unknown token, or a member key that is not valid for this board */
  unauthorized: 4401,
  /** the token is valid but may not open this doc (e.g. another member's private doc) */
  forbidden: 4403,
  /** invalid or unknown board id, or an unknown room path */
  notFound: 4404,
  /**
   * an update this connection may not make: a note under another author, a change to a note's author, the
   * board's structure or another person's note without the facilitator's switch, dots written on the board doc
   */
  notPermitted: 4405,
  /** the link (or the member key made with it) was replaced by the facilitator: access ends now */
  revoked: 4410,
  /** an update over a content limit (e.g. note text length) */
  contentTooLarge: 4413,
  /** an update the schema forbids: unknown root type, too deep, or one that cannot integrate */
  invalidUpdate: 4422,
  /** the client is too slow to read what the room sends */
  slowConsumer: 4429,
  /** too many failed token, member-key or join-code attempts from this address: wait and try again later */
  tooManyAttempts: 4430,
} as const;
/** One of the close codes above. */
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/**
 * Roles, each list derived from the one before where it can be. A capability role (`Role`) comes from the
 * link's token; a member role is what a person is on the board (and what their notes carry as author role).
 */
export const ROLES = ['facilitator', 'participant', 'projector'] as const;
/** The capability of a token. Decided by the server from the token only. */
export type Role = (typeof ROLES)[number];
/** Roles a person can choose when joining with a participant link (the facilitator role comes from the link). */
export const JOIN_ROLES = ['customer', 'stakeholder'] as const;
/** What a person chose when joining. */
export type JoinRole = (typeof JOIN_ROLES)[number];
/** What a member is: a join role, or `facilitator` for people who joined with the facilitator link. */
export const MEMBER_ROLES = [...JOIN_ROLES, 'facilitator'] as const;
/** A member's role; notes carry their author's. */
export type MemberRole = (typeof MEMBER_ROLES)[number];
/** What presence shows about a connection: its member's role, or `projector`. */
export const PRESENCE_ROLES = [...MEMBER_ROLES, 'projector'] as const;
/** The role shown in presence. */
export type PresenceRole = (typeof PRESENCE_ROLES)[number];

/**
 * Identity stamped by the server into every awareness state a connection sends, so a peer can neither
 * claim another name or role nor impersonate another connection.
 */
export interface PresenceUser {
  memberId: string;
  name: string;
  /** `customer` | `stakeholder` for participants, `facilitator`, or `projector` */
  role: PresenceRole;
  department: string;
}

/** What presence shows for a private draft being edited or selected: never its id (docs/protocol.md). */
export const PRIVATE_DRAFT = 'private-draft';

/** The awareness state a client publishes. `user` and `drafts` are overwritten by the server. */
export interface PresenceState {
  user?: PresenceUser;
  /** id of the board note this person is editing, PRIVATE_DRAFT for one of their drafts, or null */
  editing?: string | null;
  /** id of the note or stage this person has selected, for a soft highlight */
  selected?: string | null;
  /**
   * how many private drafts this person holds (others see the count, never the notes); stamped by the server
   * from the member's private doc, whatever the client sent
   */
  drafts?: number;
}

/** Maximum size of one awareness state as JSON, in bytes; bigger states close the connection. */
export const MAX_AWARENESS_STATE_BYTES = 4096;
