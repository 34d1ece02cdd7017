/** Per-address limits on board creation and join-code lookups (embedded mode: counted in memory). */
import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.js';

const create = (url: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ title: 'Limited' }) });

describe('rate limits', () => {
  it('refuses board creation over the per-minute budget with 429, Retry-After and code rate_limited', async () => {
    const s = await startServer({ boardsPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await create(s.url)).status).toBe(201);
    const refused = await create(s.url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Other routes are not affected.
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('limits join-code lookups, whether the code exists or not', async () => {
    const s = await startServer({ joinLookupsPerMinute: 2 });
    expect((await fetch(`${s.url}/api/join/AAAA-BBBB-CCCC`)).status).toBe(404);
    expect((await fetch(`${s.url}/api/join/AAAA-BBBB-CCCD`)).status).toBe(404);
    expect((await fetch(`${s.url}/api/join/AAAA-BBBB-CCCE`)).status).toBe(429);
  });

  it('counts per client address from X-Forwarded-For only when TRUST_PROXY says a proxy is in front', async () => {
    const trusting = await startServer({ boardsPerMinute: 1, trustProxyHops: 1 });
    expect((await create(trusting.url, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(201);
    expect((await create(trusting.url, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(201);
    expect((await create(trusting.url, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
    // Without TRUST_PROXY the header is ignored: a client cannot escape its budget by forging it.
    const direct = await startServer({ boardsPerMinute: 1 });
    expect((await create(direct.url, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(201);
    expect((await create(direct.url, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(429);
  });
});
