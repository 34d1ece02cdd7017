/** Revoking a link revokes access now: open sockets of the old credential close with 4410, member keys made with it end. */
import { describe, expect, it } from 'vitest';
import type { BoardInfoResponse, RotateLinkResponse } from '../../shared/api.js';
import { CLOSE } from '../../shared/protocol.js';
import { createBoard, joinWriter } from '../helpers/api.js';
import { connectClient, rawClient, synced, waitFor, type TestClient } from '../helpers/clients.js';
import { startServer } from '../helpers/server.js';

async function rotate(url: string, boardId: string, facilitator: string, kind: 'participant' | 'projector' | 'join'): Promise<RotateLinkResponse> {
  const res = await fetch(`${url}/api/boards/${boardId}/links/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitator}` },
    body: '{}',
  });
  expect(res.status).toBe(200);
  return (await res.json()) as RotateLinkResponse;
}

const tokenOf = (link: string): string => new URL(link).hash.replace(/^#token=/, '');

/** The client was closed for good with `code` and the stock provider does not come back. */
async function closedForGood(client: TestClient, code: number): Promise<void> {
  await waitFor(() => client.closes.some((c) => c.code === code), `closed with ${code}`);
  expect(client.provider.shouldConnect).toBe(false);
}

describe('link rotation', () => {
  it('closes every socket of the old participant link and its member keys at once; other credentials stay connected', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const info = (await (await fetch(`${s.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } })).json()) as BoardInfoResponse;
    const ana = await joinWriter(s.url, board, board.tokens.participant, { name: 'Ana', role: 'customer', department: '' });
    const cy = await joinWriter(s.url, board, info.joinCode!, { name: 'Cy', role: 'stakeholder', department: 'Sales' });
    const fac = await joinWriter(s.url, board, board.tokens.facilitator, { name: 'Fay', department: '' });
    const anaBoard = connectClient(s.wsUrl, board.id, ana.params);
    const anaSession = connectClient(s.wsUrl, `${board.id}/session`, ana.params);
    const anaPrivate = connectClient(s.wsUrl, `${board.id}/private/${ana.author.id}`, ana.params);
    const cyBoard = connectClient(s.wsUrl, board.id, cy.params);
    const facBoard = connectClient(s.wsUrl, board.id, fac.params);
    const projector = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
    await Promise.all([anaBoard, anaSession, anaPrivate, cyBoard, facBoard, projector].map(synced));

    const rotated = await rotate(s.url, board.id, board.tokens.facilitator, 'participant');
    for (const client of [anaBoard, anaSession, anaPrivate]) await closedForGood(client, CLOSE.revoked);
    // Clients of the other credentials are untouched.
    for (const client of [cyBoard, facBoard, projector]) {
      expect(client.closes).toEqual([]);
      expect(client.provider.wsconnected).toBe(true);
    }
    // The old link is refused, and Ana's member key is refused even with the new link.
    expect((await rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.participant}`).closed).code).toBe(CLOSE.unauthorized);
    const newToken = tokenOf(rotated.link);
    expect((await rawClient(`${s.wsUrl}/${board.id}?token=${newToken}&member=${ana.memberKey}`).closed).code).toBe(CLOSE.revoked);
    // Someone with the new link joins and writes as usual.
    const dee = await joinWriter(s.url, board, newToken, { name: 'Dee', role: 'customer', department: '' });
    const deeBoard = connectClient(s.wsUrl, board.id, dee.params);
    await synced(deeBoard);

    // Replacing the join code ends Cy's socket and key; Dee (new participant link) stays.
    await rotate(s.url, board.id, board.tokens.facilitator, 'join');
    await closedForGood(cyBoard, CLOSE.revoked);
    expect(deeBoard.closes).toEqual([]);
    // Replacing the projector link ends the projector only.
    await rotate(s.url, board.id, board.tokens.facilitator, 'projector');
    await closedForGood(projector, CLOSE.revoked);
    expect(facBoard.closes).toEqual([]);
    expect(deeBoard.closes).toEqual([]);
    expect(deeBoard.provider.wsconnected).toBe(true);
  });
});
