// hospitality_more.test.mjs (browser) — the second pass of hospitality, as
// people use it: an administrator gives a place a photo on its management
// page and sees it on the place and in the list (grouped by department); a
// member browses a month of free slots; a host records a step with a
// document and downloads it; the digest button.  Every page passes axe-core
// (WCAG 2 A/AA), the error states included.  Screenshots in SCREENSHOTS (server.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ROOT, SCREENSHOTS } from '../lib/server.mjs';
import { makePng } from '../lib/png.mjs';

const SHOTS = SCREENSHOTS;
let srv, browser, axeSource;
before(async () => {
  srv = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'] });
  mkdirSync(SHOTS, { recursive: true });
  axeSource = readFileSync(join(ROOT, 'tests', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
});
after(async () => { await browser?.close(); await srv.stop(); });

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

async function login(page, email) {
  await page.goto(`${srv.url}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'bigre-demo');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

// axe-core on the page as it is now (the pages forbid inline scripts: the
// context bypasses the CSP for the test only).
async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  assert.deepEqual(result.violations.map((v) => `${page.url()}: ${v.id} ${v.nodes[0]?.target}`), []);
}

test('a place gets a photo on its management page; the list groups places by department; a month of free slots', async () => {
  const ctx = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await login(page, 'admin@bigre.coop');
  await page.goto(`${srv.url}/places/1`);
  await Promise.all([page.waitForNavigation(), page.click('text=Gérer ce lieu')]);
  assert.match(page.url(), /\/places\/1\/manage$/);
  // the demo's drawing is there, with its description
  assert.match(await page.inputValue('#f-alt'), /^Dessin de la façade/);
  assert.ok(await page.locator('img.place-photo').evaluate((el) => el.complete && el.naturalWidth === 480));
  // a photo without its description: the form comes back with the message next to the field
  await page.fill('#f-alt', '');
  await page.setInputFiles('#f-photo', { name: 'facade.png', mimeType: 'image/png', buffer: makePng(480, 270, [122, 31, 61]) });
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/photo"] button')]);
  assert.ok(await page.isVisible('#e-alt'));
  await axe(page);
  await shot(page, 'place-manage-error');
  await page.setInputFiles('#f-photo', { name: 'facade.png', mimeType: 'image/png', buffer: makePng(480, 270, [122, 31, 61]) });
  await page.fill('#f-alt', 'La façade de la Ruche, porte vitrée au rez-de-chaussée');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/photo"] button')]);
  assert.match(page.url(), /\/places\/1$/);
  const img = page.locator('img.place-photo');
  assert.equal(await img.getAttribute('alt'), 'La façade de la Ruche, porte vitrée au rez-de-chaussée');
  assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth === 480), 'the photo loads');
  await axe(page);
  await shot(page, 'place-photo');
  // a month of free slots, and the next month
  await page.click('text=un mois');
  await page.waitForSelector('table.month');
  assert.ok(await page.locator('table.month td a.daynum').count() >= 28);
  await axe(page);
  await shot(page, 'place-month');
  await Promise.all([page.waitForNavigation(), page.click('text=Mois suivant')]);
  assert.ok(await page.locator('table.month caption').isVisible());
  // a day of the month opens its week
  await Promise.all([page.waitForNavigation(), page.locator('table.month td a.daynum').nth(9).click()]);
  assert.ok(await page.locator('table.slots').isVisible());
  // the list: tiles per department, sections per department and city, the photo in its card
  await page.goto(`${srv.url}/places`);
  assert.ok(await page.locator('.place-map li').count() >= 4);
  const gironde = page.locator('.place-map a', { hasText: 'Gironde' });
  await Promise.all([page.waitForURL(/#dep-\d+$/), gironde.click()]);
  assert.ok(await page.locator('section.department h2', { hasText: 'Gironde' }).isVisible());
  assert.ok(await page.locator('.card img.thumb').first().evaluate((el) => el.complete && el.naturalWidth > 0));
  await axe(page);
  await page.goto(`${srv.url}/places`);
  await shot(page, 'places-by-department');
  await ctx.close();
});

test('a host records a step with a document and downloads it; the daily digest button', async () => {
  const ctx = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const page = await ctx.newPage();
  await login(page, 'accueil@bigre.coop');
  await page.goto(`${srv.url}/hosts`);
  await Promise.all([page.waitForNavigation(), page.click('#digest-toggle')]);
  assert.match(await page.textContent('#digest-toggle'), /Arrêter le courriel quotidien/);
  await axe(page);
  // open a newcomer to follow up
  await Promise.all([page.waitForNavigation(), page.locator('a[href^="/newcomers/"]').first().click()]);
  // a document that is not a PDF: refused next to the field, focusable, described
  await page.selectOption('#f-code', 'diagnostic');
  await page.setInputFiles('#f-document', { name: 'diagnostic.pdf', mimeType: 'application/pdf', buffer: Buffer.from('pas un PDF') });
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/steps"] button')]);
  assert.ok(await page.isVisible('#e-document'));
  assert.equal(await page.getAttribute('#f-document', 'aria-invalid'), 'true');
  await axe(page);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await page.selectOption('#f-code', 'diagnostic');
  await page.fill('#f-notes', 'Diagnostic signé');
  await page.setInputFiles('#f-document', { name: 'diagnostic.pdf', mimeType: 'application/pdf', buffer: pdf });
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/steps"] button')]);
  const link = page.locator('a.document', { hasText: 'diagnostic.pdf' });
  assert.equal(await link.count(), 1);
  await axe(page);
  await shot(page, 'newcomer-document');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'diagnostic.pdf');
  assert.deepEqual(readFileSync(await download.path()), pdf);
  await ctx.close();
});
