/**
 * Keyboard, screen-reader and laptop-room checks in a real browser: axe-core finds no violations on the
 * start, join, participant board, outline, facilitator and projector pages; focus lands on the board after
 * joining; a keyboard user adds a note in the room's stage within 10 key presses; every participant action
 * works in the outline; undo and redo revert only one's own changes; and at 1280 x 800 the facilitator sees
 * (nearly) all stages. Saves test-results/outline.png, laptop-*.png.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withServerAndBrowser } from './helpers/suite.js';
import { expectNoAxeViolations } from './helpers/axe.js';
import { LAPTOP, PROJECTOR, openPage, RESULTS_DIR, type Client } from './helpers/pages.js';
import type { RunningServer } from './helpers/server.js';
import { deepActiveId } from './helpers/touch.js';

/** The bar: a keyboard user adds a note in the current stage within this many key presses. */
const MAX_KEYS_TO_ADD = 10;

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

function newClient(viewport = LAPTOP): Promise<Client> {
  return openPage(browser, { viewport });
}

async function createBoard(): Promise<{ facilitator: string; participant: string; projector: string }> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Checkout workshop', persona: { name: 'Sam, first-time buyer' } }),
  });
  return ((await response.json()) as { links: { facilitator: string; participant: string; projector: string } }).links;
}

async function joinAs(page: Page, link: string, name: string, role?: 'customer' | 'stakeholder', department = ''): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  if (role) await page.getByRole('radio', { name: new RegExp(`a ${role}`) }).check();
  if (department) await page.getByLabel(/^Department/).fill(department);
  await page.getByRole('button', { name: 'Join the board' }).click();
  await page.locator('jr-map-toolbar').waitFor();
}

/** The text areas of a cell of the grid, by "Stage, Lane". */
function cellTexts(page: Page, cell: string) {
  return page.getByRole('group', { name: new RegExp(`^${cell}: `) }).locator('jr-note-text textarea');
}

/** Waits until the caret is in `textbox` (a new note's text gets it once the note is rendered). */
async function waitForCaret(textbox: ReturnType<Page['locator']>): Promise<void> {
  await expect.poll(() => textbox.evaluate((el: { getRootNode(): { activeElement: unknown } }) => el.getRootNode().activeElement === el)).toBe(true);
}

const values = (locator: ReturnType<typeof cellTexts>) => locator.evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));

describe('keyboard, screen readers and laptops', () => {
  it('passes axe on every page, lands on the board, adds a note in 10 key presses, and does everything in the outline', async () => {
    // -- start page and the links page
    const fac = await newClient();
    await fac.page.goto(server.url);
    await fac.page.getByLabel('Workshop title').waitFor();
    await expectNoAxeViolations(fac.page, 'start');
    await fac.page.getByLabel('Workshop title').fill('Checkout workshop');
    await fac.page.getByLabel('Persona name').fill('Sam, first-time buyer');
    await fac.page.getByRole('button', { name: 'Create board' }).click();
    await fac.page.getByRole('heading', { name: 'Your board is ready' }).waitFor();
    await expectNoAxeViolations(fac.page, 'links');
    const facilitatorLink = await fac.page.getByLabel('Facilitator link', { exact: true }).inputValue();
    const participantLink = await fac.page.getByLabel('Participant link', { exact: true }).inputValue();
    const projectorLink = await fac.page.getByLabel('Projector link', { exact: true }).inputValue();

    // -- the join form, then the facilitator's board with the panel open
    await fac.page.goto(facilitatorLink);
    await fac.page.getByLabel('Your name').waitFor();
    await expectNoAxeViolations(fac.page, 'join');
    await fac.page.getByLabel('Your name').fill('Fran');
    await fac.page.getByRole('button', { name: 'Join the board' }).click();
    const panel = fac.page.getByRole('complementary', { name: 'Facilitator panel' });
    await panel.waitFor();
    await expect.poll(() => deepActiveId(fac.page)).toBe('board');
    await expectNoAxeViolations(fac.page, 'facilitator');

    // -- a participant: focus on the board after joining, no axe findings
    const ada = await newClient();
    await joinAs(ada.page, participantLink, 'Ada', 'stakeholder', 'Billing');
    await expect.poll(() => deepActiveId(ada.page)).toBe('board');
    expect(await ada.page.getByRole('main').count()).toBe(1);
    await expectNoAxeViolations(ada.page, 'board (participant)');

    // -- the projector
    const projector = await newClient(PROJECTOR);
    await projector.page.goto(projectorLink);
    await projector.page.getByRole('region', { name: 'Journey map' }).waitFor();
    await expectNoAxeViolations(projector.page, 'projector');

    // -- the facilitator brings the room to "Buy"; Ada adds a note there by keyboard, counting key presses
    await fac.page.getByRole('button', { name: 'Bring everyone to the stage Buy' }).click();
    await ada.page.locator('jr-map-toolbar option', { hasText: 'Buy (the room is here)' }).waitFor({ state: 'attached' });
    let presses = 0;
    const press = async (key: string) => {
      presses++;
      await ada.page.keyboard.press(key);
    };
    const addButton = ada.page.locator('jr-map-toolbar').getByRole('button', { name: 'Add note', exact: true });
    while (presses < MAX_KEYS_TO_ADD && !(await addButton.evaluate((el: { getRootNode(): { activeElement: unknown } }) => el.getRootNode().activeElement === el))) await press('Tab');
    await press('Enter');
    expect(presses).toBeLessThanOrEqual(MAX_KEYS_TO_ADD);
    console.log(`key presses to add a note in the room's stage, from the board: ${presses}`);
    // the caret lands in the new note once it is rendered; then type
    await waitForCaret(ada.page.getByRole('group', { name: /^Buy, Doing: / }).getByRole('textbox'));
    await ada.page.keyboard.type('Compares delivery costs');
    await expect.poll(() => values(cellTexts(fac.page, 'Buy, Doing'))).toEqual(['Compares delivery costs']);

    // -- the outline through the skip link: stages as headings, lanes as lists
    await ada.page.getByRole('button', { name: 'Skip to outline' }).focus();
    await ada.page.keyboard.press('Enter');
    const outline = ada.page.locator('jr-board-outline');
    await expect.poll(() => outline.evaluate((el: { shadowRoot: { activeElement: { localName: string } | null } | null }) => el.shadowRoot?.activeElement?.localName)).toBe('h2');
    expect(await outline.getByRole('heading', { level: 2 }).count()).toBe(6);
    expect(await outline.getByRole('heading', { level: 3 }).count()).toBe(36);
    const buyDoing = outline.getByRole('list', { name: 'Buy, Doing' });
    await buyDoing.getByText('Billing').waitFor();
    await expectNoAxeViolations(ada.page, 'outline');

    // every participant action in the outline, from the keyboard
    // add (and type), in a feeling lane, and pick a face
    await outline.getByRole('button', { name: 'Add note to Buy, Feeling' }).focus();
    await ada.page.keyboard.press('Enter');
    const feelingNote = outline.getByRole('list', { name: 'Buy, Feeling' }).locator('jr-note');
    await waitForCaret(feelingNote.first().getByRole('textbox'));
    await ada.page.keyboard.type('Worried about the fees');
    await feelingNote.first().getByRole('radio', { name: 'Negative', exact: true }).focus();
    await ada.page.keyboard.press('Space');
    await expect.poll(() => fac.page.getByRole('group', { name: /^Buy, Feeling: / }).getByRole('radio', { name: 'Negative', exact: true }).isChecked()).toBe(true);
    // moment of truth
    const note = buyDoing.locator('jr-note');
    await note.getByRole('button', { name: 'Moment of truth' }).focus();
    await ada.page.keyboard.press('Space');
    await expect.poll(() => fac.page.getByRole('group', { name: /^Buy, Doing: / }).getByRole('button', { name: 'Moment of truth' }).getAttribute('aria-pressed')).toBe('true');
    // move to another stage and lane with the select: it lists only the note's own cell until reached, then every cell
    const move = buyDoing.getByRole('combobox', { name: /^Move note/ });
    expect(await move.locator('option').allTextContents()).toEqual(['Buy · Doing']);
    await move.focus();
    await expect.poll(() => move.locator('option').count()).toBe(36);
    await move.selectOption({ label: 'Pay · Pain points' });
    await expect.poll(() => values(cellTexts(fac.page, 'Pay, Pain points'))).toEqual(['Compares delivery costs']);
    const pain = outline.getByRole('list', { name: 'Pay, Pain points' }).locator('jr-note');
    await expect.poll(() => deepActiveId(ada.page)).toMatch(/^move-/);
    // edit the text
    await pain.getByRole('textbox').focus();
    await ada.page.keyboard.press('End');
    await ada.page.keyboard.type(' at checkout');
    await expect.poll(() => values(cellTexts(fac.page, 'Pay, Pain points'))).toEqual(['Compares delivery costs at checkout']);
    // dots
    await panel.getByRole('button', { name: 'Open the vote' }).click();
    await pain.getByRole('button', { name: /^Place a dot on note/ }).waitFor();
    await pain.getByRole('button', { name: /^Place a dot on note/ }).focus();
    await ada.page.keyboard.press('Enter');
    await ada.page.keyboard.press('Enter');
    await expect.poll(() => pain.locator('[data-mine]').getAttribute('data-mine')).toBe('2');
    await pain.getByRole('button', { name: /^Take a dot back/ }).focus();
    await ada.page.keyboard.press('Enter');
    await expect.poll(() => pain.locator('[data-mine]').getAttribute('data-mine')).toBe('1');
    await panel.getByRole('button', { name: 'Close the vote' }).click();
    // root causes
    await pain.getByRole('button', { name: /^Root causes of note/ }).focus();
    await ada.page.keyboard.press('Enter');
    const causes = ada.page.getByRole('dialog', { name: 'Root causes' });
    await causes.getByRole('checkbox', { name: /Worried about the fees/ }).focus();
    await ada.page.keyboard.press('Space');
    await causes.getByRole('button', { name: 'Save (1 cause)' }).focus();
    await ada.page.keyboard.press('Enter');
    await fac.page.getByRole('group', { name: 'Caused by' }).getByText('Worried about the fees').waitFor();
    await pain.getByRole('group', { name: 'Caused by' }).getByText('Worried about the fees').waitFor();
    await ada.page.screenshot({ path: path.join(RESULTS_DIR, 'outline.png') });
    await expectNoAxeViolations(ada.page, 'outline after every action');

    for (const client of [fac, ada, projector]) expect(client.errors.join('\n')).toBe('');
    for (const client of [fac, ada, projector]) await client.context.close();
  });

  it('undoes and redoes only one’s own changes (two users)', async () => {
    const links = await createBoard();
    const ada = await newClient();
    const bo = await newClient();
    await joinAs(ada.page, links.participant, 'Ada', 'customer');
    await joinAs(bo.page, links.participant, 'Bo', 'stakeholder', 'Sales');
    // Ada writes a note; Bo adds a word to it and writes a note of his own
    await ada.page.getByRole('button', { name: 'Add note to Discover, Doing' }).click();
    await waitForCaret(ada.page.getByRole('group', { name: /^Discover, Doing: / }).getByRole('textbox'));
    await ada.page.keyboard.type('Compares prices');
    await expect.poll(() => values(cellTexts(bo.page, 'Discover, Doing'))).toEqual(['Compares prices']);
    await cellTexts(bo.page, 'Discover, Doing').first().focus();
    await bo.page.keyboard.press('End');
    await bo.page.keyboard.type(' online');
    await bo.page.getByRole('button', { name: 'Add note to Discover, Thinking' }).click();
    await waitForCaret(bo.page.getByRole('group', { name: /^Discover, Thinking: / }).getByRole('textbox'));
    await bo.page.keyboard.type('Is it cheaper elsewhere?');
    await expect.poll(() => values(cellTexts(ada.page, 'Discover, Doing'))).toEqual(['Compares prices online']);
    // Ada flags it and moves it to Buy by keyboard
    const adaNote = ada.page.locator('jr-note', { has: ada.page.getByRole('textbox', { name: 'Note text by Ada' }) });
    await adaNote.getByRole('button', { name: 'Moment of truth' }).click();
    await adaNote.getByRole('button', { name: /^Move note/ }).focus();
    for (const key of ['Enter', 'ArrowRight', 'Enter']) await ada.page.keyboard.press(key);
    await expect.poll(() => values(cellTexts(bo.page, 'Buy, Doing'))).toEqual(['Compares prices online']);
    const boView = bo.page.getByRole('group', { name: /^Buy, Doing: / }).getByRole('button', { name: 'Moment of truth' });
    await expect.poll(() => boView.getAttribute('aria-pressed')).toBe('true');

    // Ctrl+Z: the move, then the flag, then Ada's typing; Bo's word and Bo's note stay
    await ada.page.keyboard.press('Control+z');
    await expect.poll(() => values(cellTexts(bo.page, 'Discover, Doing'))).toEqual(['Compares prices online']);
    await ada.page.keyboard.press('Control+z');
    await expect.poll(() => bo.page.getByRole('group', { name: /^Discover, Doing: / }).getByRole('button', { name: 'Moment of truth' }).getAttribute('aria-pressed')).toBe('false');
    await ada.page.locator('jr-map-toolbar').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => values(cellTexts(bo.page, 'Discover, Doing'))).toEqual([' online']);
    expect(await values(cellTexts(ada.page, 'Discover, Thinking'))).toEqual(['Is it cheaper elsewhere?']);
    await ada.page.screenshot({ path: path.join(RESULTS_DIR, 'laptop-undo.png') });

    // redo: the toolbar button, Ctrl+Shift+Z and Ctrl+Y
    await ada.page.locator('jr-map-toolbar').getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => values(cellTexts(bo.page, 'Discover, Doing'))).toEqual(['Compares prices online']);
    await ada.page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => bo.page.getByRole('group', { name: /^Discover, Doing: / }).getByRole('button', { name: 'Moment of truth' }).getAttribute('aria-pressed')).toBe('true');
    await ada.page.keyboard.press('Control+y');
    await expect.poll(() => values(cellTexts(bo.page, 'Buy, Doing'))).toEqual(['Compares prices online']);
    await expect.poll(() => ada.page.locator('jr-map-toolbar').getByRole('button', { name: 'Redo' }).isDisabled()).toBe(true);

    // Bo's own undo never touches Ada's work
    await bo.page.locator('jr-map-toolbar').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => values(cellTexts(ada.page, 'Discover, Thinking'))).toEqual(['']);
    expect(await values(cellTexts(ada.page, 'Buy, Doing'))).toEqual(['Compares prices online']);

    // the deletion toast still restores a deletion
    await ada.page.getByRole('button', { name: /^Delete note “Compares prices online”/ }).click();
    await expect.poll(() => values(cellTexts(bo.page, 'Buy, Doing'))).toEqual([]);
    await ada.page.locator('jr-undo-toast').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => values(cellTexts(bo.page, 'Buy, Doing'))).toEqual(['Compares prices online']);

    for (const client of [ada, bo]) expect(client.errors.join('\n')).toBe('');
    for (const client of [ada, bo]) await client.context.close();
  });

  it('gives the map room at 1280 x 800: stages visible with the panel open, all with it collapsed', async () => {
    const links = await createBoard();
    const fac = await newClient();
    await joinAs(fac.page, links.facilitator, 'Fran');
    const panel = fac.page.getByRole('complementary', { name: 'Facilitator panel' });
    await panel.waitFor();
    /** Stages whose header is at least 90 % inside the visible map (left of the panel), and the map's height. */
    const visible = async () => {
      const panelBox = (await panel.count()) ? await panel.boundingBox() : null;
      const right = panelBox ? panelBox.x : LAPTOP.width;
      let stages = 0;
      for (const head of await fac.page.locator('jr-board [data-stage-head]').all()) {
        const box = await head.boundingBox();
        if (box && Math.min(box.x + box.width, right) - Math.max(box.x, 0) >= box.width * 0.9) stages++;
      }
      const map = await fac.page.locator('jr-board').boundingBox();
      return { stages, mapHeight: Math.round(map?.height ?? 0) };
    };
    const open = await visible();
    await fac.page.screenshot({ path: path.join(RESULTS_DIR, 'laptop-facilitator.png') });
    // the panel collapses: every stage shows
    await fac.page.getByRole('button', { name: 'Facilitate' }).click();
    await panel.waitFor({ state: 'detached' });
    await expect.poll(async () => (await visible()).stages).toBe(6);
    await fac.page.screenshot({ path: path.join(RESULTS_DIR, 'laptop-facilitator-collapsed.png') });
    // with the panel open again, compact mode and the persona on one line show five stages and more height
    await fac.page.getByRole('button', { name: 'Facilitate' }).click();
    await panel.waitFor();
    await fac.page.locator('jr-map-toolbar').getByRole('button', { name: 'Compact' }).click();
    await fac.page.getByRole('button', { name: 'Hide persona details' }).click();
    await expect.poll(async () => (await visible()).stages).toBeGreaterThanOrEqual(5);
    const compact = await visible();
    expect(compact.mapHeight).toBeGreaterThan(open.mapHeight);
    await fac.page.screenshot({ path: path.join(RESULTS_DIR, 'laptop-facilitator-compact.png') });
    await fac.page.getByRole('button', { name: 'Facilitate' }).click();
    await panel.waitFor({ state: 'detached' });
    // the choices are remembered by this browser
    await fac.page.reload();
    await fac.page.locator('jr-map-toolbar').waitFor();
    expect(await fac.page.locator('jr-map-toolbar').getByRole('button', { name: 'Compact' }).getAttribute('aria-pressed')).toBe('true');
    expect(await fac.page.getByRole('button', { name: 'Facilitate' }).getAttribute('aria-expanded')).toBe('false');
    await fac.page.getByRole('button', { name: 'Show persona details' }).waitFor();
    console.log(`1280x800 facilitator: panel open ${open.stages} stages (map ${open.mapHeight}px high); panel closed 6; panel open + compact ${compact.stages} (map ${compact.mapHeight}px high)`);

    const ada = await newClient();
    await joinAs(ada.page, links.participant, 'Ada', 'customer');
    await ada.page.screenshot({ path: path.join(RESULTS_DIR, 'laptop-participant.png') });
    expect(fac.errors.join('\n')).toBe('');
    expect(ada.errors.join('\n')).toBe('');
    await fac.context.close();
    await ada.context.close();
  });
});
