/**
 * Page loads do not add client ids to a board's doc (client/src/session/client-id-reuse.ts): a member's tab
 * moves onto an id its browser used before, no two open tabs share one, presence follows the move, and an id
 * whose last write the server does not have is not reused. Checked from outside, through a stock client that
 * reads which client id wrote each note.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, synced, waitFor } from '../test/helpers/clients.js';
import { expectNoAxeViolations } from './helpers/axe.js';
import { LAPTOP, openPage, RESULTS_DIR, type Client } from './helpers/pages.js';
import { seedBoard } from './helpers/seed.js';
import type { RunningServer } from './helpers/server.js';
import { withServerAndBrowser } from './helpers/suite.js';

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

/** The page's localStorage, typed for code that runs in the page (this project's test config has no DOM types). */
type PageStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void };

/** Adds a note to Discover, Doing with `text` and waits until the server has stored it. */
async function addNote(page: Page, text: string): Promise<void> {
  const before = await page.getByRole('textbox', { name: 'Note text by Ada' }).count();
  await page.getByRole('button', { name: 'Add note to Discover, Doing' }).click();
  const field = page.getByRole('textbox', { name: 'Note text by Ada' }).nth(before);
  await field.waitFor();
  await field.pressSequentially(text);
  await expect.poll(() => page.locator('jr-connection-banner [data-state]').getAttribute('data-state')).toBe('saved');
}

async function openBoard(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('region', { name: 'Journey map' }).waitFor();
}

describe('client ids across page loads', () => {
  it('keeps one id per open tab across reloads, moves presence with it, and skips an id the server is behind on', async () => {
    const { board } = await seedBoard(server.url, { title: 'Long-lived journey', notes: 0, text: () => '' });
    const link = board.links.participant;
    const token = new URL(link).hash.replace('#token=', '');
    const reader = connectClient(server.url.replace(/^http/, 'ws') + '/ws', board.id, { token });
    await synced(reader);
    /** The client id that wrote each note, by its text. */
    const writers = () => {
      const out = new Map<string, number>();
      reader.doc.getMap('notes').forEach((value) => {
        if (!(value instanceof Y.Map)) return;
        const text = value.get('text');
        if (text instanceof Y.Text && value._item) out.set(text.toString(), value._item.id.client);
      });
      return out;
    };
    const writerOf = (text: string) => waitFor(() => writers().get(text), `the note "${text}" at the reader`);
    /** The client ids of Ada's presence states that the reader sees. */
    const adaPresence = () =>
      [...reader.provider.awareness.getStates()].filter(([, s]) => (s as { user?: { name?: string } }).user?.name === 'Ada').map(([id]) => id);
    /**
     * Waits until the reader sees `tabs` presence states of Ada, each under an id of her browser's pool: every
     * open tab has moved onto its reused id (a tab moves right after its first sync).
     */
    const settled = async (tabs: number) => {
      await waitFor(async () => {
        const pool = JSON.parse((await ada.page.evaluate(() => (globalThis as unknown as { localStorage: PageStorage }).localStorage.getItem('journeyroom:client-ids'))) ?? '[]') as number[];
        const ids = adaPresence();
        return ids.length === tabs && ids.every((id) => pool.includes(id));
      }, `${tabs} tab(s) of Ada on reused ids`);
    };

    const ada: Client = await openPage(browser, { viewport: LAPTOP });
    await ada.page.goto(link);
    await ada.page.getByLabel('Your name').fill('Ada');
    await ada.page.getByRole('radio', { name: /a stakeholder/ }).check();
    await ada.page.getByLabel(/^Department/).fill('Support');
    await ada.page.getByRole('button', { name: 'Join the board' }).click();
    await ada.page.getByRole('region', { name: 'Journey map' }).waitFor();
    await settled(1);

    // -- three visits of one tab: one id
    await addNote(ada.page, 'visit 1');
    const first = await writerOf('visit 1');
    for (const visit of ['visit 2', 'visit 3']) {
      await ada.page.reload();
      await ada.page.getByRole('region', { name: 'Journey map' }).waitFor();
      await settled(1);
      await addNote(ada.page, visit);
      expect(await writerOf(visit)).toBe(first);
    }

    // -- a second tab open at the same time writes under another id; the first keeps its own
    const second = await ada.context.newPage();
    await openBoard(second, link);
    await settled(2);
    await addNote(second, 'second tab');
    const secondId = await writerOf('second tab');
    expect(secondId).not.toBe(first);
    await addNote(ada.page, 'first tab again');
    expect(await writerOf('first tab again')).toBe(first);

    // -- the second tab closes; a new one takes the id it left
    await second.close();
    await settled(1);
    const third = await ada.context.newPage();
    await openBoard(third, link);
    await settled(2);
    await addNote(third, 'third tab');
    expect(await writerOf('third tab')).toBe(secondId);
    await third.close();
    await settled(1);

    // -- the stored clock says this browser wrote more under `first` than the server has (a write lost on the
    //    way): the id is not reused on this board
    await ada.page.evaluate(
      ({ key }) => {
        const storage = (globalThis as unknown as { localStorage: PageStorage }).localStorage;
        storage.setItem(key, String(Number(storage.getItem(key)) + 3));
      },
      { key: `journeyroom:client-clock:${board.id}:${first}` },
    );
    await ada.page.reload();
    await ada.page.getByRole('region', { name: 'Journey map' }).waitFor();
    await settled(1);
    await addNote(ada.page, 'after a lost write');
    expect(await writerOf('after a lost write')).not.toBe(first);

    // every note is there, and Ada's six page loads wrote under two ids
    expect(writers().size).toBe(7);
    expect(new Set(writers().values()).size).toBe(2);
    await ada.page.screenshot({ path: path.join(RESULTS_DIR, 'client-ids-laptop.png') });
    await expectNoAxeViolations(ada.page, 'the board after reused client ids');
    expect(ada.errors).toEqual([]);
    await ada.context.close();
  });
});
