/**
 * The banner while someone types (client/src/session/connection-status.ts, jr-connection-banner.ts): a run of
 * keystrokes reads "Saving…" once and "Saved" after it, not a flicker per key; while saves land quickly the
 * ring stands still, so typing does not keep an endless animation running for the browser to composite; once
 * a save has waited a second, it turns. The slow save is made by holding back the server's `saved` messages
 * on their way to the page (the real server, the real page, the socket routed by the browser).
 */
import path from 'node:path';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AUTH_MESSAGE, MESSAGE } from '../shared/protocol.js';
import { expectNoAxeViolations } from './helpers/axe.js';
import { openPage, RESULTS_DIR } from './helpers/pages.js';
import { seedBoard } from './helpers/seed.js';
import type { RunningServer } from './helpers/server.js';
import { withServerAndBrowser } from './helpers/suite.js';

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const LAPTOP = { width: 1280, height: 800 };

/**
 * Installed before the page's scripts: every time the banner's state changes, records the state and how many
 * animations its ring runs (the banner lives in nested shadow roots; a MutationObserver per root it passes).
 */
const RECORDER = `(() => {
  const seen = (window.__savingSeen = []);
  const find = (root) => {
    const direct = root.querySelector('jr-connection-banner');
    if (direct) return direct;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const found = find(el.shadowRoot); if (found) return found; }
    return null;
  };
  const record = (banner) => {
    const view = banner.shadowRoot.querySelector('[data-state]');
    const ring = banner.shadowRoot.querySelector('.spinner');
    seen.push({ state: view ? view.dataset.state : null, animations: ring ? ring.getAnimations().length : 0, at: performance.now() });
  };
  const watch = () => {
    const banner = find(document);
    if (!banner || !banner.shadowRoot) return void setTimeout(watch, 20);
    new MutationObserver(() => record(banner)).observe(banner.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
    record(banner);
  };
  watch();
})();`;

interface Seen {
  state: string | null;
  animations: number;
  /** performance.now() in the page */
  at: number;
}

const seenIn = (page: Page): Promise<Seen[]> => page.evaluate<Seen[]>('window.__savingSeen');

const bannerState = (page: Page): Promise<string | null> => page.locator('jr-connection-banner [data-state]').getAttribute('data-state');

/** A server frame that says "saved" (y-websocket's auth message, our subtype). */
function isSaved(message: string | Buffer): boolean {
  return typeof message !== 'string' && message[0] === MESSAGE.auth && message[1] === AUTH_MESSAGE.saved;
}

describe('the saving banner', () => {
  it('reads "Saving…" once for a run of keys with a still ring, and turns the ring once a save has waited a second', async () => {
    const { board } = await seedBoard(server.url, { title: 'Saving ring', notes: 0, text: () => '' });
    const ada = await openPage(browser, { viewport: LAPTOP });
    await ada.context.addInitScript(RECORDER);
    let holdSaved = false;
    let routed: WebSocketRoute | undefined;
    await ada.page.routeWebSocket(/\/ws/, (ws) => {
      routed = ws;
      const upstream = ws.connectToServer();
      ws.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) => {
        if (holdSaved && isSaved(message)) return;
        ws.send(message);
      });
    });

    await ada.page.goto(board.links.participant);
    await ada.page.getByLabel('Your name').fill('Ada');
    await ada.page.getByRole('radio', { name: /a stakeholder/ }).check();
    await ada.page.getByLabel(/^Department/).fill('Support');
    await ada.page.getByRole('button', { name: 'Join the board' }).click();
    await ada.page.getByRole('region', { name: 'Journey map' }).waitFor();
    expect(routed, 'the board connects through the routed socket').toBeDefined();

    // -- typing with quick saves: "saving" comes and goes with every keystroke, the ring never turns
    await ada.page.getByRole('button', { name: 'Add note to Discover, Doing' }).click();
    const field = ada.page.getByRole('textbox', { name: 'Note text by Ada' });
    await field.waitFor();
    await field.pressSequentially('the invoice is hard to find', { delay: 30 });
    await expect.poll(() => bannerState(ada.page), { timeout: 10_000 }).toBe('saved');
    const typing = await seenIn(ada.page);
    const saving = typing.filter((s) => s.state === 'saving');
    expect(saving.length, 'the banner showed "saving" while Ada typed').toBeGreaterThan(0);
    expect(saving.filter((s) => s.animations > 0), 'a ring that turned during a quick save').toEqual([]);
    expect(typing.at(-1)).toMatchObject({ state: 'saved', animations: 0 });
    const states = typing.map((s) => s.state).filter((state, i, all) => i === 0 || state !== all[i - 1]);
    expect(states.slice(states.indexOf('saving')), 'one "Saving…" for the whole run of keys').toEqual(['saving', 'saved']);

    // -- a save that does not land: after a second of "saving" the ring turns
    holdSaved = true;
    await field.press('End');
    await field.pressSequentially(' again');
    await expect
      .poll(async () => (await seenIn(ada.page)).at(-1)?.animations ?? 0, { timeout: 5_000 })
      .toBeGreaterThan(0);
    const held = (await seenIn(ada.page)).slice(typing.length);
    const began = held.find((s) => s.state === 'saving')!;
    const turned = held.find((s) => s.animations > 0)!;
    expect(turned.state).toBe('saving');
    expect(turned.at - began.at, 'the ring waits a second before it turns').toBeGreaterThanOrEqual(950);
    await ada.page.screenshot({ path: path.join(RESULTS_DIR, 'saving-slow-laptop.png') });
    await expectNoAxeViolations(ada.page, 'a board while a save is slow');

    // -- the next `saved` covers everything (the count is cumulative): the ring stops
    holdSaved = false;
    await field.pressSequentially('!');
    await expect.poll(() => bannerState(ada.page), { timeout: 10_000 }).toBe('saved');
    expect((await seenIn(ada.page)).at(-1)).toMatchObject({ state: 'saved', animations: 0 });
    expect(ada.errors).toEqual([]);
    await ada.context.close();
  });
});
