/**
 * The idle-page section of the benchmark: what one open page costs while nobody does anything, as the CPU time
 * of every Chromium process over quiet windows. The case is a facilitator's laptop whose workshop timer has run
 * out ("Time's up", after the chime), beside the same page on a board with no timer, both in the same run: an
 * animation or an audio context left running shows as the difference.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../e2e/helpers/browser.js';
import { percentiles, sleep } from './clients.js';
import { chromiumProcesses, cpuMs, type Target } from './processes.js';
import { LAPTOP } from '../../e2e/helpers/pages.js';

/** Quiet windows per case, and their length. */
const WINDOWS = 3;
const WINDOW_MS = 10_000;
/** After time is up: longer than the "time's up" pulse (ten seconds) and the chime (under a second). */
const SETTLE_AFTER_END_MS = 12_000;

/** CPU ms of every Chromium process of this benchmark, summed, over each of `WINDOWS` windows. */
async function quietWindows(): Promise<number[]> {
  const chromium = await chromiumProcesses();
  const total = async (): Promise<number> => {
    const each = await Promise.all(chromium.map((p) => cpuMs(p.pid).catch(() => NaN)));
    return each.filter(Number.isFinite).reduce((a, b) => a + b, 0);
  };
  const used: number[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    const before = await total();
    await sleep(WINDOW_MS);
    used.push(Math.round((await total()) - before));
  }
  return used;
}

/** A facilitator's page on a new board, left alone; with `timeUp`, after a 1-minute timer has run out. */
async function facilitatorPage(browser: Browser, server: Target, timeUp: boolean): Promise<number[]> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: timeUp ? 'Idle: time is up' : 'Idle: no timer', template: 'blank' }),
  });
  if (!response.ok) throw new Error(`creating a board: HTTP ${response.status}`);
  const { links } = (await response.json()) as { links: { facilitator: string } };
  const context = await browser.newContext({ viewport: LAPTOP });
  try {
    const page = await context.newPage();
    await page.goto(links.facilitator);
    await page.getByLabel('Your name').fill('Fran');
    await page.getByRole('button', { name: 'Join the board' }).click();
    const panel = page.getByRole('complementary', { name: 'Facilitator panel' });
    await panel.waitFor();
    if (timeUp) {
      // Started by a click (a user gesture, so the chime may play), then the page's clock moves past the end.
      await panel.getByRole('button', { name: '1 min' }).click();
      await page.locator('jr-session-bar [role="timer"][data-state="running"]').waitFor();
      await context.clock.setSystemTime(Date.now() + 2 * 60_000);
      await page.locator('jr-session-bar [role="timer"][data-state="ended"]').waitFor();
    }
    await sleep(SETTLE_AFTER_END_MS);
    return await quietWindows();
  } finally {
    await context.close();
  }
}

/** Runs both cases, one page at a time in one browser, and returns their figures. */
export async function idlePageCase(server: Target) {
  const browser = await launchBrowser();
  try {
    const noTimer = await facilitatorPage(browser, server, false);
    const timeUp = await facilitatorPage(browser, server, true);
    return {
      viewport: LAPTOP,
      windowMs: WINDOW_MS,
      /** all Chromium processes' CPU ms in each quiet window */
      chromiumCpuMs: { noTimer, timeUp },
      timeUpVsNoTimer: Number((percentiles(timeUp).p50 / Math.max(1, percentiles(noTimer).p50)).toFixed(2)),
    };
  } finally {
    await browser.close();
  }
}
