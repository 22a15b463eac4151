// economy_clients.test.mjs (browser) — a member opens a client from the
// activity page, mistypes its SIREN (the form comes back with the French
// message next to the field), corrects and saves; the validated invoice of
// that client still shows the client as it was.  axe-core finds no WCAG
// 2.1 A/AA violation on the client's page, with and without the error.
// Screenshots go to build/screens/ for a person to look at.
// (bypassCSP: lifted in the test browser only, to inject axe-core.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, ROOT, DEMO_PASSWORD, SCREENSHOTS } from '../lib/server.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const SHOTS = SCREENSHOTS;
let srv, browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'] });
});
after(async () => { await browser?.close(); await srv.stop(); });

async function loggedIn(email, lang = 'fr') {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(`${srv.url}/login?lang=${lang}`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  return { ctx, page };
}

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

test('a member edits a client from its page; a bad SIREN comes back next to its field; the validated invoice keeps the old identity', async () => {
  const { ctx, page } = await loggedIn('membre@bigre.coop');
  await page.goto(`${srv.url}/economy`);
  await page.click('text=Léa Dubois — graphisme');
  // a client with a validated invoice (the demo's first client of the activity)
  const link = page.locator('a[href^="/economy/clients/"]').first();
  const oldName = (await link.textContent()).trim();
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.equal((await page.textContent('h1')).trim(), oldName);
  const invoiceRow = page.locator('tbody tr').filter({ hasText: 'facture' }).filter({ hasText: /20\d\d-\d{6}/ }).first();
  const invoiceHref = await invoiceRow.locator('a').getAttribute('href');
  assert.match(invoiceHref, /^\/economy\/documents\/\d+$/);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(SHOTS, 'economy-client-fr.png'), fullPage: true });

  // a SIREN with a wrong check digit
  await page.fill('#f-name', 'Nouvelle Enseigne SCOP');
  await page.fill('#f-siren', '552120223');
  await page.fill('#f-address', '5 place du Marché, 35000 Rennes');
  const [bad] = await Promise.all([page.waitForNavigation(), page.click('main form.narrow button[type=submit]')]);
  assert.equal(bad.status(), 422);
  assert.equal(await page.textContent('#e-siren'), 'Un numéro SIREN a 9 chiffres, avec une clé de contrôle valide.');
  assert.equal(await page.getAttribute('#f-siren', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#f-siren', 'aria-describedby'), 'e-siren');
  assert.equal(await page.inputValue('#f-address'), '5 place du Marché, 35000 Rennes');
  assert.equal((await page.textContent('h1')).trim(), oldName, 'nothing saved');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(SHOTS, 'economy-client-error-fr.png'), fullPage: true });

  // corrected: saved, the page shows the new identity
  await page.fill('#f-siren', '448762526');
  await Promise.all([page.waitForNavigation(), page.click('main form.narrow button[type=submit]')]);
  assert.equal((await page.textContent('h1')).trim(), 'Nouvelle Enseigne SCOP');
  assert.match(await page.textContent('main dl'), /5 place du Marché, 35000 Rennes/);

  // the validated invoice still shows the client as it was
  await page.goto(srv.url + invoiceHref);
  const client = await page.textContent('dd.doc-client');
  assert.match(client, new RegExp(oldName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.doesNotMatch(client, /Nouvelle Enseigne|place du Marché/);
  await page.screenshot({ path: join(SHOTS, 'economy-client-invoice-frozen-fr.png'), fullPage: true });
  // and a new draft invoice follows the client
  await page.goto(`${srv.url}/economy`);
  await page.click('text=Léa Dubois — graphisme');
  await page.click('a.button[href$="/invoices/new"]');
  await page.selectOption('#f-client_id', { label: 'Nouvelle Enseigne SCOP' });
  await ctx.close();
});
