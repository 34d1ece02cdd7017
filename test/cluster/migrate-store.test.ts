/**
 * npm run migrate-store: a SQLite data dir with boards, members, notes and a checkpoint is copied into a fresh
 * PostgreSQL schema and checked; a second run copies nothing and checks again; a PostgreSQL-backed server then
 * serves the boards. Bad command lines are refused with exit code 2 and say why.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { defaultConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { PgStore } from '../../server/persistence/pg/pg-store.js';
import { createServer } from '../../server/server.js';
import { createBoard, joinWriter } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { dropSchema, freshSchema, pgUnavailable, skipNotice, TEST_DATABASE_URL } from '../helpers/pg.js';
import { startServer, tempDir } from '../helpers/server.js';

const unavailable = await pgUnavailable();
if (unavailable) process.stdout.write(`${skipNotice('migrate-store suite', unavailable)}\n`);

function migrate(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['--import', 'tsx', 'scripts/migrate-store.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describe.skipIf(unavailable !== undefined)('migrate-store', () => {
  it('copies every board into PostgreSQL, checks the copy, is safe to re-run, and a PostgreSQL server serves the boards', async () => {
    const dir = await tempDir();
    const s = await startServer({}, dir);
    const boards = [await createBoard(s.url, 'First journey'), await createBoard(s.url, 'Second journey')];
    for (const [i, board] of boards.entries()) {
      // Notes are created by joined members only: Ana writes them.
      const { author, params } = await joinWriter(s.url, board, board.tokens.participant, { name: `Ana ${i}`, role: 'customer', department: '' });
      const client = connectClient(s.wsUrl, board.id, params);
      await synced(client);
      for (let n = 0; n <= i; n++) addNote(client.doc, { stageId: stageIds(client.doc)[0]!, laneId: laneIds(client.doc)[0]!, text: `b${i}-n${n}`, author });
      const res = await fetch(`${s.url}/api/boards/${board.id}/checkpoints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.facilitator}` },
        body: JSON.stringify({ name: 'Before the vote' }),
      });
      expect(res.status).toBe(201);
      client.destroy();
    }
    await s.close();

    const schema = freshSchema('mig');
    onTestFinished(() => dropSchema(schema));
    const first = await migrate(['--from', dir, '--to', TEST_DATABASE_URL, '--schema', schema]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out.match(/^copied /gm)).toHaveLength(2);
    expect(first.out).toMatch(/check passed/);
    const again = await migrate(['--from', dir, '--to', TEST_DATABASE_URL, '--schema', schema]);
    expect(again.code).toBe(0);
    expect(again.out.match(/^already there /gm)).toHaveLength(2);
    expect(again.out).toMatch(/2 in SQLite, 0 copied now, 2 already there; 2 in PostgreSQL/);

    const logger = createLogger('silent');
    const store = await PgStore.open({ connectionString: TEST_DATABASE_URL, schema });
    const pgServer = createServer({ config: defaultConfig({ port: 0, host: '127.0.0.1', logLevel: 'silent', dataDir: dir, clientDir: dir }), store, logger });
    const { url } = await pgServer.listen();
    onTestFinished(() => pgServer.close());
    for (const [i, board] of boards.entries()) {
      const reader = connectClient(url.replace(/^http/, 'ws') + '/ws', board.id, { token: board.tokens.projector });
      await synced(reader);
      await waitFor(() => readNotes(reader.doc).length === i + 1, `board ${i} notes served from PostgreSQL`);
      const list = await fetch(`${url}/api/boards/${board.id}/checkpoints`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } });
      expect(((await list.json()) as { checkpoints: { name: string }[] }).checkpoints.map((c) => c.name)).toContain('Before the vote');
    }
  });

  it('refuses bad command lines with exit code 2 and a reason', async () => {
    const dir = await tempDir();
    const missing = await migrate(['--from', dir]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--from and --to are required/);
    const noDb = await migrate(['--from', dir, '--to', TEST_DATABASE_URL]);
    expect(noDb.code).toBe(2);
    expect(noDb.err).toMatch(/no SQLite database at/);
    const badUrl = await migrate(['--from', dir, '--to', 'mysql://db/x']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.err).toMatch(/--to must be a postgres:\/\/ URL/);
    const badSchema = await migrate(['--from', dir, '--to', TEST_DATABASE_URL, '--schema', 'Bad;Name']);
    expect(badSchema.code).toBe(2);
    const unknown = await migrate(['--from', dir, '--to', TEST_DATABASE_URL, '--frm', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/usage: npm run migrate-store/);
  });
});
