import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { API_ERROR, type ApiErrorBody } from '../shared/api.js';
import { CLOSE } from '../shared/protocol.js';
import { createBoard } from '../test/helpers/api.js';
import { tempDir } from '../test/helpers/server.js';
import { AppError, ERROR_TABLE, answerFor, refusalFor } from './app-error.js';
import { defaultConfig } from './config.js';
import { createLogger } from './logger.js';
import { MemoryStore } from './persistence/memory-store.js';
import { STORE_ERROR, StoreError } from './persistence/store-error.js';
import { RoomLoadError } from './rooms/registry.js';
import { createServer } from './server.js';

describe('the error table', () => {
  it('has a row for every store error code, and every row names a known API code and close code', () => {
    for (const code of Object.values(STORE_ERROR)) expect(ERROR_TABLE).toHaveProperty(code);
    const apiCodes = new Set<string>(Object.values(API_ERROR));
    const closeCodes = new Set<number>(Object.values(CLOSE));
    for (const [code, row] of Object.entries(ERROR_TABLE)) {
      expect(apiCodes, code).toContain(row.api);
      expect(closeCodes, code).toContain(row.close);
      expect(row.status >= 400 && row.status < 600, code).toBe(true);
    }
  });

  it('answers store and room failures as retryable, and anything unknown as internal', () => {
    expect(answerFor(new StoreError(STORE_ERROR.io, 'disk full'))).toMatchObject({ status: 503, close: CLOSE.tryAgainLater });
    expect(answerFor(new StoreError(STORE_ERROR.notFound, 'no board'))).toMatchObject({ status: 404, close: CLOSE.notFound });
    expect(answerFor(new StoreError(STORE_ERROR.exists, 'taken'))).toMatchObject({ status: 409, api: API_ERROR.conflict });
    expect(answerFor(new RoomLoadError('could not load'))).toMatchObject({ status: 503, close: CLOSE.tryAgainLater });
    expect(answerFor(new Error('boom'))).toMatchObject({ status: 500, api: API_ERROR.internal });
    expect(answerFor('not even an error')).toMatchObject({ status: 500 });
    expect(refusalFor(new AppError('forbidden', 'not yours'))).toEqual({ ok: false, code: CLOSE.forbidden, reason: 'not yours' });
  });
});

describe('the error middleware applies the table on every route', () => {
  it('a failing store answers 503 with the public message, whichever route reads it', async () => {
    const dir = await tempDir();
    const config = defaultConfig({ port: 0, host: '127.0.0.1', dataDir: dir, logLevel: 'silent', clientDir: path.join(dir, 'none') });
    const store = new MemoryStore();
    const server = createServer({ config, store, logger: createLogger('silent') });
    const { url } = await server.listen();
    onTestFinished(() => server.close());
    const board = await createBoard(url);
    await store.close();
    const auth = { authorization: `Bearer ${board.tokens.facilitator}` };
    const answers = await Promise.all([
      fetch(`${url}/api/boards/${board.id}`, { headers: auth }),
      fetch(`${url}/api/join/ABCDABCDABCD`),
      fetch(`${url}/api/boards/${board.id}/checkpoints`, { headers: auth }),
      fetch(`${url}/api/boards/${board.id}/attendance`, { headers: auth }),
      fetch(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'T' }) }),
    ]);
    for (const res of answers) {
      expect(res.status, res.url).toBe(503);
      const body = (await res.json()) as ApiErrorBody;
      expect(body.error).toEqual({ code: API_ERROR.unavailable, message: 'storage is unavailable, try again' });
    }
  });
});
