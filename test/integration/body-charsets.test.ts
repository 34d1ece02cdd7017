/**
 * Request bodies in their declared charset, through the real HTTP server: as the TypeScript sources run it, and as
 * the built bundle runs it, where `iconv-lite` is server/http/lazy-iconv.ts (UTF-8 itself, the real package for
 * any other charset) and JSON files are parsed with JSON.parse (see scripts/bundle-server.mjs); and the bundle's
 * content types, which come from mime-db.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BoardInfoResponse, CreateBoardResponse } from '../../shared/api.js';
import { createBoard, postInPieces } from '../helpers/api.js';
import { spawnServer } from '../helpers/process.js';
import { startServer, tempDir } from '../helpers/server.js';
import { useTestBundle } from '../helpers/bundle.js';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

interface ErrorBody {
  error: { code: string; message: string; details?: { errors: { line: number; message: string }[] } };
}

/** A UTF-8 JSON body with a BOM and two multibyte characters, each split across two reads. */
async function utf8JsonInPieces(url: string): Promise<void> {
  const created = await postInPieces(`${url}/api/boards`, { 'content-type': 'application/json; charset=utf-8' }, [
    bytes([0xef, 0xbb]),
    bytes([0xbf], '{"title":"Caf', [0xc3]),
    bytes([0xa9], ' ', [0xe2, 0x98]),
    bytes([0x95], ' ', [0xf0, 0x9f, 0x97]),
    bytes([0xba], '","persona":{"name":"Pat"}}'),
  ]);
  expect(created.status, created.body).toBe(201);
  const board = JSON.parse(created.body) as CreateBoardResponse;
  const token = new URL(board.links.facilitator).hash.replace(/^#token=/, '');
  const info = await fetch(`${url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(((await info.json()) as BoardInfoResponse).title).toBe('Café ☕ 🗺');
}

/** A windows-1252 CSV: 0xE9 is é and 0x80 is € (in latin1 it would be a control character); rows echo in the errors. */
async function windows1252Csv(url: string): Promise<void> {
  const board = await createBoard(url);
  const res = await fetch(`${url}/api/boards/${board.id}/metrics`, {
    method: 'POST',
    headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'text/csv; charset=windows-1252' },
    body: bytes('stage,metric,value\nCaf', [0xe9], ',Visits,1\nPay,CSAT,', [0x80], '3\n'),
  });
  expect(res.status).toBe(400);
  const errors = ((await res.json()) as ErrorBody).error.details?.errors ?? [];
  expect(errors.map((e) => e.line)).toEqual([2, 3]);
  expect(errors[0]?.message).toMatch(/^unknown stage "Café" /);
  expect(errors[1]?.message).toBe('value "€3" is not a number');
}

/** A charset nobody knows: 415, as before. */
async function unknownCharset(url: string): Promise<void> {
  const board = await createBoard(url);
  for (const charset of ['x-no-such-charset', 'utf-99']) {
    const res = await fetch(`${url}/api/boards/${board.id}/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': `text/csv; charset=${charset}` },
      body: 'Pay,CSAT,1\n',
    });
    expect(res.status, charset).toBe(415);
    expect(((await res.json()) as ErrorBody).error).toEqual({ code: 'unsupported_media_type', message: 'unsupported content type or encoding' });
  }
}

describe('request body charsets, TypeScript sources', () => {
  it('decodes a UTF-8 JSON body split inside its BOM and inside multibyte characters', async () => {
    const s = await startServer();
    await utf8JsonInPieces(s.url);
  });

  it('decodes a windows-1252 CSV body', async () => {
    const s = await startServer();
    await windows1252Csv(s.url);
  });

  it('answers 415 to an unknown charset', async () => {
    const s = await startServer();
    await unknownCharset(s.url);
  });
});

describe('built server bundle', { timeout: 120_000 }, () => {
  const bundleMain = useTestBundle();

  it('decodes UTF-8 in pieces and windows-1252, and answers 415 to an unknown charset', async () => {
    expect(await fs.readFile(bundleMain(), 'utf8')).not.toContain('windows1252');
    const s = await spawnServer(await tempDir(), {}, [bundleMain()]);
    await utf8JsonInPieces(s.url);
    await windows1252Csv(s.url);
    await unknownCharset(s.url);
  });

  it('answers with the content types of mime-db (a JSON file the bundle parses with JSON.parse)', async () => {
    const clientDir = await tempDir();
    const files = { 'index.html': '<!doctype html>', 'app.js': '', 'app.css': '', 'site.webmanifest': '{}', 'icon.svg': '<svg/>', 'font.woff2': '', 'data.csv': '' };
    for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(clientDir, name), text);
    const s = await spawnServer(await tempDir(), { CLIENT_DIR: clientDir }, [bundleMain()]);
    const typeOf = async (file: string): Promise<string | null> => (await fetch(`${s.url}/${file}`)).headers.get('content-type');
    expect(await typeOf('')).toBe('text/html; charset=utf-8');
    expect(await typeOf('app.js')).toBe('text/javascript; charset=utf-8');
    expect(await typeOf('app.css')).toBe('text/css; charset=utf-8');
    expect(await typeOf('site.webmanifest')).toBe('application/manifest+json; charset=utf-8');
    expect(await typeOf('icon.svg')).toBe('image/svg+xml');
    expect(await typeOf('font.woff2')).toBe('font/woff2');
    expect(await typeOf('data.csv')).toBe('text/csv; charset=utf-8');
    expect((await fetch(`${s.url}/api/time`)).headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});
