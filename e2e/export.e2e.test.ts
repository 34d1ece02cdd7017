/**
 * Exports and metrics in a real browser: the facilitator builds a small board, imports stage metrics through
 * the UI (a bad file first: every bad line listed, nothing stored), sees them as chips on the stage header
 * (the projector too), opens the Export menu, downloads the PDF (blob download, no token in any URL) and
 * reads it back, sees the summary preview, exports a checkpoint, and clears the metrics.
 * Saves test-results/export-menu.png and test-results/metrics-import.png.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pdfToText } from '../test/export/helpers.js';
import { RESULTS_DIR } from './helpers/pages.js';
import { withServerAndBrowser } from './helpers/suite.js';
import type { RunningServer } from './helpers/server.js';

const LAPTOP = { width: 1440, height: 900 };

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

interface OpenPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** every request URL the page made */
  urls: string[];
}

async function newPage(viewport = LAPTOP): Promise<OpenPage> {
  const context = await browser.newContext({ viewport, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  const urls: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('request', (request) => urls.push(request.url()));
  return { context, page, errors, urls };
}

function tokenOf(link: string): string {
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

describe('exports and metrics in a browser', () => {
  it('imports metrics, shows them on stage headers, downloads the PDF and previews the summary', async () => {
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    const fac = await newPage();
    const { page } = fac;

    // -- create a board on the start page and open it as facilitator
    await page.goto(server.url);
    await page.getByLabel('Workshop title').fill('Support journey');
    await page.getByLabel('Persona name').fill('Riley Fox');
    await page.getByRole('button', { name: 'Create board' }).click();
    await page.getByRole('heading', { name: 'Your board is ready' }).waitFor();
    const facilitatorLink = await page.getByLabel('Facilitator link', { exact: true }).inputValue();
    const projectorLink = await page.getByLabel('Projector link', { exact: true }).inputValue();
    const participantLink = await page.getByLabel('Participant link', { exact: true }).inputValue();
    const boardId = new URL(facilitatorLink).pathname.split('/').pop() ?? '';
    await page.getByRole('link', { name: 'Open as facilitator' }).click();
    await page.getByLabel('Your name').fill('Fran');
    await page.getByRole('button', { name: 'Join the board' }).click();
    await page.getByRole('region', { name: 'Journey map' }).waitFor();

    // -- a note, a checkpoint, then a second note (so the checkpoint export differs from the live one)
    await page.getByRole('button', { name: 'Add note to Get help, Doing' }).click();
    await page.getByRole('textbox', { name: 'Note text by Fran' }).pressSequentially('Calls the hotline');
    await expect.poll(() => page.locator('jr-connection-banner [data-state]').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    const taken = await fetch(`${server.url}/api/boards/${boardId}/checkpoints`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokenOf(facilitatorLink)}` },
      body: JSON.stringify({ name: 'Before the pains' }),
    });
    expect(taken.status).toBe(201);
    await page.getByRole('button', { name: 'Add note to Get help, Pain points' }).click();
    await page.getByRole('textbox', { name: 'Note text by Fran' }).last().pressSequentially('Waits 20 minutes on hold');
    await expect.poll(() => page.locator('jr-connection-banner [data-state]').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');

    // -- a bad metrics CSV: every bad line is listed and nothing is imported
    await page.getByRole('button', { name: 'Import metrics' }).click();
    const metricsDialog = page.getByRole('dialog', { name: 'Import metrics (CSV)' });
    await metricsDialog.getByLabel('Or paste the CSV').fill('stage,metric,value,unit\nGet help,Contact volume,lots,calls/month\nNowhere,CSAT,71%,\n');
    await metricsDialog.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = metricsDialog.getByRole('alert');
    await alert.getByText('Nothing was imported').waitFor();
    const lines = await alert.getByRole('listitem').allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Line 2: /);
    expect(lines[1]).toMatch(/^Line 3: .*Nowhere/);
    expect(await page.locator('jr-metric-chips li').count()).toBe(0);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'metrics-import.png') });

    // -- a good file through the file picker
    await metricsDialog.getByLabel('CSV file').setInputFiles({
      name: 'metrics.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('stage,metric,value,unit\nGet help,Contact volume,1240,calls/month\nUse,CSAT,71%,\n'),
    });
    await expect.poll(() => metricsDialog.getByLabel('Or paste the CSV').inputValue()).toContain('Contact volume,1240');
    await metricsDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await metricsDialog.getByText('Imported 2 rows on 2 stages.').waitFor();
    await metricsDialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => metricsDialog.isVisible()).toBe(false);

    // -- chips on the stage headers, for the facilitator and on the projector
    const getHelpChips = page.getByRole('list', { name: 'Metrics of Get help' });
    await expect.poll(() => getHelpChips.textContent()).toMatch(/Contact volume\s*1,240 calls\/month/);
    await expect.poll(() => page.getByRole('list', { name: 'Metrics of Use' }).textContent()).toMatch(/CSAT\s*71%/);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'metrics-chips.png') });
    const projector = await newPage({ width: 1920, height: 1080 });
    await projector.page.goto(projectorLink);
    await expect.poll(() => projector.page.getByRole('list', { name: 'Metrics of Get help' }).textContent()).toMatch(/1,240 calls\/month/);
    expect(await projector.page.getByRole('button', { name: 'Export' }).count()).toBe(0);
    await projector.page.screenshot({ path: path.join(RESULTS_DIR, 'metrics-projector.png') });

    // -- a participant sees the chips and may export, but not import metrics
    const ada = await newPage();
    await ada.page.goto(participantLink);
    await ada.page.getByLabel('Your name').fill('Ada');
    await ada.page.getByRole('radio', { name: /a customer/ }).check();
    await ada.page.getByRole('button', { name: 'Join the board' }).click();
    await expect.poll(() => ada.page.getByRole('list', { name: 'Metrics of Use' }).textContent()).toMatch(/CSAT\s*71%/);
    expect(await ada.page.getByRole('button', { name: 'Export' }).count()).toBe(1);
    expect(await ada.page.getByRole('button', { name: 'Import metrics' }).count()).toBe(0);
    await ada.context.close();

    // -- the Export menu: preview shows the board title; the PDF downloads and reads back
    await page.getByRole('button', { name: 'Export' }).click();
    const exportDialog = page.getByRole('dialog', { name: /^Export/ });
    await exportDialog.waitFor();
    const preview = page.frameLocator('iframe[title="Summary preview"]');
    await preview.getByText('Support journey').first().waitFor();
    expect(await page.locator('iframe[title="Summary preview"]').getAttribute('sandbox')).toBe('');
    const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Summary PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(download.suggestedFilename()).toMatch(/support-journey/i);
    const pdfPath = path.join(RESULTS_DIR, 'export-download.pdf');
    await download.saveAs(pdfPath);
    const pdf = await fs.readFile(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfToText(pdf);
    expect(text).toContain('Riley Fox');
    expect(text).toContain('Waits 20 minutes on hold');
    await exportDialog.getByText(/Downloaded .*\.pdf/).waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'export-menu.png') });
    // a narrow window stacks the downloads above the preview
    await page.setViewportSize({ width: 700, height: 900 });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'export-menu-narrow.png') });
    await page.setViewportSize(LAPTOP);

    // -- from a checkpoint: the Markdown has the first note but not the later one
    const checkpointValue = await exportDialog.locator('option', { hasText: 'Before the pains' }).getAttribute('value');
    await exportDialog.getByLabel('Export from').selectOption(checkpointValue ?? '');
    await expect.poll(() => exportDialog.getByRole('heading').first().textContent()).toContain('Before the pains');
    const [markdown] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Markdown (wiki)' }).click()]);
    expect(markdown.suggestedFilename()).toMatch(/\.md$/);
    const md = await fs.readFile(await markdown.path(), 'utf8');
    expect(md).toContain('Calls the hotline');
    expect(md).not.toContain('Waits 20 minutes on hold');
    // a busy server (503) is explained, with a way forward
    await page.route('**/export.png*', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', headers: { 'Retry-After': '5' }, body: JSON.stringify({ error: { code: 'unavailable', message: 'busy' } }) }),
    );
    await exportDialog.getByRole('button', { name: 'Map picture (PNG)' }).click();
    await exportDialog.getByRole('alert').filter({ hasText: 'Try again in a few seconds' }).waitFor();
    await page.unroute('**/export.png*');
    await page.keyboard.press('Escape');
    await expect.poll(() => exportDialog.isVisible()).toBe(false);

    // -- the token never went into an export URL
    const exportUrls = fac.urls.filter((u) => u.includes('/export.'));
    expect(exportUrls.length).toBeGreaterThanOrEqual(3);
    for (const u of exportUrls) expect(u).not.toMatch(/token=/);

    // -- clearing metrics asks first, then removes the chips everywhere
    await page.getByRole('button', { name: 'Import metrics' }).click();
    await metricsDialog.getByRole('button', { name: 'Clear metrics…' }).click();
    await metricsDialog.getByRole('button', { name: 'Keep metrics' }).click();
    expect(await page.locator('jr-metric-chips li').count()).toBe(2);
    await metricsDialog.getByRole('button', { name: 'Clear metrics…' }).click();
    await metricsDialog.getByRole('button', { name: 'Clear metrics', exact: true }).click();
    await metricsDialog.getByText('Metrics cleared from every stage.').waitFor();
    await expect.poll(() => page.locator('jr-metric-chips li').count()).toBe(0);
    await expect.poll(() => projector.page.locator('jr-metric-chips li').count()).toBe(0);

    // The deliberate bad import (400) and the simulated busy server (503) are logged by Chromium as failed resources.
    const unexpected = fac.errors.filter((e) => !/status of (400 \(Bad Request\)|503 \(Service Unavailable\))/.test(e));
    expect(fac.errors.length - unexpected.length).toBe(2);
    expect([...unexpected, ...projector.errors].join('\n')).toBe('');
    for (const p of [fac, projector]) await p.context.close();
  });
});
