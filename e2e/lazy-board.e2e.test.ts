/**
 * A big board in a real browser: with 600 notes (over LAZY_FROM_NOTES) the grid makes the parts of its cells near
 * the viewport and keeps the rest as light notes (author and text, readable and findable) in groups that say which
 * notes they hold. Scrolling, the keyboard (Tab into a cell's next part, Shift+Tab back into its last, the focus on a
 * light note) and "go to note" bring notes in; every note is always either made or counted by a part not made yet;
 * the page stays free of axe findings.
 * Saves a screenshot to test-results/.
 */
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CreateBoardResponse } from '../shared/api.js';
import { expectNoAxeViolations } from './helpers/axe.js';
import { LAPTOP, PHONE, openPage, rememberLayout, RESULTS_DIR, type Client } from './helpers/pages.js';
import type { RunningServer } from './helpers/server.js';
import { seedBoard } from './helpers/seed.js';
import { withServerAndBrowser } from './helpers/suite.js';

const NOTES = 600;

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

interface Seeded {
  board: CreateBoardResponse;
  /** note ids per cell ("stage title/lane title"), in the order the cell shows them */
  cells: Map<string, string[]>;
}

/** A board of NOTES notes spread evenly over its 6 × 6 cells, written by a real client. */
async function seedBigBoard(): Promise<Seeded> {
  const { board, snapshot } = await seedBoard(server.url, { title: 'Big board', notes: NOTES, text: (i) => `Item ${i + 1}: the invoice is unclear and the support chat keeps us waiting for an answer` });
  const cells = new Map<string, string[]>();
  for (const note of snapshot.notes) {
    const key = `${snapshot.stages.find((s) => s.id === note.stageId)!.title}/${snapshot.lanes.find((l) => l.id === note.laneId)!.title}`;
    cells.set(key, [...(cells.get(key) ?? []), note.id]);
  }
  return { board, cells };
}

/** Joins as a stakeholder from Sales; the caller waits for the view it expects (the grid, or a phone's stage). */
async function joinAs(client: Client, link: string, name: string): Promise<void> {
  await client.page.goto(link);
  await client.page.getByLabel('Your name').fill(name);
  await client.page.getByRole('radio', { name: /a stakeholder/ }).check();
  await client.page.getByLabel(/^Department/).fill('Sales');
  await client.page.getByRole('button', { name: 'Join the board' }).click();
}

/** A big board, joined by Ada on a laptop, with its first notes rendered. */
async function openBigBoard(): Promise<Seeded & { client: Client; page: Page }> {
  const seeded = await seedBigBoard();
  const client = await openPage(browser, { viewport: LAPTOP });
  await joinAs(client, seeded.board.links.participant, 'Ada');
  await client.page.getByRole('region', { name: 'Journey map' }).waitFor();
  await expect.poll(async () => (await counts(client.page)).rendered, { timeout: 20_000 }).toBeGreaterThan(0);
  return { ...seeded, client, page: client.page };
}

/** Runs in the page: the grid's shadow root. */
const BOARD_ROOT = `(() => {
  const find = (root) => {
    const direct = root.querySelector('jr-board');
    if (direct) return direct;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const found = find(el.shadowRoot); if (found) return found; }
    return null;
  };
  return find(document).shadowRoot;
})()`;

/** Note elements in the grid, and the notes its placeholders stand for. */
function counts(page: Page): Promise<{ rendered: number; pending: number; placeholders: number }> {
  return page.evaluate(`(() => {
    const root = ${BOARD_ROOT};
    const placeholders = [...root.querySelectorAll('[data-pending-notes]')];
    return {
      rendered: root.querySelectorAll('jr-note').length,
      pending: placeholders.reduce((sum, p) => sum + Number(p.dataset.pendingNotes), 0),
      placeholders: placeholders.length,
    };
  })()`);
}

/** The data-id of the note that holds the keyboard focus ('' when none does). */
function focusedNote(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    let el = document.activeElement;
    let note = '';
    while (el) {
      if (el.localName === 'jr-note') note = el.dataset.id;
      el = el.shadowRoot ? el.shadowRoot.activeElement : null;
    }
    return note;
  })()`);
}

const note = (page: Page, id: string): Locator => page.locator(`jr-note[data-id="${id}"]`);
/** A note not made yet: its light item (author and text), in the grid or the outline. */
const lightNote = (page: Page, id: string): Locator => page.locator(`.light[data-note="${id}"]`);

/** Scrolls the grid to its top left or bottom right corner. */
function scrollBoard(page: Page, to: 'start' | 'end'): Promise<void> {
  return page.evaluate(`(() => {
    const s = ${BOARD_ROOT}.querySelector('.scroller');
    s.scrollTop = ${to === 'end' ? 's.scrollHeight' : '0'};
    s.scrollLeft = ${to === 'end' ? 's.scrollWidth' : '0'};
  })()`);
}

/**
 * Scrolls the grid down by `by` px and says where the first lane's name is: inside the grid's viewport, below
 * the stage names and on top there (elementFromPoint at its centre), or not.
 */
function laneNameAfterScrolling(page: Page, by: number): Promise<string> {
  return page.evaluate(`(async () => {
    const root = ${BOARD_ROOT};
    const s = root.querySelector('.scroller');
    s.scrollTop = ${by};
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const view = s.getBoundingClientRect();
    const headBottom = root.querySelector('.corner').getBoundingClientRect().bottom;
    const lane = root.querySelector('.lane-head');
    const name = lane.querySelector('jr-lane-header').getBoundingClientRect();
    const top = root.elementFromPoint(name.left + name.width / 2, name.top + name.height / 2);
    if (name.top < headBottom - 1 || name.bottom > view.bottom) return 'out of view: ' + JSON.stringify({ name, headBottom, scrollTop: s.scrollTop });
    return top && top.closest('.lane-head') === lane ? 'in view' : 'covered';
  })()`);
}

/** Focuses without scrolling it into view (which would let the observer render what is around it first). */
async function focusWithoutScrolling(page: Page, target: Locator): Promise<void> {
  await target.evaluate((el: { focus(options: { preventScroll: boolean }): void }) => el.focus({ preventScroll: true }));
}

/** The placeholders' note height (px) and the average height of the first 30 rendered notes (what it is measured on). */
function noteHeights(page: Page): Promise<{ estimate: number; average: number }> {
  return page.evaluate(`(() => {
    const root = ${BOARD_ROOT};
    const heights = [...root.querySelectorAll('jr-note')].slice(0, 30).map((n) => n.offsetHeight).filter((h) => h > 0);
    return {
      estimate: parseFloat(root.host.style.getPropertyValue('--jr-note-estimate')),
      average: heights.reduce((a, b) => a + b, 0) / heights.length,
    };
  })()`);
}

/** Whether the keyboard focus is in a part not made yet (on one of its light notes). */
function placeholderFocused(page: Page): Promise<boolean> {
  return page.evaluate(`(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return !!el && !!el.closest('[data-pending-notes]');
  })()`);
}

describe('a big board renders the notes near the viewport', () => {
  it('counts every note, keeps far ones as light notes, and brings notes in by scrolling, keyboard and go-to', async () => {
    const { cells, client, page } = await openBigBoard();

    // every note is either rendered or counted by a placeholder; most of a 600-note board is not rendered
    const opened = await counts(page);
    expect(opened.rendered + opened.pending).toBe(NOTES);
    expect(opened.rendered).toBeLessThan(NOTES / 2);

    // the cell says how many notes it has, made or not; a part not made yet says which of them it holds
    const far = cells.get('Pay/Opportunities')!;
    const farCell = page.getByRole('group', { name: `Pay, Opportunities: ${far.length} notes` });
    await farCell.waitFor({ state: 'attached' });
    expect(await farCell.locator('jr-note').count()).toBe(0);
    expect(await farCell.getByRole('group', { name: /^Notes \d+–\d+ of 16$|^Note 16 of 16$/ }).count()).toBe(Math.ceil(far.length / 5));
    // … and holds each of them as a light note: its author and its text are in the page (screen readers, find in page)
    expect(await farCell.locator('.light').count()).toBe(far.length);
    expect(await lightNote(page, far.at(-1)!).textContent()).toMatch(/^Seeder, Support[\s\S]*Item \d+: /);
    await expectNoAxeViolations(page, 'big board');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'big-board-laptop.png') });

    // the first lane's row is taller than the screen: scrolled down it, the lane's name stays in view under the stage names
    expect(await laneNameAfterScrolling(page, 1500)).toBe('in view');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'big-board-laptop-scrolled.png') });
    // and back at the top, the name is back in its place
    expect(await laneNameAfterScrolling(page, 0)).toBe('in view');
    expect(await page.evaluate(`${BOARD_ROOT}.querySelector('.lane-head > jr-lane-header').style.transform`)).toBe('');

    // scrolling the map down and right renders the notes there
    await scrollBoard(page, 'end');
    await note(page, far.at(-1)!).waitFor({ state: 'attached', timeout: 10_000 });
    const scrolled = await counts(page);
    expect(scrolled.rendered).toBeGreaterThan(opened.rendered);
    expect(scrolled.rendered + scrolled.pending).toBe(NOTES);

    // the keyboard: Shift+Tab from a cell's "Add note" into its last part renders it and lands on its last note
    const feeling = cells.get('Discover/Feeling')!;
    const feelingCell = page.getByRole('group', { name: `Discover, Feeling: ${feeling.length} notes` });
    expect(await note(page, feeling.at(-1)!).count()).toBe(0);
    await focusWithoutScrolling(page, feelingCell.getByRole('button', { name: 'Add note to Discover, Feeling' }));
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focusedNote(page)).toBe(feeling.at(-1));

    // … and Tab out of a rendered part into a placeholder renders it and lands on its first note
    await scrollBoard(page, 'start');
    const doing = cells.get('Buy/Doing')!;
    const doingCell = page.getByRole('group', { name: `Buy, Doing: ${doing.length} notes` });
    const firstPending = Number(await doingCell.locator('[data-pending-notes]').first().getAttribute('data-part'));
    expect(firstPending).toBeGreaterThan(0);
    const [lastShown, firstHidden] = [doing[firstPending * 5 - 1]!, doing[firstPending * 5]!];
    expect(await note(page, firstHidden).count()).toBe(0);
    await focusWithoutScrolling(page, note(page, lastShown).getByRole('button', { name: /^Move note/ }));
    // through the note's own controls to the placeholder (which hands the focus on at once, or soon)
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if ((await placeholderFocused(page)) || (await focusedNote(page)) === firstHidden) break;
    }
    await expect.poll(() => focusedNote(page)).toBe(firstHidden);

    // going to a note far away (what "bring everyone here" and following do) renders its part first
    const goal = cells.get('Get help/Touchpoints')![12]!;
    expect(await note(page, goal).count()).toBe(0);
    const found = await page.evaluate(`(async () => {
      const root = ${BOARD_ROOT};
      const target = await root.host.focusTarget({ kind: 'note', id: ${JSON.stringify(goal)} });
      return target ? target.dataset.id : null;
    })()`);
    expect(found).toBe(goal);
    expect(await counts(page).then((c) => c.rendered + c.pending)).toBe(NOTES);

    // a wider window widens the stage columns, so notes rewrap: placeholders take the notes' new height
    const before = await noteHeights(page);
    expect(Math.abs(before.estimate - before.average)).toBeLessThan(3);
    await page.setViewportSize({ width: 2400, height: LAPTOP.height });
    await expect.poll(async () => Math.abs((await noteHeights(page)).average - before.average), { timeout: 10_000 }).toBeGreaterThan(10);
    await expect.poll(async () => { const h = await noteHeights(page); return Math.abs(h.estimate - h.average); }, { timeout: 10_000 }).toBeLessThan(3);
    expect(client.errors).toEqual([]);
    await client.context.close();
  });

  it('makes the part of a light note that takes the focus, and moves the focus into that very note', async () => {
    const { cells, client, page } = await openBigBoard();
    // the third note of the second part of a cell far below the screen (a press, a screen reader's focus)
    const pains = cells.get('Discover/Pain points')!;
    const middle = pains[7]!;
    expect(await note(page, middle).count()).toBe(0);
    expect(await lightNote(page, pains[5]!).count()).toBe(1);
    await focusWithoutScrolling(page, lightNote(page, middle));
    await expect.poll(() => focusedNote(page)).toBe(middle);
    expect(await lightNote(page, middle).count()).toBe(0);
    expect(await counts(page).then((c) => c.rendered + c.pending)).toBe(NOTES);
    expect(client.errors).toEqual([]);
    await client.context.close();
  });

  it('drops a dragged note onto a part not rendered yet, into that part of the cell', async () => {
    const { cells, client, page } = await openBigBoard();

    // a note in view, and a part of a far cell that is not rendered yet
    const moved = cells.get('Discover/Doing')![0]!;
    const far = cells.get('Pay/Opportunities')!;
    const farCell = page.getByRole('group', { name: `Pay, Opportunities: ${far.length} notes` });
    expect(await farCell.locator('[data-part="1"]').getAttribute('data-pending-notes')).toBe('5');
    const dataTransfer = await page.evaluateHandle('new DataTransfer()');
    // the element the drag started on (a real browser sends it dragend even after the move re-created the note)
    const handle = await note(page, moved).getByRole('button', { name: /^Move note/ }).elementHandle();
    await handle.dispatchEvent('dragstart', { dataTransfer });
    // A drag that scrolls fast reaches a part before it renders: scroll it into view, and drag over the middle of
    // the placeholder and drop there in the same task, before the page renders it.
    const dropped = await farCell.locator('[data-part="1"]').evaluate((placeholder, dt) => {
      placeholder.scrollIntoView({ block: 'center', inline: 'center' });
      const r = placeholder.getBoundingClientRect();
      const init = { bubbles: true, cancelable: true, composed: true, dataTransfer: dt, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
      // (the browser's DragEvent; this file is type-checked without the DOM library)
      const Drag = (globalThis as unknown as { DragEvent: new (type: string, init: object) => Event }).DragEvent;
      placeholder.dispatchEvent(new Drag('dragover', init));
      const drop = new Drag('drop', init);
      placeholder.dispatchEvent(drop);
      return { onPlaceholder: placeholder.isConnected, taken: drop.defaultPrevented };
    }, dataTransfer);
    expect(dropped).toEqual({ onPlaceholder: true, taken: true });
    await handle.dispatchEvent('dragend', { dataTransfer });

    // the note is now in that cell, among the notes of the part it was dropped on (6th to 10th)
    const order = (): Promise<string[]> =>
      page.evaluate(`(() => {
        const host = ${BOARD_ROOT}.host;
        const cell = host.snapshot.notes.filter((n) => n.id === ${JSON.stringify(far[0])})[0];
        return host.snapshot.notes.filter((n) => n.stageId === cell.stageId && n.laneId === cell.laneId).map((n) => n.id);
      })()`);
    await expect.poll(async () => (await order()).includes(moved), { timeout: 10_000 }).toBe(true);
    const index = (await order()).indexOf(moved);
    expect(index).toBeGreaterThanOrEqual(5);
    expect(index).toBeLessThanOrEqual(10);
    await note(page, moved).waitFor({ state: 'attached' });
    expect(await farCell.locator('.slot').count()).toBe(0);
    expect(await counts(page).then((c) => c.rendered + c.pending)).toBe(NOTES);
    expect(client.errors).toEqual([]);
    await client.context.close();
  });

  it('keeps the name of a long lane at the top of a phone while its notes scroll under it, and makes notes as they near the screen', async () => {
    const { board, cells } = await seedBigBoard();
    const client = await openPage(browser, PHONE);
    const { page } = client;
    await joinAs(client, board.links.participant, 'Bo');
    const doing = page.getByRole('heading', { level: 3, name: /^Doing/ });
    await doing.waitFor();
    // the phone shows the first stage; its Doing lane holds a sixth of its notes, several screens of them
    const lastId = cells.get('Discover/Doing')!.at(-1)!;
    const light = lightNote(page, lastId);
    await light.waitFor({ state: 'attached' });
    // a note screens away is a light item: its author and text, readable and findable, but no note element yet
    expect(await light.textContent()).toMatch(/Seeder, Support[\s\S]*Item \d+: the invoice is unclear/);
    expect(await note(page, lastId).count(), 'a note far below the screen is made').toBe(0);
    // scrolled to it, its part is made
    await light.evaluate((el: { scrollIntoView(options: object): void }) => el.scrollIntoView({ block: 'end' }));
    const lastDoing = note(page, lastId);
    await lastDoing.waitFor({ state: 'attached' });
    // scrolled until that lane's last note is at the bottom of the screen: its name is at the top, and on top there
    await lastDoing.evaluate((el: { scrollIntoView(options: object): void }) => el.scrollIntoView({ block: 'end' }));
    const at = await doing.evaluate((el: { getBoundingClientRect(): { top: number; left: number; width: number; height: number } }) => {
      const r = el.getBoundingClientRect();
      const root = (el as unknown as { getRootNode(): { elementFromPoint(x: number, y: number): { closest(s: string): unknown } | null } }).getRootNode();
      const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { top: Math.round(r.top), onTop: hit !== null && hit.closest('h3') === el };
    });
    expect(at).toEqual({ top: 0, onTop: true });
    const drawn = (): Promise<boolean> => lastDoing.evaluate((el: { checkVisibility(options: object): boolean }) => el.checkVisibility({ contentVisibilityAuto: true }));
    await expect.poll(drawn, { message: 'the note scrolled into view is drawn' }).toBe(true);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'big-board-phone-scrolled.png') });
    expect(client.errors).toEqual([]);
    await client.context.close();
  });

  it('shows a laptop outline of every note, making those near the screen and the one Tab reaches', async () => {
    const { board, cells } = await seedBigBoard();
    const client = await openPage(browser, { viewport: LAPTOP });
    const { page } = client;
    await page.addInitScript(rememberLayout('outline'));
    await joinAs(client, board.links.participant, 'Cy');
    const outline = page.locator('jr-board-outline');
    await outline.getByRole('heading', { level: 2 }).first().waitFor();
    // every note is in the outline: made near the top, a light item further down (its text and author)
    const shown = (): Promise<{ notes: number; light: number }> =>
      outline.evaluate((el: { shadowRoot: { querySelectorAll(s: string): { length: number } } | null }) => ({
        notes: el.shadowRoot!.querySelectorAll('jr-note').length,
        light: el.shadowRoot!.querySelectorAll('li.light').length,
      }));
    await expect.poll(async () => (await shown()).notes, { timeout: 20_000 }).toBeGreaterThan(0);
    const first = await shown();
    expect(first.notes + first.light).toBe(NOTES);
    expect(first.notes).toBeLessThan(NOTES / 4);
    // a lane far down the outline is not drawn at all (its light items included), the first one is
    const lanesDrawn = (): Promise<boolean[]> =>
      outline.evaluate((el: { shadowRoot: { querySelectorAll(s: string): Iterable<{ checkVisibility(options: object): boolean }> } | null }) =>
        [...el.shadowRoot!.querySelectorAll('.lane > h3')].map((name) => name.checkVisibility({ contentVisibilityAuto: true })),
      );
    const drawn = await lanesDrawn();
    expect(drawn).toHaveLength(36);
    expect([drawn[0], drawn[35]]).toEqual([true, false]);
    // a light item that takes the focus (Tab, a screen reader) makes its part and moves on into its note
    const target = cells.get('Discover/Feeling')!.at(-1)!;
    const item = lightNote(page, target);
    expect(await item.count()).toBe(1);
    await focusWithoutScrolling(page, item);
    await expect.poll(() => focusedNote(page)).toBe(target);
    expect(await note(page, target).count()).toBe(1);
    expect(await lightNote(page, target).count()).toBe(0);
    // Shift+Tab from a lane's "Add note" onto its last note, still light: the focus lands on that note's Move select
    const last = cells.get('Discover/Pain points')!.at(-1)!;
    expect(await lightNote(page, last).count()).toBe(1);
    await focusWithoutScrolling(page, outline.getByRole('button', { name: 'Add note to Discover, Pain points' }));
    await page.keyboard.press('Shift+Tab');
    const focusedSelect = (): Promise<string> =>
      page.evaluate(`(() => {
        let el = document.activeElement;
        while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
        return el && el.localName === 'select' ? el.dataset.note : '';
      })()`);
    await expect.poll(focusedSelect).toBe(last);
    await expectNoAxeViolations(page, 'laptop outline of a big board');
    expect(client.errors).toEqual([]);
    await client.context.close();
  });
});
