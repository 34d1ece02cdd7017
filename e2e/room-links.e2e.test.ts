/**
 * Join links that work in the room, in real browsers. The facilitator's laptop opens the board as localhost;
 * the panel, the projector's QR code and a participant's Invite box all show the link the server built on the
 * room address (here 127.0.0.1 stands in for the laptop's Wi-Fi address, so a second browser can open it).
 * A server bound to loopback only makes the panel warn; PUBLIC_URL wins over the page's own address.
 * Saves test-results/room-links-*.png.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './helpers/browser.js';
import { startServer, type RunningServer, type ServerOptions } from './helpers/server.js';
import { computedStyles } from './helpers/style.js';
import { LAPTOP, PROJECTOR, PHONE } from './helpers/pages.js';

const RESULTS_DIR = path.resolve('test-results');

let browser: Browser;
const servers: RunningServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  await fs.mkdir(RESULTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

async function serve(options: ServerOptions): Promise<RunningServer> {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

async function page(viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

/** Creates a board from the start page at `origin` and opens it as the facilitator; returns the links shown. */
async function createAsFacilitator(fac: Page, origin: string): Promise<Record<'facilitator' | 'participant' | 'projector', string>> {
  await fac.goto(origin);
  await fac.getByLabel('Workshop title').fill('Room links');
  await fac.getByLabel('Persona name').fill('Sam');
  await fac.getByRole('button', { name: 'Create board' }).click();
  await fac.getByRole('heading', { name: 'Your board is ready' }).waitFor();
  const links = {
    facilitator: await fac.getByLabel('Facilitator link', { exact: true }).inputValue(),
    participant: await fac.getByLabel('Participant link', { exact: true }).inputValue(),
    projector: await fac.getByLabel('Projector link', { exact: true }).inputValue(),
  };
  // the three links say who they are for, in words and colour
  const tags = await fac.locator('jr-copy-link [data-kind-tag]').allTextContents();
  expect(tags).toEqual(['Private: only for you', 'Share with people taking part', 'Big screen, read-only']);
  const colours = await computedStyles(fac.locator('jr-copy-link .field'), 'border-left-color');
  expect(new Set(colours).size).toBe(3);
  await fac.screenshot({ path: path.join(RESULTS_DIR, 'room-links-created.png') });
  await fac.goto(links.facilitator);
  await fac.getByLabel('Your name').fill('Fran');
  await fac.getByRole('button', { name: 'Join the board' }).click();
  await fac.getByRole('complementary', { name: 'Facilitator panel' }).waitFor();
  return links;
}

describe('join links in the room', () => {
  it('opened as localhost: panel, projector and the Invite box use the room address, and it works', async () => {
    const server = await serve({ host: '0.0.0.0', lanAddress: () => '127.0.0.1' });
    const port = new URL(server.url).port;
    const local = `http://localhost:${port}`;
    const room = `http://127.0.0.1:${port}`;
    const fac = await page();
    const links = await createAsFacilitator(fac, local);
    expect(links.facilitator.startsWith(`${local}/b/`)).toBe(true);
    expect(links.participant.startsWith(`${room}/b/`)).toBe(true);
    expect(links.projector.startsWith(`${room}/b/`)).toBe(true);

    const panel = fac.getByRole('complementary', { name: 'Facilitator panel' });
    await panel.getByText('Invite people').click();
    const joinLink = await panel.getByLabel('Join link', { exact: true }).inputValue();
    const code = await panel.locator('[data-join-code]').getAttribute('data-join-code');
    expect(joinLink).toBe(`${room}/j/${code}`);
    expect(await panel.locator('[data-room-problem]').count()).toBe(0);
    await panel.locator('jr-panel-links').screenshot({ path: path.join(RESULTS_DIR, 'room-links-panel.png') });

    // the projector, opened from its (room) link, shows the same join link under its QR code
    const projector = await page(PROJECTOR);
    await projector.goto(links.projector);
    await expect.poll(() => projector.locator('[data-join-url]').getAttribute('data-join-url')).toBe(joinLink);
    expect(await projector.locator('jr-projector-session .url').textContent()).toBe(`127.0.0.1:${port}/j`);

    // a phone opens the join link (what the QR code holds), joins, and can pass the short link on
    const phone = await (await browser.newContext(PHONE)).newPage();
    await phone.goto(joinLink);
    await phone.getByLabel('Your name').fill('Pia');
    await phone.getByRole('radio', { name: /a customer/ }).check();
    await phone.getByRole('button', { name: 'Join the board' }).click();
    await phone.locator('jr-phone-board').getByRole('heading', { name: /Discover/ }).waitFor();
    await phone.getByRole('button', { name: 'Invite' }).click();
    const invite = phone.locator('jr-invite');
    expect(await invite.getByLabel('Join link', { exact: true }).inputValue()).toBe(joinLink);
    expect(await invite.locator('[data-invite-code]').getAttribute('data-invite-code')).toBe(code);
    expect(await invite.locator('jr-qr-code svg path').count()).toBe(1);
    // a participant is not shown the facilitator's other links
    expect(await invite.getByLabel('Projector link', { exact: true }).count()).toBe(0);
    await phone.screenshot({ path: path.join(RESULTS_DIR, 'room-links-phone-invite.png') });

    // a new join code reaches the panel's link at once, on the room address
    await panel.getByRole('button', { name: 'New join code…' }).click();
    await fac.getByRole('button', { name: 'Issue a new code' }).click();
    await expect.poll(() => panel.getByLabel('Join link', { exact: true }).inputValue()).not.toBe(joinLink);
    expect(await panel.getByLabel('Join link', { exact: true }).inputValue()).toMatch(new RegExp(`^${room}/j/[2-9A-Z]{12}$`));
  });

  it('a server bound to 127.0.0.1 only: the panel warns that other devices cannot join', async () => {
    const server = await serve({ host: '127.0.0.1', lanAddress: () => '192.0.2.10' });
    const fac = await page();
    await createAsFacilitator(fac, server.url);
    const panel = fac.getByRole('complementary', { name: 'Facilitator panel' });
    const warning = panel.locator('[data-room-problem]');
    // the Invite section opens by itself when the links will not work
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/Other devices cannot open these links\..*HOST=0\.0\.0\.0/s);
    await panel.locator('jr-panel-links').screenshot({ path: path.join(RESULTS_DIR, 'room-links-warning.png') });
  });

  it('PUBLIC_URL wins over the address the page was opened with', async () => {
    const publicUrl = 'https://journey.example.org';
    const server = await serve({ host: '127.0.0.1', publicUrl, lanAddress: () => '192.0.2.10' });
    const fac = await page();
    await fac.goto(server.url);
    await fac.getByLabel('Workshop title').fill('Behind a proxy');
    await fac.getByLabel('Persona name').fill('Sam');
    await fac.getByRole('button', { name: 'Create board' }).click();
    await fac.getByRole('heading', { name: 'Your board is ready' }).waitFor();
    for (const label of ['Facilitator link', 'Participant link', 'Projector link']) {
      expect(await fac.getByLabel(label, { exact: true }).inputValue()).toMatch(new RegExp(`^${publicUrl}/b/`));
    }
    // open the board at the server's own address (the proxy is not there in the test), as the facilitator
    const facilitator = new URL(await fac.getByLabel('Facilitator link', { exact: true }).inputValue());
    await fac.goto(`${server.url}${facilitator.pathname}${facilitator.hash}`);
    await fac.getByLabel('Your name').fill('Fran');
    await fac.getByRole('button', { name: 'Join the board' }).click();
    const panel = fac.getByRole('complementary', { name: 'Facilitator panel' });
    await panel.getByText('Invite people').click();
    expect(await panel.getByLabel('Join link', { exact: true }).inputValue()).toMatch(new RegExp(`^${publicUrl}/j/[2-9A-Z]{12}$`));
    expect(await panel.locator('[data-room-problem]').count()).toBe(0);
    const projectorLink = new URL(await panel.getByLabel('Projector link', { exact: true }).inputValue());
    const projector = await page(PROJECTOR);
    await projector.goto(`${server.url}${projectorLink.pathname}${projectorLink.hash}`);
    await expect.poll(() => projector.locator('[data-join-url]').getAttribute('data-join-url')).toMatch(new RegExp(`^${publicUrl}/j/`));
  });
});
