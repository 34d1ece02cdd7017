/**
 * A workshop run in real browsers: a facilitator, two participants who join by the short join link (what the
 * QR code opens) and a projector. Timer everywhere, a silent brainstorm with reveal, a dot vote with its
 * ranking, focus followed by the projector, lock and unlock, a checkpoint opened read-only. Saves projector
 * screenshots to test-results/projector-*.png.
 */
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withServerAndBrowser } from './helpers/suite.js';
import { expectNoAxeViolations } from './helpers/axe.js';
import { PROJECTOR, openPage, RESULTS_DIR, type Client } from './helpers/pages.js';
import type { RunningServer } from './helpers/server.js';

const LAPTOP = { width: 1440, height: 900 };

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

/** Records the states of every AudioContext the page makes, in `window.__jrAudioStates`. */
const AUDIO_RECORDER = `(() => {
  const states = (window.__jrAudioStates = []);
  const Original = window.AudioContext;
  window.AudioContext = class extends Original {
    constructor(...args) {
      super(...args);
      states.push(this.state);
      this.addEventListener('statechange', () => states.push(this.state));
    }
  };
})();`;

/** Presses a control the way a keyboard user does: focus, then Enter. */
async function pressEnterOn(control: Locator): Promise<void> {
  await control.focus();
  await control.press('Enter');
}

/** Whether `control` has the keyboard focus (inside its shadow root). */
function hasFocus(control: Locator): Promise<boolean> {
  return control.evaluate((element) => element.matches(':focus'));
}

function newClient(viewport = LAPTOP): Promise<Client> {
  return openPage(browser, { viewport });
}

/** A note by its own text (not the chips of linked notes that quote it). */
function noteOn(page: Page, text: string) {
  return page.locator('jr-note', { has: page.locator('jr-note-text', { hasText: text }) });
}

async function joinByCode(page: Page, joinUrl: string, name: string, role: 'customer' | 'stakeholder', department = ''): Promise<void> {
  await page.goto(joinUrl);
  // /j/<code> resolves the board and lands on the join form with the code as the participant token
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('radio', { name: new RegExp(`a ${role}`) }).check();
  if (department) await page.getByLabel(/^Department/).fill(department);
  await page.getByRole('button', { name: 'Join the board' }).click();
  await page.getByRole('region', { name: 'Journey map' }).waitFor();
}

describe('facilitation in a browser', () => {
  it('runs a workshop: timer, silent brainstorm, vote, focus, lock, checkpoint', async () => {
    // -- the facilitator creates the board and opens it
    const fac = await newClient();
    await fac.page.goto(server.url);
    await fac.page.getByLabel('Workshop title').fill('Checkout workshop');
    await fac.page.getByLabel('Persona name').fill('Sam, first-time buyer');
    await fac.page.getByRole('button', { name: 'Create board' }).click();
    await fac.page.getByRole('heading', { name: 'Your board is ready' }).waitFor();
    const facilitatorLink = await fac.page.getByLabel('Facilitator link', { exact: true }).inputValue();
    const projectorLink = await fac.page.getByLabel('Projector link', { exact: true }).inputValue();
    await fac.page.goto(facilitatorLink);
    await fac.page.getByLabel('Your name').fill('Fran');
    await fac.page.getByRole('button', { name: 'Join the board' }).click();
    const panel = fac.page.getByRole('complementary', { name: 'Facilitator panel' });
    await panel.waitFor();

    // -- the join code, its short link and QR code; the projector link this browser kept at creation
    const code = await panel.locator('[data-join-code]').getAttribute('data-join-code');
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
    expect(await panel.locator('jr-qr-code svg path').count()).toBe(1);
    expect(await panel.getByLabel('Projector link', { exact: true }).inputValue()).toBe(projectorLink);
    const joinUrl = `${server.url}/j/${code}`;

    // -- two participants join through the join link (a typed, lower-case code works too)
    const ada = await newClient();
    const bo = await newClient();
    // Bo's laptop clock is an hour fast (and the projector's an hour slow, below): the timer must still
    // show the same remaining time everywhere, computed from the server's time base (issue 3, F10).
    await bo.context.clock.setSystemTime(Date.now() + 3_600_000);
    await joinByCode(ada.page, joinUrl, 'Ada', 'stakeholder', 'Billing');
    await joinByCode(bo.page, `${server.url}/j/${code!.toLowerCase().replace(/(.{4})(?=.)/g, '$1-')}`, 'Bo', 'customer');

    // -- the projector shows the phase, how to join, and who is here
    const projector = await newClient(PROJECTOR);
    await projector.context.clock.setSystemTime(Date.now() - 3_600_000);
    await projector.page.goto(projectorLink);
    const side = projector.page.locator('jr-projector-session');
    await side.locator(`[data-join-code="${code}"]`).waitFor();
    await side.locator('[data-phase="Welcome"]').waitFor();
    await expect.poll(() => side.locator('ul[data-people]').getAttribute('data-people')).toBe('3');
    expect(await projector.page.getByRole('button').count()).toBe(0);

    // -- the facilitator moves to the next phase and starts a 3-minute timer: everyone sees both, with the
    //    same remaining time despite the skewed clocks of Bo and the projector
    await panel.getByRole('button', { name: 'Next phase' }).click();
    await panel.getByRole('button', { name: '3 min', exact: true }).click();
    for (const { page } of [fac, ada, bo, projector]) {
      await page.locator('[data-phase="Persona"]').first().waitFor();
      await page.locator('[role="timer"][data-state="running"]').first().waitFor();
      const label = await page.locator('[role="timer"]').first().getAttribute('aria-label');
      expect(label).toMatch(/^Timer: (2 minutes [0-9]+ seconds|3 minutes) left$/);
    }
    await projector.page.screenshot({ path: path.join(RESULTS_DIR, 'projector-timer.png') });

    // -- silent brainstorm: drafts stay with their author, counted for the facilitator
    // (by keyboard: the button turns into "End without revealing" and keeps the focus)
    await pressEnterOn(panel.getByRole('button', { name: 'Start silent brainstorm' }));
    await ada.page.getByText('Silent brainstorm: the notes you add now are private').waitFor();
    expect(await hasFocus(panel.getByRole('button', { name: 'End without revealing' }))).toBe(true);
    await ada.page.getByRole('button', { name: 'Add note to Pay, Pain points' }).click();
    const adaDraft = ada.page.locator('jr-note[draft]').getByRole('textbox', { name: 'Note text by Ada' });
    await expect.poll(() => adaDraft.evaluate((el: { getRootNode(): { activeElement: unknown } }) => el.getRootNode().activeElement === el)).toBe(true);
    await adaDraft.pressSequentially('Card declined without a reason');
    await bo.page.getByRole('button', { name: 'Add note to Pay, Opportunities' }).click();
    await bo.page.locator('jr-note[draft]').getByRole('textbox', { name: 'Note text by Bo' }).pressSequentially('Offer Apple Pay');
    await panel.getByText('Ada is writing 1 note').waitFor();
    await panel.getByText('Bo is writing 1 note').waitFor();
    await bo.page.getByText('Ada is writing 1 note').waitFor();
    await projector.page.locator('[data-private-notes="2"]').waitFor();
    await ada.page.screenshot({ path: path.join(RESULTS_DIR, 'participant-brainstorm.png') });
    await fac.page.screenshot({ path: path.join(RESULTS_DIR, 'facilitator-brainstorm.png') });
    await expectNoAxeViolations(ada.page, 'participant during a silent brainstorm');
    await expectNoAxeViolations(fac.page, 'facilitator during a silent brainstorm');
    // the other participant and the projector see neither draft
    expect(await bo.page.getByRole('textbox', { name: 'Note text by Ada' }).count()).toBe(0);
    expect(await ada.page.getByRole('textbox', { name: 'Note text by Bo' }).count()).toBe(0);
    expect(await projector.page.locator('jr-note').count()).toBe(0);
    // drafts survive a reload (they live on the server)
    await ada.page.reload();
    await expect.poll(() => ada.page.locator('jr-note[draft]').getByRole('textbox', { name: 'Note text by Ada' }).inputValue()).toBe('Card declined without a reason');

    // -- reveal: every draft appears for everyone at once
    await panel.getByRole('button', { name: 'Reveal all notes' }).click();
    await panel.getByText('Revealed 2 notes.').waitFor();
    await expect.poll(() => bo.page.getByRole('textbox', { name: 'Note text by Ada' }).inputValue()).toBe('Card declined without a reason');
    await expect.poll(() => ada.page.getByRole('textbox', { name: 'Note text by Bo' }).inputValue()).toBe('Offer Apple Pay');
    await noteOn(projector.page, 'Card declined without a reason').waitFor();
    await noteOn(projector.page, 'Offer Apple Pay').waitFor();
    expect(await ada.page.locator('jr-note[draft]').count()).toBe(0);

    // -- dot vote on pain points and opportunities, 3 dots each, counts hidden until the close
    await panel.getByLabel('Hide counts from participants until the vote closes').check();
    // (by keyboard: the form gives way to the open vote, and the focus goes to "Close the vote")
    await pressEnterOn(panel.getByRole('button', { name: 'Open the vote' }));
    await ada.page.getByText('Dot vote open on Pain points, Opportunities.').waitFor();
    await expect.poll(() => hasFocus(panel.getByRole('button', { name: 'Close the vote' }))).toBe(true);
    const placeOn = (page: Page, text: string) => page.getByRole('button', { name: `Place a dot on note “${text}”` });
    await placeOn(ada.page, 'Offer Apple Pay').click();
    await placeOn(ada.page, 'Offer Apple Pay').click();
    await placeOn(ada.page, 'Card declined without a reason').click();
    await ada.page.locator('[data-dots-left="0"]').waitFor();
    // Her own dots come from her ballot (the board doc holds nobody's while counts are hidden).
    await ada.page.locator('jr-note', { has: ada.page.getByRole('textbox', { name: 'Note text by Bo' }) }).getByRole('img', { name: 'Your dots on this note: 2' }).waitFor({ state: 'attached' });
    await ada.page.screenshot({ path: path.join(RESULTS_DIR, 'participant-vote.png') });
    await expectNoAxeViolations(ada.page, 'participant during a vote');
    expect(await placeOn(ada.page, 'Offer Apple Pay').isDisabled()).toBe(true);
    await placeOn(bo.page, 'Offer Apple Pay').click();
    await bo.page.locator('[data-dots-left="2"]').waitFor();
    // Hidden counts: the facilitator sees the server's running tally; neither participant nor the projector sees
    // anyone's count (each sees only their own dots, in their dots-left).
    // (Bo wrote “Offer Apple Pay”; on an editable board the text is in a text field, so find the note by its author.)
    await fac.page.locator('jr-note', { has: fac.page.getByRole('textbox', { name: 'Note text by Bo' }) }).locator('[data-votes="3"]').waitFor();
    await expect.poll(() => panel.getByRole('list', { name: 'Vote ranking' }).locator('li').first().innerText()).toMatch(/^3 · Offer Apple Pay/);
    await fac.page.screenshot({ path: path.join(RESULTS_DIR, 'facilitator-hidden-vote.png') });
    for (const page of [ada.page, bo.page, projector.page]) expect(await page.locator('[data-votes]:not([data-votes=""])').count()).toBe(0);
    await bo.page.screenshot({ path: path.join(RESULTS_DIR, 'participant-hidden-vote.png') });
    await panel.getByRole('button', { name: 'Close the vote' }).click();
    const results = bo.page.getByRole('list', { name: 'Vote results, most dots first' });
    await bo.page.getByText(/^Vote results/).click();
    await expect.poll(() => results.locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/^3 dots — Offer Apple Pay/),
      expect.stringMatching(/^1 dot — Card declined without a reason/),
    ]);
    await expect.poll(() => panel.getByRole('list', { name: 'Vote ranking' }).locator('li').first().innerText()).toMatch(/^3 · Offer Apple Pay/);
    await noteOn(projector.page, 'Offer Apple Pay').locator('[data-votes="3"]').waitFor();
    await projector.page.screenshot({ path: path.join(RESULTS_DIR, 'projector-vote.png') });
    await expectNoAxeViolations(projector.page, 'projector after a vote');
    await expectNoAxeViolations(bo.page, 'participant after a vote (results open)');

    // -- root causes: Ada links the pain point to its cause and names the owning department
    await ada.page.getByRole('button', { name: 'Root causes of note “Card declined without a reason”' }).click();
    const causes = ada.page.getByRole('dialog', { name: 'Root causes' });
    await causes.getByRole('checkbox', { name: /Offer Apple Pay/ }).check();
    await causes.getByLabel('Owning department').fill('Billing');
    await causes.getByRole('button', { name: 'Save (1 cause)' }).click();
    const painNote = bo.page.locator('jr-note', { has: bo.page.getByRole('textbox', { name: 'Note text by Ada' }) });
    await painNote.getByRole('group', { name: 'Caused by' }).getByText('Offer Apple Pay').waitFor();
    await painNote.getByText('Billing', { exact: true }).last().waitFor();
    await noteOn(projector.page, 'Offer Apple Pay').getByRole('group', { name: 'Causes' }).getByText('Card declined without a reason').waitFor();

    // -- focus: the facilitator brings everyone to the stage "Pay": the projector highlights it, followers scroll there
    await fac.page.getByRole('button', { name: 'Bring everyone to the stage Pay' }).click();
    await projector.page.locator('[data-stage-head].focused', { hasText: 'Pay' }).waitFor();
    // (at 1440 px all six stages may fit, so "scrolled there" means: the stage is fully in view, not scrollLeft > 0)
    const boMap = await bo.page.locator('jr-board').boundingBox();
    await expect
      .poll(async () => {
        const head = await bo.page.locator('jr-board [data-stage-head]', { hasText: 'Pay' }).boundingBox();
        return !!head && !!boMap && head.x >= boMap.x - 1 && head.x + head.width <= boMap.x + boMap.width + 1;
      })
      .toBe(true);
    await projector.page.screenshot({ path: path.join(RESULTS_DIR, 'projector-focus-stage.png') });
    // ... then to a note: the projector zooms in on it
    const noteWidth = () => noteOn(projector.page, 'Offer Apple Pay').boundingBox().then((box) => box?.width ?? 0);
    const before = await noteWidth();
    await fac.page.getByRole('button', { name: 'Bring everyone to note “Offer Apple Pay”' }).click();
    await projector.page.locator('jr-note[focused]', { hasText: 'Offer Apple Pay' }).waitFor();
    await expect.poll(noteWidth).toBeGreaterThan(before * 1.3);
    // once the zoom has settled, the whole note is on the screen: the room reads the note it was brought to
    const focusArea = await projector.page.locator('jr-projector-view .stage').boundingBox();
    let last = '';
    await expect
      .poll(async () => {
        const box = await noteOn(projector.page, 'Offer Apple Pay').boundingBox();
        const key = JSON.stringify(box);
        const settled = key === last;
        last = key;
        if (!settled || !box || !focusArea) return 'moving';
        const inside = box.y >= focusArea.y - 1 && box.y + box.height <= focusArea.y + focusArea.height + 1 && box.x >= focusArea.x - 1 && box.x + box.width <= focusArea.x + focusArea.width + 1;
        return inside ? 'whole' : `cut: note ${key}, map area ${JSON.stringify(focusArea)}`;
      }, { timeout: 10_000, interval: 250 })
      .toBe('whole');
    await projector.page.screenshot({ path: path.join(RESULTS_DIR, 'projector-focus-note.png') });
    await panel.getByRole('button', { name: 'Clear focus' }).click();
    await expect.poll(() => projector.page.locator('jr-note[focused]').count()).toBe(0);
    await expect.poll(noteWidth).toBeLessThan(before * 1.05);

    // -- lock: participants cannot change the board; the facilitator still can
    await panel.getByRole('button', { name: 'Lock the board' }).click();
    await bo.page.getByText('The facilitator has locked the board.').waitFor();
    await expect.poll(() => bo.page.getByRole('button', { name: /^Add note to / }).count()).toBe(0);
    expect(await bo.page.getByRole('textbox', { name: 'Note text by Ada' }).count()).toBe(0);
    expect(await fac.page.getByRole('button', { name: /^Add note to / }).count()).toBeGreaterThan(0);
    await side.getByText('Board locked').waitFor();
    await projector.page.screenshot({ path: path.join(RESULTS_DIR, 'projector-locked.png') });
    await panel.getByRole('button', { name: 'Unlock the board' }).click();
    await bo.page.getByRole('button', { name: 'Add note to Discover, Doing' }).click();
    await bo.page.getByRole('textbox', { name: 'Note text by Bo' }).first().pressSequentially('Compares prices');
    await noteOn(projector.page, 'Compares prices').waitFor();

    // -- a checkpoint, opened read-only
    await panel.getByText('Checkpoints').click();
    await panel.getByLabel('Checkpoint name').fill('After the vote');
    await panel.getByRole('button', { name: 'Take checkpoint' }).click();
    await panel.getByRole('button', { name: 'Open checkpoint After the vote' }).click();
    const viewer = fac.page.getByRole('dialog', { name: /Checkpoint “After the vote”/ });
    await viewer.locator('jr-note', { hasText: 'Offer Apple Pay' }).waitFor();
    expect(await viewer.getByRole('textbox').count()).toBe(0);
    await viewer.getByRole('button', { name: 'Close' }).click();
    await bo.page.getByRole('button', { name: 'Add note to Buy, Doing' }).click();
    await expect.poll(() => bo.page.getByRole('textbox', { name: 'Note text by Bo' }).count()).toBe(3);
    await bo.page.keyboard.type('Asks a friend');
    await noteOn(projector.page, 'Asks a friend').waitFor();
    // restoring asks first, and keeps the board as it was in an automatic checkpoint (restoring that one undoes it)
    await panel.getByRole('button', { name: 'Restore checkpoint After the vote' }).click();
    await fac.page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await panel.getByText(/^Restored “After the vote”\. To undo, restore “.+”\.$/).waitFor();
    await expect.poll(() => panel.getByRole('list', { name: 'Checkpoints, newest first' }).locator('li').count()).toBe(2);
    await noteOn(projector.page, 'Asks a friend').waitFor({ state: 'detached' });
    await noteOn(projector.page, 'Compares prices').waitFor();

    // the projector never offers a control
    expect(await projector.page.getByRole('button').count()).toBe(0);
    expect(await projector.page.getByRole('textbox').count()).toBe(0);
    await fac.page.screenshot({ path: path.join(RESULTS_DIR, 'facilitator.png') });
    for (const client of [fac, ada, bo, projector]) expect(client.errors.join('\n')).toBe('');
    for (const client of [fac, ada, bo, projector]) await client.context.close();
  });

  it('edits the agenda and drives the timer', async () => {
    const response = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Agenda test', template: 'blank' }),
    });
    const { links } = (await response.json()) as { links: { facilitator: string } };
    const fac = await newClient();
    // every state the page's audio contexts go through (the timer's chime)
    await fac.context.addInitScript(AUDIO_RECORDER);
    await fac.page.goto(links.facilitator);
    await fac.page.getByLabel('Your name').fill('Fran');
    await fac.page.getByRole('button', { name: 'Join the board' }).click();
    const panel = fac.page.getByRole('complementary', { name: 'Facilitator panel' });
    const phases = () => panel.getByRole('list', { name: 'Agenda phases' }).locator('li').allInnerTexts();
    await expect.poll(phases).toHaveLength(7);

    // add, rename (Enter), move up, make current, remove (confirmed)
    await panel.getByLabel('New phase title').fill('Coffee break');
    await panel.getByLabel('New phase title').press('Enter');
    await expect.poll(async () => (await phases()).at(-1)).toMatch(/8\. Coffee break/);
    await panel.getByRole('button', { name: 'Rename Coffee break' }).click();
    await panel.getByLabel('New title of Coffee break').fill('Lunch');
    await panel.getByLabel('New title of Coffee break').press('Enter');
    await panel.getByRole('button', { name: 'Move Lunch up' }).click();
    await expect.poll(async () => (await phases()).at(-2)).toMatch(/7\. Lunch/);
    await panel.getByRole('button', { name: /\. Lunch$/ }).click();
    await fac.page.locator('jr-session-bar [data-phase="Lunch"]').waitFor();
    await panel.getByRole('button', { name: 'Remove Welcome' }).click();
    await fac.page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(async () => (await phases())[0]).toMatch(/1\. Persona/);

    // timer: custom length, pause, +1 min, resume, stop
    await panel.getByLabel('Minutes').fill('2');
    await panel.getByLabel('Minutes').press('Enter');
    const timer = fac.page.locator('jr-session-bar [role="timer"]');
    await expect.poll(() => timer.getAttribute('data-state')).toBe('running');
    await panel.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => timer.getAttribute('data-state')).toBe('paused');
    const paused = await timer.getAttribute('aria-label');
    expect(paused).toMatch(/^Timer, paused: (1 minute [0-9]+ seconds|2 minutes) left$/);
    await panel.getByRole('button', { name: '+1 min' }).click();
    await expect.poll(() => timer.getAttribute('aria-label')).toMatch(/^Timer, paused: (2 minutes [0-9]+ seconds|3 minutes) left$/);
    // by keyboard: the button turns into Pause and keeps the focus
    await pressEnterOn(panel.getByRole('button', { name: 'Resume' }));
    await expect.poll(() => timer.getAttribute('data-state')).toBe('running');
    expect(await hasFocus(panel.getByRole('button', { name: 'Pause', exact: true }))).toBe(true);

    // time runs out (the laptop's clock jumps past the end): "Time's up" pulses for ten seconds, then stays
    // red and still, instead of redrawing every frame until someone stops the timer
    await fac.context.clock.setSystemTime(Date.now() + 4 * 60_000);
    await expect.poll(() => timer.getAttribute('data-state')).toBe('ended');
    type Animated = { getAnimations(): { effect: { getComputedTiming(): unknown } | null }[] };
    const pulses = await timer.evaluate((box) => (box as unknown as Animated).getAnimations().map((a) => a.effect?.getComputedTiming()));
    expect(pulses).toHaveLength(1);
    expect(pulses[0]).toMatchObject({ iterations: 10, endTime: 10_000 });
    await fac.page.screenshot({ path: path.join(RESULTS_DIR, 'facilitator-time-up.png') });
    await expectNoAxeViolations(fac.page, 'facilitator when time is up');
    // the chime played, and its audio context was suspended once it was over (a running one keeps the audio
    // thread rendering silence for as long as the page is open)
    const audioStates = () => fac.page.evaluate(() => (globalThis as unknown as { __jrAudioStates: string[] }).__jrAudioStates.join(' '));
    await expect.poll(audioStates, { timeout: 5000 }).toMatch(/running.*suspended$/);
    // the panel says so too, and offers more time instead of a pause (the focus moved from Pause to +1 min)
    await expect.poll(() => panel.locator('summary', { hasText: 'Timer' }).innerText()).toMatch(/time's up/);
    expect(await panel.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    expect(await hasFocus(panel.getByRole('button', { name: '+1 min', exact: true }))).toBe(true);
    await panel.getByRole('button', { name: '+1 min' }).click();
    await expect.poll(() => timer.getAttribute('aria-label')).toMatch(/^Timer: (1 minute|[0-9]+ seconds) left$/);
    await expect.poll(() => panel.locator('summary', { hasText: 'Timer' }).innerText()).toMatch(/running/);
    await panel.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => timer.count()).toBe(0);

    expect(fac.errors.join('\n')).toBe('');
    await fac.context.close();
  });
});
