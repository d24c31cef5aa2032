// Debian's chromium driven by playwright-core: no browser download, headless, and nothing that
// reaches for the network on its own.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.DNA_CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox', // we run as root in CI
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
    ],
  });
}
