/**
 * Join links that work in the room, over real HTTP: a board created from localhost hands out the machine's
 * LAN address for the participant, projector and join links; PUBLIC_URL wins everywhere; the board info
 * says when other devices cannot reach the links.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { BoardInfoResponse, CreateBoardResponse, RotateLinkResponse } from '../../shared/api.js';
import { startServer } from '../helpers/server.js';

/** An address from TEST-NET-1 (RFC 5737), standing in for the laptop's Wi-Fi address. */
const LAN = '192.0.2.10';

async function create(url: string): Promise<CreateBoardResponse> {
  const res = await fetch(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Room' }) });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateBoardResponse;
}

async function info(url: string, id: string, link: string): Promise<BoardInfoResponse> {
  const token = new URL(link).hash.replace('#token=', '');
  const res = await fetch(`${url}/api/boards/${id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as BoardInfoResponse;
}

/** GET with a chosen Host header (fetch may not set it), as a browser that opened the server by that name. */
function getWithHost(url: string, host: string, token: string): Promise<BoardInfoResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host, authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(JSON.parse(body) as BoardInfoResponse));
    });
    req.on('error', reject);
  });
}

describe('room links', () => {
  it('opened as localhost on a server reachable from the room: LAN links, no warning', async () => {
    const s = await startServer({ host: '0.0.0.0' }, undefined, () => LAN);
    const local = s.url.replace('0.0.0.0', 'localhost');
    const port = new URL(s.url).port;
    const { id, links } = await create(local);
    expect(new URL(links.facilitator).host).toBe(`localhost:${port}`);
    expect(new URL(links.participant).host).toBe(`${LAN}:${port}`);
    expect(new URL(links.projector).host).toBe(`${LAN}:${port}`);
    const fac = await info(local, id, links.facilitator);
    expect(fac.roomUrl).toBe(`http://${LAN}:${port}`);
    expect(fac.joinUrl).toBe(`http://${LAN}:${port}/j/${fac.joinCode}`);
    expect(fac.roomProblem).toBeUndefined();
    const rotated = await fetch(`${local}/api/boards/${id}/links/join`, {
      method: 'POST',
      headers: { authorization: `Bearer ${new URL(links.facilitator).hash.replace('#token=', '')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const join = (await rotated.json()) as RotateLinkResponse;
    expect(join.link).toBe(`http://${LAN}:${port}/j/${join.joinCode}`);
    // a projector that opened the board by a name of the room's network keeps that name
    const viaLan = await getWithHost(`${local}/api/boards/${id}`, `laptop.lan:${port}`, new URL(links.projector).hash.replace('#token=', ''));
    expect(viaLan.joinUrl).toBe(`http://laptop.lan:${port}/j/${join.joinCode}`);
  });

  it('a server bound to 127.0.0.1 warns the facilitator', async () => {
    const s = await startServer({ host: '127.0.0.1' }, undefined, () => LAN);
    const { id, links } = await create(s.url);
    expect(new URL(links.participant).hostname).toBe('127.0.0.1');
    const fac = await info(s.url, id, links.facilitator);
    expect(fac.roomProblem).toMatch(/listens on 127\.0\.0\.1 only/);
  });

  it('PUBLIC_URL wins for every link, the join link and rotated links', async () => {
    const publicUrl = 'https://journey.example.org';
    const s = await startServer({ host: '127.0.0.1', publicUrl }, undefined, () => LAN);
    const { id, links } = await create(s.url);
    for (const link of Object.values(links)) expect(link.startsWith(`${publicUrl}/b/${id}#token=`)).toBe(true);
    const participant = await info(s.url, id, links.participant);
    expect(participant.joinUrl).toBe(`${publicUrl}/j/${participant.joinCode}`);
    expect(participant.roomProblem).toBeUndefined();
    const res = await fetch(`${s.url}/api/boards/${id}/links/projector`, {
      method: 'POST',
      headers: { authorization: `Bearer ${new URL(links.facilitator).hash.replace('#token=', '')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(((await res.json()) as RotateLinkResponse).link.startsWith(`${publicUrl}/b/${id}#token=`)).toBe(true);
  });
});
