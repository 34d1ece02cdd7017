/**
 * The live board in a real browser: create a board on the start page, two participants join from two
 * browser contexts, add / edit / move a note and see it on the other side, see each other's presence,
 * the projector shows the note read-only, and a reload keeps everything; offline edits sync on reconnect;
 * the banner reads "Saving…" once for a run of typing with a still ring, which turns once a save has waited a
 * second (the server's `saved` messages held back through the browser's WebSocket route). Saves screenshots
 * to test-results/.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AUTH_MESSAGE, MESSAGE } from '../shared/protocol.js';
import { PROJECTOR, RESULTS_DIR } from './helpers/pages.js';
import { withServerAndBrowser } from './helpers/suite.js';
import { expectNoAxeViolations } from './helpers/axe.js';
import type { RunningServer } from './helpers/server.js';

const LAPTOP = { width: 1440, height: 900 };

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

async function newPage(viewport = LAPTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  (page as Page & { errors?: string[] }).errors = errors;
  return { context, page };
}

function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

async function join(page: Page, link: string, name: string, role: 'customer' | 'stakeholder', department = ''): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('radio', { name: new RegExp(`a ${role}`) }).check();
  if (department) await page.getByLabel(/^Department/).fill(department);
  await page.getByRole('button', { name: 'Join the board' }).click();
  await page.getByRole('region', { name: 'Journey map' }).waitFor();
}

/** The banner's state (connecting, saving, saved, offline, refused). */
async function bannerState(page: Page): Promise<string | null> {
  return page.locator('jr-connection-banner [data-state]').getAttribute('data-state');
}

/**
 * Installed before the page's scripts: every time the banner changes, records its state and how many animations
 * its ring runs (the banner is found through the nested shadow roots once it exists, then watched by one
 * MutationObserver on its own shadow root).
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

/** A server frame that says "saved" (y-websocket's auth message, our subtype). */
function isSaved(message: string | Buffer): boolean {
  return typeof message !== 'string' && message[0] === MESSAGE.auth && message[1] === AUTH_MESSAGE.saved;
}

describe('journey board in a browser', () => {
  it('creates a board, syncs notes between participants and the projector, and keeps them across a reload', async () => {
    // -- create a board on the start page
    const facilitator = await newPage();
    await facilitator.page.goto(server.url);
    await facilitator.page.getByLabel('Workshop title').fill('Onboarding journey');
    await facilitator.page.getByLabel('Persona name').fill('Sam, first-time buyer');
    await facilitator.page.getByRole('button', { name: 'Create board' }).click();
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    await facilitator.page.getByRole('heading', { name: 'Your board is ready' }).waitFor();
    await facilitator.page.screenshot({ path: path.join(RESULTS_DIR, 'links.png') });
    const participantLink = await facilitator.page.getByLabel('Participant link', { exact: true }).inputValue();
    const projectorLink = await facilitator.page.getByLabel('Projector link', { exact: true }).inputValue();
    const facilitatorLink = await facilitator.page.getByLabel('Facilitator link', { exact: true }).inputValue();
    expect(participantLink).toMatch(/\/b\/[A-Za-z0-9_-]+#token=/);
    expect(new Set([participantLink, projectorLink, facilitatorLink]).size).toBe(3);

    // -- two participants join from two browser contexts
    const ada = await newPage();
    const bo = await newPage();
    await ada.page.goto(participantLink);
    await ada.page.getByRole('button', { name: 'Join the board' }).click();
    await ada.page.getByText('Please enter your name.').waitFor();
    await ada.page.screenshot({ path: path.join(RESULTS_DIR, 'join.png') });
    await join(ada.page, participantLink, 'Ada', 'stakeholder', 'Support');
    await join(bo.page, participantLink, 'Bo', 'customer');

    // -- each sees the other's presence
    await ada.page.locator('jr-presence-bar li', { hasText: 'Bo' }).waitFor();
    await bo.page.locator('jr-presence-bar li', { hasText: 'Ada' }).waitFor();
    expect(await ada.page.locator('jr-presence-bar li', { hasText: 'Bo' }).textContent()).toContain('Customer');

    // -- the persona is the facilitator's: Fran edits it, the participants read it and get no editing fields
    await facilitator.page.goto(facilitatorLink);
    await facilitator.page.getByLabel('Your name').fill('Fran');
    await facilitator.page.getByRole('button', { name: 'Join the board' }).click();
    await facilitator.page.getByLabel('Description').fill('Busy parent, buys on the phone');
    await bo.page.locator('jr-persona-card', { hasText: 'Busy parent, buys on the phone' }).waitFor();
    expect(await ada.page.getByLabel('Description').count()).toBe(0);
    expect(await ada.page.getByRole('button', { name: '+ Stage' }).count()).toBe(0);

    // -- Ada adds a note and types; Bo sees it
    await ada.page.getByRole('button', { name: 'Add note to Discover, Doing' }).click();
    const adaText = ada.page.getByRole('textbox', { name: 'Note text by Ada' });
    // The new note's text field gets the caret, so one can type straight away.
    await expect.poll(() => adaText.evaluate((el: { getRootNode(): { activeElement: unknown } }) => el.getRootNode().activeElement === el)).toBe(true);
    await adaText.pressSequentially('Pricing page is confusing');
    const boView = bo.page.getByRole('textbox', { name: 'Note text by Ada' });
    await expect.poll(() => boView.inputValue()).toBe('Pricing page is confusing');

    // -- Bo edits the same note; Ada sees it, and Ada's own caret position is kept meanwhile
    await boView.click();
    await boView.press('End');
    await boView.pressSequentially(' and fees');
    await expect.poll(() => adaText.inputValue()).toBe('Pricing page is confusing and fees');
    await ada.page.locator('jr-note', { hasText: 'Bo is editing' }).waitFor();

    // -- Ada's caret stays where it was while Bo types before it
    await adaText.click();
    await adaText.evaluate((el: { setSelectionRange(a: number, b: number): void }) => el.setSelectionRange(16, 16));
    await boView.press('Control+Home');
    await boView.pressSequentially('NB: ');
    await expect.poll(() => adaText.inputValue()).toBe('NB: Pricing page is confusing and fees');
    await adaText.pressSequentially('very ');
    await expect.poll(() => boView.inputValue()).toBe('NB: Pricing page is very confusing and fees');

    // -- Ada moves the note by keyboard to the next stage (Buy); Bo sees it there
    const handle = ada.page.getByRole('button', { name: /^Move note/ });
    await handle.focus();
    await handle.press('Enter');
    await handle.press('ArrowRight');
    await expect.poll(() => ada.page.locator('jr-live-region [aria-live]').textContent()).toMatch(/Buy, Doing, position 1 of 1/);
    await handle.press('Enter');
    const boBuyDoing = bo.page.getByRole('group', { name: /^Buy, Doing/ });
    await expect.poll(() => boBuyDoing.getByRole('textbox', { name: 'Note text by Ada' }).count()).toBe(1);
    expect(await bo.page.getByRole('group', { name: /^Discover, Doing/ }).locator('jr-note').count()).toBe(0);

    // -- Bo drags it (HTML5 drag and drop) to the Pain points lane of the same stage; Ada sees it
    //    (scrolled into view first, as a person does: the map scrolls inside the page)
    await bo.page.getByRole('group', { name: /^Buy, Pain points/ }).scrollIntoViewIfNeeded();
    await bo.page
      .getByRole('group', { name: /^Buy, Doing/ })
      .getByRole('button', { name: /^Move note/ })
      .dragTo(bo.page.getByRole('group', { name: /^Buy, Pain points/ }));
    await expect
      .poll(() => ada.page.getByRole('group', { name: /^Buy, Pain points/ }).getByRole('textbox', { name: 'Note text by Ada' }).count())
      .toBe(1);

    // -- Bo flags it as a moment of truth; a feeling note with an emotion from Bo
    await bo.page.getByRole('button', { name: 'Moment of truth' }).click();
    await expect.poll(() => ada.page.getByRole('button', { name: 'Moment of truth' }).getAttribute('aria-pressed')).toBe('true');
    await bo.page.getByRole('button', { name: 'Add note to Onboard, Feeling' }).click();
    await bo.page.getByRole('textbox', { name: 'Note text by Bo' }).pressSequentially('Relieved it finally works');
    await bo.page.getByRole('radio', { name: 'Positive', exact: true }).check();
    await expect.poll(() => ada.page.getByRole('radio', { name: 'Positive', exact: true }).isChecked()).toBe(true);

    // -- everything is stored: the banner says so
    await expect.poll(() => bannerState(ada.page), { timeout: 10_000 }).toBe('saved');
    await expect.poll(() => bannerState(bo.page), { timeout: 10_000 }).toBe('saved');

    // -- the projector shows the notes, read-only
    const projector = await newPage(PROJECTOR);
    await projector.page.goto(projectorLink);
    await projector.page.locator('jr-note', { hasText: 'NB: Pricing page is very confusing and fees' }).waitFor();
    await projector.page.locator('jr-note', { hasText: 'Relieved it finally works' }).waitFor();
    expect(await projector.page.getByRole('textbox').count()).toBe(0);
    expect(await projector.page.getByRole('button', { name: /Add note/ }).count()).toBe(0);
    expect(await projector.page.getByLabel('Your name').count()).toBe(0);
    const scrolls = await projector.page.evaluate(
      '({ x: document.documentElement.scrollWidth > innerWidth, y: document.documentElement.scrollHeight > innerHeight })',
    );
    expect(scrolls).toEqual({ x: false, y: false });

    // -- a reload keeps the note and rejoins silently
    await ada.page.reload();
    await ada.page.getByRole('region', { name: 'Journey map' }).waitFor();
    expect(await ada.page.getByLabel('Your name').count()).toBe(0);
    await bo.page.locator('jr-presence-bar li', { hasText: 'Ada' }).waitFor();
    await ada.page.locator('jr-presence-bar li', { hasText: 'Bo' }).waitFor();
    await expect
      .poll(() => ada.page.getByRole('group', { name: /^Buy, Pain points/ }).getByRole('textbox', { name: 'Note text by Ada' }).inputValue())
      .toBe('NB: Pricing page is very confusing and fees');

    // -- screenshots for people to look at
    await bo.page.screenshot({ path: path.join(RESULTS_DIR, 'board.png') });
    await projector.page.screenshot({ path: path.join(RESULTS_DIR, 'projector.png') });
    await expectNoAxeViolations(bo.page, 'board with notes (participant)');
    await expectNoAxeViolations(projector.page, 'projector with notes');

    for (const { page } of [facilitator, ada, bo, projector]) expect(pageErrors(page).join("\n")).toBe("");
    for (const { context } of [facilitator, ada, bo, projector]) await context.close();
  });

  it('keeps edits made offline and syncs them on reconnect', async () => {
    const response = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Offline test', persona: { name: 'Pat' } }),
    });
    expect(response.status).toBe(201);
    const { links } = (await response.json()) as { links: { participant: string } };
    const ada = await newPage();
    const bo = await newPage();
    await join(ada.page, links.participant, 'Ada', 'stakeholder', 'Billing');
    await join(bo.page, links.participant, 'Bo', 'customer');

    await ada.page.getByRole('button', { name: 'Add note to Pay, Doing' }).click();
    await ada.page.getByRole('textbox', { name: 'Note text by Ada' }).pressSequentially('Invoice arrives');
    await expect.poll(() => bo.page.getByRole('textbox', { name: 'Note text by Ada' }).inputValue()).toBe('Invoice arrives');

    // Offline: the banner says so, and editing goes on.
    await ada.context.setOffline(true);
    await expect.poll(() => bannerState(ada.page)).toBe('offline');
    expect(await ada.page.locator('jr-connection-banner [data-state]').textContent()).toMatch(/your edits are kept/i);
    await ada.page.getByRole('textbox', { name: 'Note text by Ada' }).press('End');
    await ada.page.getByRole('textbox', { name: 'Note text by Ada' }).pressSequentially(' twice');
    await ada.page.getByRole('button', { name: 'Add note to Pay, Pain points' }).click();
    await ada.page.getByRole('textbox', { name: 'Note text by Ada' }).nth(1).pressSequentially('Charged twice');
    await expect.poll(() => bannerState(ada.page)).toBe('offline');

    // Back online: everything reaches the other participant and is stored.
    await ada.context.setOffline(false);
    await expect.poll(() => bo.page.getByRole('group', { name: /^Pay, Doing/ }).getByRole('textbox').inputValue(), { timeout: 15_000 }).toBe('Invoice arrives twice');
    await expect.poll(() => bo.page.getByRole('group', { name: /^Pay, Pain points/ }).getByRole('textbox').inputValue()).toBe('Charged twice');
    await expect.poll(() => bannerState(ada.page), { timeout: 10_000 }).toBe('saved');

    for (const { page } of [ada, bo]) expect(pageErrors(page).filter((e) => !/ERR_INTERNET_DISCONNECTED|WebSocket/.test(e)).join('\n')).toBe('');
    for (const { context } of [ada, bo]) await context.close();
  });

  it('reads "Saving…" once for a run of keys with a still ring, and turns the ring once a save has waited a second', async () => {
    const response = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Saving banner', persona: { name: 'Pat' } }),
    });
    const { links } = (await response.json()) as { links: { participant: string } };
    const ada = await newPage();
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

    await join(ada.page, links.participant, 'Ada', 'stakeholder', 'Support');
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
    await ada.page.screenshot({ path: path.join(RESULTS_DIR, 'board-saving-slow-laptop.png') });
    await expectNoAxeViolations(ada.page, 'a board while a save is slow');

    // -- the next `saved` covers everything (the count is cumulative): the ring stops
    holdSaved = false;
    await field.pressSequentially('!');
    await expect.poll(() => bannerState(ada.page), { timeout: 10_000 }).toBe('saved');
    expect((await seenIn(ada.page)).at(-1)).toMatchObject({ state: 'saved', animations: 0 });
    expect(pageErrors(ada.page).join('\n')).toBe('');
    await ada.context.close();
  });
  it('adds, renames, reorders and deletes stages and lanes, with confirm and undo', async () => {
    const response = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Structure test', template: 'blank', persona: { name: 'Pat' } }),
    });
    const { links } = (await response.json()) as { links: { facilitator: string } };
    const { page, context } = await newPage();
    await page.goto(links.facilitator);
    await page.getByLabel('Your name').fill('Fran');
    await page.getByRole('button', { name: 'Join the board' }).click();
    const stageTitles = () => page.getByRole('textbox', { name: /^Stage \d+ title$/ }).evaluateAll((els) => els.map((el) => (el as unknown as { value: string }).value));

    await expect.poll(stageTitles).toEqual(['Stage 1', 'Stage 2', 'Stage 3']);
    // add a stage: its title field gets the focus, typing renames it
    await page.getByRole('button', { name: '+ Stage' }).click();
    const fourth = page.getByRole('textbox', { name: 'Stage 4 title' });
    await expect.poll(() => fourth.evaluate((el: { getRootNode(): { activeElement: unknown } }) => el.getRootNode().activeElement === el)).toBe(true);
    await fourth.fill('Renew');
    await fourth.press('Enter');
    await expect.poll(stageTitles).toEqual(['Stage 1', 'Stage 2', 'Stage 3', 'Renew']);
    // move it left twice
    await page.getByRole('button', { name: 'Move stage Renew left' }).click();
    await page.getByRole('button', { name: 'Move stage Renew left' }).click();
    await expect.poll(stageTitles).toEqual(['Stage 1', 'Renew', 'Stage 2', 'Stage 3']);
    // delete asks first; cancelling keeps it
    await page.getByRole('button', { name: 'Delete stage Renew' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(stageTitles).toEqual(['Stage 1', 'Renew', 'Stage 2', 'Stage 3']);
    // confirming deletes it; undo brings it back in place
    await page.getByRole('button', { name: 'Add note to Renew, Doing' }).click();
    await page.getByRole('textbox', { name: 'Note text by Fran' }).pressSequentially('Renewal reminder');
    await page.getByRole('button', { name: 'Delete stage Renew' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete stage' }).click();
    await expect.poll(stageTitles).toEqual(['Stage 1', 'Stage 2', 'Stage 3']);
    await page.locator('jr-undo-toast').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(stageTitles).toEqual(['Stage 1', 'Renew', 'Stage 2', 'Stage 3']);
    await expect.poll(() => page.getByRole('textbox', { name: 'Note text by Fran' }).inputValue()).toBe('Renewal reminder');

    // the persona card folds away to give the map room, and unfolds with its values
    await page.getByRole('button', { name: 'Hide persona details' }).click();
    expect(await page.getByLabel('Goals').count()).toBe(0);
    await page.getByRole('button', { name: 'Show persona details' }).click();
    await expect.poll(() => page.getByLabel('Persona name').inputValue()).toBe('Pat');

    // lanes: add an emotion lane, move it up
    const laneTitles = () => page.getByRole('textbox', { name: /^Lane \d+ title$/ }).evaluateAll((els) => els.map((el) => (el as unknown as { value: string }).value));
    await page.getByLabel('Kind of the new lane').selectOption('feeling');
    await page.getByRole('button', { name: '+ Lane' }).click();
    await expect.poll(async () => (await laneTitles()).at(-1)).toBe('Feeling');
    const count = (await laneTitles()).length;
    await page.getByRole('button', { name: 'Move lane Feeling up' }).last().click();
    await expect.poll(async () => (await laneTitles())[count - 2]).toBe('Feeling');

    // a deleted note can be undone too
    await page.getByRole('button', { name: /^Delete note/ }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Note text by Fran' }).count()).toBe(0);
    await page.locator('jr-undo-toast').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Note text by Fran' }).inputValue()).toBe('Renewal reminder');
    expect(pageErrors(page).join('\n')).toBe('');

    // a membership the server does not know (e.g. a restored backup) leads back to the join form
    await page.evaluate(() => {
      const store = (globalThis as unknown as { localStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (!key?.startsWith('journeyroom:member:')) continue;
        const member = JSON.parse(store.getItem(key) ?? '{}') as Record<string, unknown>;
        store.setItem(key, JSON.stringify({ ...member, memberKey: 'forged-member-key-0000000000' }));
      }
    });
    await page.reload();
    await page.getByLabel('Your name').waitFor();
    await context.close();
  });

  it('explains a link that is not valid', async () => {
    const { page, context } = await newPage();
    await page.goto(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA#token=not-a-real-token-123`);
    await page.getByRole('heading', { name: /not valid|not found/ }).waitFor();
    await page.goto(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA`);
    await page.reload();
    expect(await page.getByLabel('Your name').count()).toBe(0);
    await context.close();
  });
});
