/**
 * Issue 8, data loss: after a lock and unlock, a participant who tabs through every persona field (and the
 * board, stage and lane titles) must change nothing: not on the projector, not in the JSON or PDF export.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CreateBoardResponse } from '../shared/api.js';
import { pdfToText } from '../test/export/helpers.js';
import { withServerAndBrowser } from './helpers/suite.js';
import type { RunningServer } from './helpers/server.js';
import { LAPTOP, PROJECTOR } from './helpers/pages.js';

const PERSONA = {
  name: 'Sam Okafor',
  description: 'Runs a two-person bakery, orders online at night',
  goals: 'Pay once a month without surprises',
  quote: 'I just want the invoice to match the quote',
};

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

async function open(link: string, viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(link);
  return page;
}

async function join(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  const customer = page.getByRole('radio', { name: /a customer/ });
  if (await customer.count()) await customer.check();
  await page.getByRole('button', { name: 'Join the board' }).click();
  await page.getByRole('region', { name: 'Journey map' }).waitFor();
}

async function exportOf(id: string, token: string, format: 'json' | 'pdf'): Promise<Buffer> {
  const res = await fetch(`${server.url}/api/boards/${id}/export.${format}?token=${token}`);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('inline fields after lock and unlock', () => {
  it('a participant tabbing through every field changes nothing', async () => {
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Invoice journey', persona: PERSONA }),
    });
    expect(res.status).toBe(201);
    const { id, links } = (await res.json()) as CreateBoardResponse;
    const participantToken = new URL(links.participant).hash.replace('#token=', '');

    const fac = await open(links.facilitator);
    await join(fac, 'Fran');
    const ada = await open(links.participant);
    await join(ada, 'Ada');
    const projector = await open(links.projector, PROJECTOR);
    // six stages do not fit at the projector's text size, so it pages and shows the persona's name on one line
    const projectorPersona = projector.locator('jr-projector-view header');
    await projectorPersona.getByText(PERSONA.name).waitFor();

    // Structure (title, persona, stages, lanes) is the facilitator's unless the panel's switch opens it: open it,
    // so the participant gets editable fields (the case where a stale value could be written back).
    const panel = fac.getByRole('complementary', { name: 'Facilitator panel' });
    await panel.getByRole('checkbox', { name: 'edit the title, persona, stages and lanes' }).check();
    // the participant sees the persona in editable fields
    for (const [field, value] of Object.entries(PERSONA)) {
      await expect.poll(() => ada.locator(`jr-persona-card [name="${field}"]`).inputValue()).toBe(value);
    }

    await panel.getByRole('button', { name: 'Lock the board' }).click();
    await ada.getByText('The facilitator has locked the board.').waitFor();
    await expect.poll(() => ada.locator('jr-persona-card textarea').count()).toBe(0);
    await panel.getByRole('button', { name: 'Unlock the board' }).click();
    await expect.poll(() => ada.locator('jr-persona-card textarea').count()).toBe(3);

    // every field shows the stored value again after the unlock
    for (const [field, value] of Object.entries(PERSONA)) {
      await expect.poll(() => ada.locator(`jr-persona-card [name="${field}"]`).inputValue()).toBe(value);
    }

    // focus in and out of every persona field with the keyboard, then of the board, stage and lane titles
    await ada.locator('jr-persona-card [name="name"]').focus();
    for (let i = 0; i < Object.keys(PERSONA).length; i++) await ada.keyboard.press('Tab');
    const titles = [
      ada.getByRole('textbox', { name: 'Board title' }),
      ada.getByRole('textbox', { name: 'Stage 1 title' }),
      ada.getByRole('textbox', { name: 'Lane 1 title' }),
    ];
    for (const title of titles) {
      await title.focus();
      await ada.keyboard.press('Tab');
    }
    // and the same once more with the mouse: click into a field, click elsewhere
    for (const field of Object.keys(PERSONA)) {
      await ada.locator(`jr-persona-card [name="${field}"]`).click();
      await ada.locator('header h1').click({ position: { x: 1, y: 1 } });
    }

    // a marker edit on the same connection, after everything above: once the projector shows it, any write
    // the tabbing made has arrived too (updates of one connection are applied in order)
    await ada.getByRole('textbox', { name: 'Stage 2 title' }).fill('Buy it');
    await ada.getByRole('textbox', { name: 'Stage 2 title' }).press('Enter');
    await projector.getByText('Buy it').first().waitFor();

    await projectorPersona.getByText(PERSONA.name).waitFor();
    expect(await projector.getByRole('heading', { level: 1 }).textContent()).toBe('Invoice journey');
    for (const [field, value] of Object.entries(PERSONA)) {
      expect(await fac.locator(`jr-persona-card [name="${field}"]`).inputValue()).toBe(value);
    }

    const json = JSON.parse((await exportOf(id, participantToken, 'json')).toString('utf8')) as {
      snapshot: { meta: { title: string }; persona: typeof PERSONA; stages: { title: string }[]; lanes: { title: string }[] };
    };
    expect(json.snapshot.persona).toEqual(PERSONA);
    expect(json.snapshot.meta.title).toBe('Invoice journey');
    expect(json.snapshot.stages.map((s) => s.title)).toEqual(['Discover', 'Buy it', 'Onboard', 'Use', 'Get help', 'Pay']);
    expect(json.snapshot.lanes.map((l) => l.title)).toContain('Doing');
    const pdf = (await pdfToText(await exportOf(id, participantToken, 'pdf'))).replace(/\s+/g, ' ');
    for (const value of Object.values(PERSONA)) expect(pdf).toContain(value);
  });

  it('a field the participant really edits is written, and only that field', async () => {
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Edit journey', persona: PERSONA }),
    });
    const { id, links } = (await res.json()) as CreateBoardResponse;
    const participantToken = new URL(links.participant).hash.replace('#token=', '');
    // the facilitator opens structure editing (the persona is theirs otherwise)
    const fac = await open(links.facilitator);
    await join(fac, 'Fran');
    await fac.getByRole('complementary', { name: 'Facilitator panel' }).getByRole('checkbox', { name: 'edit the title, persona, stages and lanes' }).check();
    const ada = await open(links.participant);
    await join(ada, 'Ada');
    const goals = ada.locator('jr-persona-card [name="goals"]');
    await expect.poll(() => goals.inputValue()).toBe(PERSONA.goals);
    await goals.fill('Pay once a quarter');
    await goals.press('Tab');
    await ada.keyboard.press('Tab');
    const stored = async () => (JSON.parse((await exportOf(id, participantToken, 'json')).toString('utf8')) as { snapshot: { persona: typeof PERSONA } }).snapshot.persona;
    await expect.poll(stored).toEqual({ ...PERSONA, goals: 'Pay once a quarter' });
  });
});
