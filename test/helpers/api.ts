/** HTTP helpers: create a board and join it as a member, over the real API. */
import http from 'node:http';
import { expect } from 'vitest';
import type { CreateBoardResponse, JoinRequest, JoinResponse } from '../../shared/api.js';
import type { Role } from '../../shared/protocol.js';
import type { Author } from '../../shared/board/schema.js';

/** A created board with its raw tokens (taken from the links' fragments). */
export interface TestBoard {
  id: string;
  tokens: Record<Role, string>;
  links: CreateBoardResponse['links'];
}

function tokenOf(link: string): string {
  const token = new URL(link).hash.replace(/^#token=/, '');
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return token;
}

/** POST /api/boards and returns the board and its tokens. */
export async function createBoard(baseUrl: string, title = 'Test journey'): Promise<TestBoard> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, persona: { name: 'Pat' } }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as CreateBoardResponse;
  return {
    id: body.id,
    links: body.links,
    tokens: { facilitator: tokenOf(body.links.facilitator), participant: tokenOf(body.links.participant), projector: tokenOf(body.links.projector) },
  };
}

/** POST /api/boards/:id/members with a token. */
export async function joinMember(baseUrl: string, boardId: string, token: string, input: JoinRequest): Promise<JoinResponse> {
  const res = await fetch(`${baseUrl}/api/boards/${boardId}/members`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as JoinResponse;
}

/** A joined member ready to write: its author fields (as the server stamps them) and its connection params. */
export interface TestWriter {
  author: Author;
  params: { token: string; member: string };
  memberKey: string;
}

/** Joins `board` as a member with the given token and returns what a client needs to write notes as them. */
export async function joinWriter(
  baseUrl: string,
  board: { id: string },
  token: string,
  input: JoinRequest = { name: 'Writer', role: 'customer', department: '' },
): Promise<TestWriter> {
  const joined = await joinMember(baseUrl, board.id, token, input);
  return {
    author: { id: joined.memberId, name: joined.name, role: joined.role, department: joined.department },
    params: { token, member: joined.memberKey },
    memberKey: joined.memberKey,
  };
}

/** A response read to its end: status and body text. */
export interface RawResponse {
  status: number;
  body: string;
}

/**
 * POSTs a body in the given pieces, pausing between them so the server reads each as its own chunk (a character
 * or a BOM split across two reads reaches the body parser's streaming decoder in two parts).
 */
export async function postInPieces(url: string, headers: Record<string, string>, pieces: Buffer[]): Promise<RawResponse> {
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(length) } });
  const response = new Promise<RawResponse>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.once('error', reject);
    });
  });
  req.setNoDelay(true);
  req.flushHeaders();
  for (const piece of pieces) {
    await new Promise<void>((resolve, reject) => req.write(piece, (error) => (error ? reject(error) : resolve())));
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  req.end();
  return response;
}
