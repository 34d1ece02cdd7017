/** Who may open and write which doc; Origin checks; the per-board connection cap. */
import { describe, expect, it } from 'vitest';
import { CLOSE } from '../../shared/protocol.js';
import { createBoard, joinMember } from '../helpers/api.js';
import { connectClient, rawClient, synced, upgradeStatus, waitFor } from '../helpers/clients.js';
import { startServer } from '../helpers/server.js';

describe('access', () => {
  it('a participant cannot write the session doc, even with a stock client', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const fac = connectClient(s.wsUrl, `${board.id}/session`, { token: board.tokens.facilitator });
    const part = connectClient(s.wsUrl, `${board.id}/session`, { token: board.tokens.participant });
    await Promise.all([synced(fac), synced(part)]);
    // A new board starts on the first agenda phase; the participant's write must not change it.
    const initialPhase = fac.doc.getMap('state').get('phaseId');
    expect(typeof initialPhase).toBe('string');
    part.doc.getMap('state').set('phaseId', 'hijacked');
    fac.doc.getMap('state').set('locked', true);
    await waitFor(() => part.doc.getMap('state').get('locked') === true, 'participant reads the facilitator write');
    const fresh = connectClient(s.wsUrl, `${board.id}/session`, { token: board.tokens.projector });
    await synced(fresh);
    await waitFor(() => fresh.doc.getMap('state').get('locked') === true, 'fresh client synced');
    expect(fac.doc.getMap('state').get('phaseId')).toBe(initialPhase);
    expect(fresh.doc.getMap('state').get('phaseId')).toBe(initialPhase);
    for (const c of [fac, part, fresh]) c.destroy();
    await s.close();
    const s2 = await startServer({}, s.dataDir);
    const after = connectClient(s2.wsUrl, `${board.id}/session`, { token: board.tokens.facilitator });
    await synced(after);
    await waitFor(() => after.doc.getMap('state').get('locked') === true, 'stored facilitator write');
    expect(after.doc.getMap('state').get('phaseId')).toBe(initialPhase);
  });

  it('a private doc opens only for its member (4403 for another)', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const a = await joinMember(s.url, board.id, board.tokens.participant, { name: 'A', role: 'customer', department: '' });
    const b = await joinMember(s.url, board.id, board.tokens.participant, { name: 'B', role: 'stakeholder', department: 'Sales' });
    const own = connectClient(s.wsUrl, `${board.id}/private/${a.memberId}`, { token: board.tokens.participant, member: a.memberKey });
    await synced(own);
    own.doc.getMap('notes').set('draft', 'mine');
    const other = connectClient(s.wsUrl, `${board.id}/private/${a.memberId}`, { token: board.tokens.participant, member: b.memberKey });
    const closed = await new Promise<{ code: number }>((resolve) => other.provider.on('closed', (e) => resolve(e)));
    expect(closed.code).toBe(CLOSE.forbidden);
    expect(other.doc.getMap('notes').get('draft')).toBeUndefined();
    const projector = rawClient(`${s.wsUrl}/${board.id}/private/${a.memberId}?token=${board.tokens.projector}`);
    expect((await projector.closed).code).toBe(CLOSE.forbidden);
  });

  it('an invalid member key is refused with 4401', async () => {
    const s = await startServer();
    const board = await createBoard(s.url);
    const raw = rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.participant}&member=${'k'.repeat(43)}`);
    expect((await raw.closed).code).toBe(CLOSE.unauthorized);
  });

  it('refuses foreign and null origins with 403 and accepts same-origin and allowed ones', async () => {
    const s = await startServer({ allowedOrigins: ['https://app.example.org'] });
    const board = await createBoard(s.url);
    const url = `${s.wsUrl}/${board.id}?token=${board.tokens.participant}`;
    expect(await upgradeStatus(url, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { Origin: 'null' })).toBe(403);
    expect(await upgradeStatus(url, { Origin: 'https://app.example.org.evil.example' })).toBe(403);
    const same = rawClient(url, { Origin: s.url });
    await same.opened;
    const allowed = rawClient(url, { Origin: 'https://app.example.org' });
    await allowed.opened;
    expect(await upgradeStatus(`${s.url.replace('http', 'ws')}/not-ws/x`)).toBe(404);
  });

  it('the connection cap closes extra connections with 1013', async () => {
    const s = await startServer({ maxConnectionsPerBoard: 2 });
    const board = await createBoard(s.url);
    const a = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
    const b = connectClient(s.wsUrl, `${board.id}/session`, { token: board.tokens.participant });
    await Promise.all([synced(a), synced(b)]);
    const c = rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    expect((await c.closed).code).toBe(CLOSE.tryAgainLater);
    b.destroy();
    await waitFor(() => s.server.registry.connectionCount(board.id) === 1, 'slot freed');
    const d = rawClient(`${s.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    await d.opened;
    await waitFor(() => d.frames.length > 0, 'd gets the server sync step 1');
  });
});
