/** Pages of the browser tests: each in its own context (its own storage, like its own device), recording its errors. */
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { VIEW_PREF, viewPrefKey } from '../../client/src/ui/view-prefs.js';

/** Where the browser tests save their screenshots. */
export const RESULTS_DIR = path.resolve('test-results');

interface Viewport {
  width: number;
  height: number;
}

/** The devices a workshop has, as the browser tests and the benchmark's pages open them: viewports of a laptop and a projector. */
export const LAPTOP: Viewport = { width: 1280, height: 800 };
export const PROJECTOR: Viewport = { width: 1920, height: 1080 };
/**
 * A script for `addInitScript`: the browser remembers this layout of the map (the Grid / Outline switch), so a laptop
 * opens on it. A phone always shows its outline of one stage.
 */
export const rememberLayout = (layout: 'grid' | 'outline'): string =>
  `localStorage.setItem(${JSON.stringify(viewPrefKey(VIEW_PREF.layout))}, ${JSON.stringify(layout)});`;

/** A phone's whole context: its viewport, touch, and a mobile browser's layout. */
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } satisfies BrowserContextOptions;

/** A page, its context, and every page error and console error it reported (a test expects none). */
export interface Client {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** Opens a page in a new context with `options` (viewport, touch, downloads…). */
export async function openPage(browser: Browser, options: BrowserContextOptions): Promise<Client> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page, errors };
}
