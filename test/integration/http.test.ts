/** HTTP API: creation, info, members, health, time, and every error as JSON. */
import { describe, expect, it } from 'vitest';
import { API_ERROR, type BoardInfoResponse, type HealthResponse } from '../../shared/api.js';
import { createBoard, joinMember } from '../helpers/api.js';
import { startServer } from '../helpers/server.js';

async function expectError(res: Response, status: number, code: string): Promise<{ error: { code: string; message: string; details?: unknown } }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body;
}

const post = (url: string, body: string, type = 'application/json', headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': type, ...headers }, body });

describe('http', () => {
  it('creates a board with three links and answers info per token', async () => {
    const s = await startServer();
    const board = await createBoard(s.url, 'Onboarding journey');
    expect(board.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(board.links.facilitator.startsWith(`${s.url}/b/${board.id}#token=`)).toBe(true);
    const tokens = new Set(Object.values(board.tokens));
    expect(tokens.size).toBe(3);
    for (const role of ['facilitator', 'participant', 'projector'] as const) {
      const res = await fetch(`${s.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens[role]}` } });
      expect(res.status).toBe(200);
      const info = (await res.json()) as BoardInfoResponse;
      expect(info).toMatchObject({ id: board.id, title: 'Onboarding journey', role });
    }
    const byQuery = await fetch(`${s.url}/api/boards/${board.id}?token=${board.tokens.projector}`);
    expect(((await byQuery.json()) as BoardInfoResponse).role).toBe('projector');
    await expectError(await fetch(`${s.url}/api/boards/${board.id}`), 401, API_ERROR.unauthorized);
    expect(res(await fetch(`${s.url}/healthz`))).toBeDefined();
  });

  it('joins members by link role', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const fac = await joinMember(s.url, board.id, board.tokens.facilitator, { name: 'Fay' });
    expect(fac.role).toBe('facilitator');
    const part = await joinMember(s.url, board.id, board.tokens.participant, { name: 'Pia', role: 'customer', department: 'Sales' });
    expect(part).toMatchObject({ role: 'customer', name: 'Pia', department: 'Sales' });
    expect(part.memberId).not.toBe(fac.memberId);
    const noRole = await post(`${s.url}/api/boards/${board.id}/members`, JSON.stringify({ name: 'X' }), 'application/json', { authorization: `Bearer ${board.tokens.participant}` });
    await expectError(noRole, 400, API_ERROR.invalidBody);
    const projector = await post(`${s.url}/api/boards/${board.id}/members`, JSON.stringify({ name: 'X' }), 'application/json', { authorization: `Bearer ${board.tokens.projector}` });
    await expectError(projector, 403, API_ERROR.forbidden);
  });

  it('answers every error as JSON', async () => {
    const s = await startServer();
    await expectError(await post(`${s.url}/api/boards`, '{"title":'), 400, API_ERROR.badRequest);
    await expectError(await post(`${s.url}/api/boards`, 'title=x', 'application/x-www-form-urlencoded'), 415, API_ERROR.unsupportedMediaType);
    await expectError(await post(`${s.url}/api/boards`, JSON.stringify({ title: 'x'.repeat(70 * 1024) })), 413, API_ERROR.payloadTooLarge);
    const invalid = await expectError(await post(`${s.url}/api/boards`, JSON.stringify({ title: '' })), 400, API_ERROR.invalidBody);
    expect(invalid.error.details).toEqual([expect.objectContaining({ path: 'title' })]);
    await expectError(await post(`${s.url}/api/boards`, JSON.stringify({ title: 'ok', extra: 1 })), 400, API_ERROR.invalidBody);
    await expectError(await fetch(`${s.url}/api/boards/AAAAAAAAAAAAAAAA?token=x`), 404, API_ERROR.notFound);
    await expectError(await fetch(`${s.url}/api/boards/bad.id?token=x`), 404, API_ERROR.notFound);
    await expectError(await fetch(`${s.url}/api/boards/%ff`), 400, API_ERROR.badRequest);
    await expectError(await fetch(`${s.url}/api/nothing-here`), 404, API_ERROR.notFound);
  });

  it('names what is wrong in a body with zod\'s English messages', async () => {
    const s = await startServer();
    const message = async (body: unknown): Promise<string> =>
      (await expectError(await post(`${s.url}/api/boards`, JSON.stringify(body)), 400, API_ERROR.invalidBody)).error.message;
    expect(await message({ title: 5 })).toBe('title: Invalid input: expected string, received number');
    expect(await message({ title: 'ok', extra: 1 })).toBe('body: Unrecognized key: "extra"');
    expect(await message({ title: 'ok', template: 'nope' })).toMatch(/^template: Invalid option: expected one of "default"\|/);
    expect(await message({ title: 'ok', persona: { name: 'x'.repeat(500) } })).toMatch(/^persona\.name: at most \d+ characters$/);
  });

  it('reports health and time, sets security headers, and explains a missing client build', async () => {
    const s = await startServer();
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await health.json()) as HealthResponse).toMatchObject({ status: 'ok', rooms: 0, connections: 0, pendingUpdates: 0 });
    const time = (await (await fetch(`${s.url}/api/time`)).json()) as { now: number };
    expect(Math.abs(time.now - Date.now())).toBeLessThan(60_000);
    const page = await fetch(`${s.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('npm run build');
  });
});

function res(r: Response): Response {
  expect(r.status).toBe(200);
  return r;
}
