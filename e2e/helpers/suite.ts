/**
 * The set-up every browser-test file shares: one real server and one Chromium started before its tests and
 * closed after them, and the screenshots folder. The file keeps both in its own variables through `use`.
 */
import fs from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { RESULTS_DIR } from './pages.js';
import { startServer, type RunningServer } from './server.js';

export function withServerAndBrowser(use: (server: RunningServer, browser: Browser) => void): void {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    use(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}
