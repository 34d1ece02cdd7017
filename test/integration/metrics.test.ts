/** GET /metrics (off by default, bearer token when on) and what /healthz says about the store and Redis, embedded mode. */
import { describe, expect, it } from 'vitest';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { createBoard, joinWriter } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { startServer } from '../helpers/server.js';

const TOKEN = 'metrics-token-0123456789';

describe('metrics and health', () => {
  it('/metrics is off (404) unless a token is configured', async () => {
    const s = await startServer();
    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('with a token: 401 without it or with a wrong one, the Prometheus text with it', async () => {
    const s = await startServer({ metricsToken: TOKEN });
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${s.url}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);

    const board = await createBoard(s.url);
    // Notes are created by joined members only (the server stamps their author fields).
    const { author, params } = await joinWriter(s.url, board, board.tokens.participant);
    const writer = connectClient(s.wsUrl, board.id, params);
    const reader = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
    await Promise.all([synced(writer), synced(reader)]);
    addNote(writer.doc, { stageId: stageIds(writer.doc)[0]!, laneId: laneIds(writer.doc)[0]!, text: 'counted', author });
    await waitFor(() => readNotes(reader.doc).length === 1, 'note fanned out');
    const scrape = async (): Promise<string> => {
      const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      return res.text();
    };
    const text = await waitFor(async () => {
      const body = await scrape();
      return /journeyroom_store_operation_seconds_count\{[^}]*operation="write"[^}]*\} [1-9]/.test(body) ? body : undefined;
    }, 'a commit recorded');
    expect(text).toMatch(/journeyroom_connections\{[^}]*\} 2\n/);
    expect(text).toMatch(/journeyroom_docs_loaded\{[^}]*\} [1-9]/);
    expect(text).toMatch(/journeyroom_updates_applied_total\{[^}]*origin="local"[^}]*\} [1-9]/);
    expect(text).toMatch(/journeyroom_unstored_bytes\{/);
    expect(text).toMatch(/journeyroom_redis_up\{[^}]*\} -1\n/);
    expect(text).toMatch(/journeyroom_redis_stream_lag_seconds\{/);
    expect(text).toMatch(/journeyroom_store_errors_total/);

    // The count of applied updates is a counter: each scrape shows all of them so far, none twice.
    const applied = (body: string): number => Number(/journeyroom_updates_applied_total\{[^}]*origin="local"[^}]*\} (\d+)/.exec(body)?.[1]);
    const first = applied(text);
    expect(applied(await scrape())).toBe(first);
    for (const note of ['two', 'three', 'four']) addNote(writer.doc, { stageId: stageIds(writer.doc)[0]!, laneId: laneIds(writer.doc)[0]!, text: note, author });
    await waitFor(() => readNotes(reader.doc).length === 4, 'three more notes fanned out');
    expect(applied(await scrape())).toBe(first + 3);
    expect(applied(await scrape())).toBe(first + 3);
  });

  it('counts connections the server closed by close code', async () => {
    const s = await startServer({ metricsToken: TOKEN });
    const board = await createBoard(s.url);
    // A text frame is refused with 1003.
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(`${s.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send('not binary');
    await new Promise((resolve) => ws.once('close', resolve));
    await waitFor(async () => {
      const body = await (await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      return /journeyroom_connections_refused_total\{[^}]*code="1003"[^}]*\} 1/.test(body);
    }, 'refusal counted under its code');
  });

  it('/healthz names the store and says the embedded mode has no Redis', async () => {
    const s = await startServer();
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', store: { kind: 'sqlite', ok: true }, redis: { state: 'local' } });
  });
});
