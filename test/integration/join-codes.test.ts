/** Join codes (the short participant link shown on the projector) and link rotation. */
import { describe, expect, it } from 'vitest';
import { formatJoinCode, isJoinCode, type BoardInfoResponse, type RotateLinkResponse } from '../../shared/api.js';
import { CLOSE } from '../../shared/protocol.js';
import { createBoard, joinMember } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { startServer } from '../helpers/server.js';

async function info(url: string, id: string, token: string): Promise<{ status: number; body: BoardInfoResponse }> {
  const res = await fetch(`${url}/api/boards/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as BoardInfoResponse };
}

async function rotate(url: string, id: string, kind: string, token: string): Promise<Response> {
  return fetch(`${url}/api/boards/${id}/links/${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
}

describe('join codes and link rotation', () => {
  it('shows the join code and link to every role (participants pass it on); the code works as a participant token', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const fac = await info(s.url, board.id, board.tokens.facilitator);
    const code = fac.body.joinCode!;
    expect(isJoinCode(code)).toBe(true);
    expect((await info(s.url, board.id, board.tokens.projector)).body.joinCode).toBe(code);
    const participant = await info(s.url, board.id, board.tokens.participant);
    expect(participant.body.joinCode).toBe(code);
    expect(participant.body.joinUrl).toBe(`${s.url}/j/${code}`);

    // /api/join/<code> finds the board, typed in any case and with dashes.
    const found = await fetch(`${s.url}/api/join/${formatJoinCode(code).toLowerCase()}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ boardId: board.id });
    const missing = await fetch(`${s.url}/api/join/ZZZZZZZZZZZZ`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await fetch(`${s.url}/api/join/${'x'.repeat(200)}`)).status).toBe(404);

    // The code is a participant credential: info, joining as a member, and syncing.
    expect((await info(s.url, board.id, code)).body.role).toBe('participant');
    const member = await joinMember(s.url, board.id, code, { name: 'Ana', role: 'customer', department: '' });
    const client = connectClient(s.wsUrl, board.id, { token: code, member: member.memberKey });
    await synced(client);
  });

  it('rotating a link makes the old one stop working (HTTP and WebSocket)', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const oldCode = (await info(s.url, board.id, board.tokens.facilitator)).body.joinCode!;

    expect((await rotate(s.url, board.id, 'projector', board.tokens.participant)).status).toBe(403);
    expect((await rotate(s.url, board.id, 'facilitator', board.tokens.facilitator)).status).toBe(404);

    const res = await rotate(s.url, board.id, 'projector', board.tokens.facilitator);
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as RotateLinkResponse;
    const newToken = new URL(rotated.link).hash.replace(/^#token=/, '');
    expect((await info(s.url, board.id, newToken)).body.role).toBe('projector');
    expect((await info(s.url, board.id, board.tokens.projector)).status).toBe(401);
    const stale = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
    await waitFor(() => stale.closes.some((c) => c.code === CLOSE.unauthorized), 'old projector link refused');

    const joinRes = await rotate(s.url, board.id, 'join', board.tokens.facilitator);
    const join = (await joinRes.json()) as RotateLinkResponse;
    expect(join.joinCode).not.toBe(oldCode);
    expect(new URL(join.link).pathname).toBe(`/j/${join.joinCode}`);
    expect((await fetch(`${s.url}/api/join/${oldCode}`)).status).toBe(404);
    expect((await info(s.url, board.id, oldCode)).status).toBe(401);
    expect((await info(s.url, board.id, join.joinCode!)).body.role).toBe('participant');
  });
});
