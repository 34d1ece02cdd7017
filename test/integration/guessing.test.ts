/** Guessing is slow: failed token, member-key and join-code attempts are limited per address; real participants are not locked out. */
import { describe, expect, it } from 'vitest';
import { API_ERROR } from '../../shared/api.js';
import { CLOSE } from '../../shared/protocol.js';
import { createBoard, joinWriter } from '../helpers/api.js';
import { connectClient, rawClient, synced } from '../helpers/clients.js';
import { defaultConfig, loadConfig } from '../../server/config.js';
import { startServer } from '../helpers/server.js';

const FAILURES = 3;

async function info(url: string, boardId: string, token: string): Promise<Response> {
  return fetch(`${url}/api/boards/${boardId}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('failed credential attempts', () => {
  it('over HTTP: 429 with Retry-After after the limit, for tokens and join codes; a proven link keeps working', async () => {
    const s = await startServer({ authFailuresPerWindow: FAILURES, authFailureWindowS: 60, authBlockS: 120 });
    const board = await createBoard(s.url);
    // A real participant used the link from this address before anyone started guessing.
    const ana = await joinWriter(s.url, board, board.tokens.participant, { name: 'Ana', role: 'customer', department: '' });
    const anaBoard = connectClient(s.wsUrl, board.id, ana.params);
    await synced(anaBoard);
    expect((await info(s.url, board.id, board.tokens.participant)).status).toBe(200);

    for (let i = 0; i < FAILURES; i++) expect((await info(s.url, board.id, `guess-${i}`.padEnd(43, 'x'))).status).toBe(401);
    const refused = await info(s.url, board.id, 'guess-next'.padEnd(43, 'x'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(API_ERROR.tooManyAttempts);
    // Not even a right credential is checked unless this address proved it before: nothing leaks.
    expect((await info(s.url, board.id, board.tokens.projector)).status).toBe(429);
    expect((await fetch(`${s.url}/api/join/ABCD-EFGH-JKLM`)).status).toBe(429);
    // The participant who proved the link goes on: HTTP, a new socket, the socket already open.
    expect((await info(s.url, board.id, board.tokens.participant)).status).toBe(200);
    const again = connectClient(s.wsUrl, board.id, ana.params);
    await synced(again);
    expect(anaBoard.closes).toEqual([]);
    // A wrong token over WebSocket from the blocked address is refused with 4430, unchecked.
    expect((await rawClient(`${s.wsUrl}/${board.id}?token=${'w'.repeat(43)}`).closed).code).toBe(CLOSE.tooManyAttempts);
  });

  it('over WebSocket: wrong tokens and member keys count; then 4430 and 429 for anything unproven', async () => {
    const s = await startServer({ authFailuresPerWindow: FAILURES, authFailureWindowS: 60, authBlockS: 120 });
    const board = await createBoard(s.url);
    const ana = await joinWriter(s.url, board, board.tokens.participant, { name: 'Ana', role: 'customer', department: '' });
    expect((await rawClient(`${s.wsUrl}/${board.id}?token=${'a'.repeat(43)}`).closed).code).toBe(CLOSE.unauthorized);
    expect((await rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.participant}&member=${'k'.repeat(43)}`).closed).code).toBe(CLOSE.unauthorized);
    expect((await rawClient(`${s.wsUrl}/${board.id}/private/${ana.author.id}?token=${board.tokens.participant}&member=${'m'.repeat(43)}`).closed).code).toBe(CLOSE.forbidden);
    expect((await rawClient(`${s.wsUrl}/${board.id}?token=${'b'.repeat(43)}`).closed).code).toBe(CLOSE.tooManyAttempts);
    // Ana never proved her member key from here: she waits like everyone else (the stock client stops on 4430).
    const blocked = connectClient(s.wsUrl, board.id, ana.params);
    await new Promise<void>((resolve) => blocked.provider.once('connection-close', () => resolve()));
    expect(blocked.closes[0]?.code).toBe(CLOSE.tooManyAttempts);
    expect((await info(s.url, board.id, board.tokens.facilitator)).status).toBe(429);
  });

  it('limits come from config with safe defaults; bad values stop the server naming the variable', () => {
    const defaults = defaultConfig();
    expect(defaults.authFailuresPerWindow).toBe(20);
    expect(defaults.authFailureWindowS).toBe(60);
    expect(defaults.authBlockS).toBe(300);
    expect(loadConfig({ AUTH_FAILURES_PER_WINDOW: '5', AUTH_BLOCK_S: '900' })).toMatchObject({ authFailuresPerWindow: 5, authBlockS: 900 });
    expect(() => loadConfig({ AUTH_FAILURES_PER_WINDOW: '0' })).toThrow(/AUTH_FAILURES_PER_WINDOW/);
    expect(() => loadConfig({ AUTH_BLOCK_S: 'soon' })).toThrow(/AUTH_BLOCK_S/);
  });
});
