/** Launches Debian's Chromium through playwright-core, with the flags a CI container needs. */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Chromium 156 builds the address bar's popup as a web page (WebUI renderers) for every new window, and every
 * browser context here is a new window: 1.5-2 s of CPU per page opened, on a 2-core machine, that a
 * participant's browser (one window, open already) never spends on opening a board (docs/benchmarks.md,
 * "Opening a big board").
 */
const NO_WEBUI_OMNIBOX = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];
/**
 * What playwright-core 1.65 disables itself (its chromiumSwitches). Chromium keeps only the last
 * --disable-features switch, and ours comes after Playwright's, so it has to carry Playwright's list too.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...NO_WEBUI_OMNIBOX].join(',')}`,
];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install chromium" (see README.md)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
