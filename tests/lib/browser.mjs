// browser.mjs — Debian's chromium driven by playwright-core, headless.
// Never downloads a browser.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS } from './server.mjs';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-gpu', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// Saves a full-page screenshot as NAME.png in SCREENSHOTS (server.mjs).
export async function screenshot(page, name) {
  const dir = SCREENSHOTS;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
