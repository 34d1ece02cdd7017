/** Pages of the browser tests: each in its own context (its own storage, like its own device), recording its errors. */
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/** Where the browser tests save their screenshots. */
export const RESULTS_DIR = path.resolve('test-results');

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
