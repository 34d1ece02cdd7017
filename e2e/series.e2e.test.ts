/**
 * A two-session journey series in a real browser: the first workshop turns a pain point into actions, the
 * facilitator starts a follow-up from the panel (new links, pain points carried), the second workshop updates
 * the actions and adds a pain, then the comparison opens from the panel and the follow-up's summary starts with
 * "Since the last session". Saves test-results/series-compare.png, series-summary-first-page.png,
 * series-actions.png and series-projector.png.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readLanes, readStages } from '../shared/board/read.js';
import { addNote as writeNote } from '../shared/board/write.js';
import { pdfToText } from '../test/export/helpers.js';
import { connectClient, synced, waitFor } from '../test/helpers/clients.js';
import { joinWriter } from '../test/helpers/api.js';
import { withServerAndBrowser } from './helpers/suite.js';
import { LAPTOP, PROJECTOR, openPage, type Client, RESULTS_DIR } from './helpers/pages.js';
import type { RunningServer } from './helpers/server.js';

/** A4 at 96 dpi, for the first page of the summary. */
const A4 = { width: 794, height: 1123 };

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

function newPage(viewport = LAPTOP): Promise<Client> {
  return openPage(browser, { viewport, locale: 'en-US', acceptDownloads: true });
}

function tokenOf(link: string): string {
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

async function joinAsFacilitator(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join the board' }).click();
  await page.getByRole('region', { name: 'Journey map' }).waitFor();
}

async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.locator('jr-connection-banner [data-state]').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
}

async function addNote(page: Page, cell: string, text: string): Promise<void> {
  await page.getByRole('button', { name: `Add note to ${cell}` }).click();
  await page.getByRole('group', { name: new RegExp(`^${cell}`) }).getByRole('textbox').last().pressSequentially(text);
}

/** Opens the facilitator panel unless it is open already. */
async function openPanel(page: Page) {
  const toggle = page.getByRole('button', { name: 'Facilitate' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.getByRole('complementary', { name: 'Facilitator panel' });
}

/** Opens the Actions drawer under the map unless it is open. */
async function openActions(page: Page): Promise<void> {
  const drawer = page.locator('jr-actions-section details.drawer');
  if ((await drawer.getAttribute('open')) === null) await drawer.locator('summary').first().click();
}

async function addAction(page: Page, title: string, department: string, source: string, owner = ''): Promise<void> {
  await openActions(page);
  const form = page.getByRole('form', { name: 'New action' });
  if (!(await form.isVisible())) await page.getByText('Turn pain points and opportunities into an action').click();
  await form.getByLabel('Action', { exact: true }).fill(title);
  await form.getByLabel('Owning department').fill(department);
  if (owner) await form.getByLabel('Owner (optional)').fill(owner);
  await form.getByRole('checkbox', { name: new RegExp(source) }).check();
  await form.getByRole('button', { name: 'Add action' }).click();
  await page.locator(`jr-actions-section li[data-action-id]`, { hasText: title }).first().waitFor();
}

/**
 * Another participant's feelings, written through a stock y-websocket client (emotions per stage title), so the
 * comparison has two emotion curves to draw. Waits until the server has them.
 */
async function addFeelings(boardId: string, link: string, emotions: Record<string, number>): Promise<void> {
  // Notes are created by joined members only (the server stamps their author fields): Maja joins first.
  const { author, params } = await joinWriter(server.url, { id: boardId }, tokenOf(link), { name: 'Maja', role: 'customer', department: '' });
  const client = connectClient(server.url.replace(/^http/, 'ws') + '/ws', boardId, params);
  await synced(client);
  const feeling = readLanes(client.doc).find((l) => l.kind === 'feeling')!.id;
  for (const stage of readStages(client.doc)) {
    const emotion = emotions[stage.title];
    if (emotion !== undefined) writeNote(client.doc, { stageId: stage.id, laneId: feeling, text: `Feels ${emotion}`, emotion, author });
  }
  // The export reads the live room: once it counts a feeling in every stage asked for, the server has them all.
  await waitFor(async () => {
    const res = await fetch(`${server.url}/api/boards/${boardId}/export.json`, { headers: { Authorization: `Bearer ${tokenOf(link)}` } });
    const body = (await res.json()) as { summary: { emotionCurve: { count: number }[] } };
    return body.summary.emotionCurve.filter((p) => p.count > 0).length === Object.keys(emotions).length;
  }, 'the feelings are stored');
  client.destroy();
}

describe('a journey series in a browser', () => {
  it('runs two sessions: actions, follow-up, updated actions, comparison and the follow-up summary', async () => {
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Invoicing journey', persona: { name: 'Maja Kovač' } }),
    });
    expect(created.status).toBe(201);
    const first = (await created.json()) as { id: string; links: { facilitator: string } };

    // -- session 1: pains, feelings and two actions made from them
    const one = await newPage();
    await joinAsFacilitator(one.page, first.links.facilitator, 'Jo');
    await addNote(one.page, 'Pay, Pain points', 'Invoice shows a double charge');
    await addNote(one.page, 'Buy, Pain points', 'VAT hidden until checkout');
    await saved(one.page);
    await addFeelings(first.id, first.links.facilitator, { Discover: 1, Buy: -1, Onboard: -2, Use: 1, 'Get help': -2, Pay: -2 });
    await addAction(one.page, 'Explain plan changes on the invoice', 'Billing', 'double charge', 'Li');
    await addAction(one.page, 'Show VAT on the pricing page', 'Marketing', 'VAT hidden');
    await saved(one.page);
    await one.page.screenshot({ path: path.join(RESULTS_DIR, 'series-actions.png') });

    // The facilitator panel lists them by department.
    const panel = await openPanel(one.page);
    await panel.getByText(/^Actions/).first().click();
    await expect.poll(() => panel.getByRole('region', { name: 'Actions of Billing' }).textContent()).toContain('Explain plan changes on the invoice');
    await expect.poll(() => panel.getByRole('region', { name: 'Actions of Marketing' }).textContent()).toContain('Show VAT');

    // -- the follow-up, from the panel: pain points carried, new links
    await panel.getByText('Journey series').click();
    await panel.getByRole('radio', { name: 'The pain points only' }).check();
    await panel.getByRole('button', { name: 'Start follow-up session' }).click();
    const newLink = panel.getByRole('textbox', { name: 'Facilitator link (follow-up)' });
    await newLink.waitFor();
    const secondLink = await newLink.inputValue();
    const projectorLink = await panel.getByRole('textbox', { name: 'Projector link (follow-up)' }).inputValue();
    const secondId = new URL(secondLink).pathname.split('/').pop() ?? '';
    expect(secondId).not.toBe(first.id);
    expect(tokenOf(secondLink)).not.toBe(tokenOf(first.links.facilitator));
    await panel.getByText(/Follow-up created: 2 open actions and 2 notes carried over/).waitFor();

    // -- session 2: the billing action is done, the VAT one dropped, a new pain
    const two = await newPage();
    await joinAsFacilitator(two.page, secondLink, 'Jo');
    await expect.poll(() => two.page.getByRole('group', { name: /^Pay, Pain points/ }).getByRole('textbox').inputValue()).toBe('Invoice shows a double charge');
    await addNote(two.page, 'Use, Pain points', 'Reminder emails land in spam');
    await addFeelings(secondId, secondLink, { Discover: 1, Buy: 1, Onboard: -1, Use: 2, 'Get help': 0, Pay: 1 });
    await openActions(two.page);
    await two.page.getByLabel('Status of Explain plan changes on the invoice').selectOption('done');
    await two.page.getByLabel('Status of Show VAT on the pricing page').selectOption('dropped');
    await saved(two.page);

    // -- the comparison, opened from the panel of the follow-up
    const panel2 = await openPanel(two.page);
    await panel2.getByText('Journey series').click();
    await panel2.getByRole('button', { name: 'Compare with the previous session' }).click();
    const dialog = two.page.getByRole('dialog', { name: 'What changed since the last session' });
    const frame = two.page.frameLocator('iframe[title="Comparison"]');
    await frame.getByRole('heading', { name: 'Pain points' }).waitFor();
    expect(await frame.locator('body').textContent()).toContain('Reminder emails land in spam');
    expect(await frame.locator('body').textContent()).toMatch(/Explain plan changes on the invoice.*Open → Done/s);
    await two.page.screenshot({ path: path.join(RESULTS_DIR, 'series-compare.png') });
    await frame.getByRole('heading', { name: 'Vote rank changes' }).scrollIntoViewIfNeeded();
    await two.page.screenshot({ path: path.join(RESULTS_DIR, 'series-compare-pains.png') });
    const download = two.page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download PDF' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toMatch(/compare-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdfText = await pdfToText(await fs.readFile(await pdf.path()));
    expect(pdfText).toContain('Actions since then');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // -- the follow-up's summary: "Since the last session" on its first page
    const token2 = tokenOf(secondLink);
    const summaryPdf = await fetch(`${server.url}/api/boards/${secondId}/export.pdf`, { headers: { Authorization: `Bearer ${token2}` } });
    const firstPage = (await pdfToText(Buffer.from(await summaryPdf.arrayBuffer()))).split('\f')[0] ?? '';
    expect(firstPage).toMatch(/Since the last session[\s\S]*Actions: 1 done, 0 still open, 1 dropped/);
    const html = await (await fetch(`${server.url}/api/boards/${secondId}/export.html`, { headers: { Authorization: `Bearer ${token2}` } })).text();
    const reader = await newPage(A4);
    await reader.page.setContent(html);
    await reader.page.getByRole('heading', { name: 'Since the last session' }).waitFor();
    await reader.page.screenshot({ path: path.join(RESULTS_DIR, 'series-summary-first-page.png') });

    // -- the projector of the follow-up lists the actions by department
    const projector = await newPage(PROJECTOR);
    await projector.page.goto(projectorLink);
    await projector.page.getByRole('region', { name: 'Actions by department' }).waitFor();
    expect(await projector.page.getByRole('region', { name: 'Actions of Billing' }).textContent()).toContain('Done');
    await projector.page.screenshot({ path: path.join(RESULTS_DIR, 'series-projector.png') });

    // -- the old board is as it was: its actions still open and in their first state
    await one.page.reload();
    await one.page.getByRole('region', { name: 'Journey map' }).waitFor();
    await openActions(one.page);
    expect(await one.page.getByLabel('Status of Explain plan changes on the invoice').inputValue()).toBe('open');
    expect(await one.page.getByText('Reminder emails land in spam').count()).toBe(0);

    expect(one.errors).toEqual([]);
    expect(two.errors).toEqual([]);
    for (const p of [one, two, reader, projector]) await p.context.close();
  }, 120_000);
});
