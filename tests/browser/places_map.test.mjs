// places_map.test.mjs (browser) — the map of places as a member uses it:
// one dot per visible place on the map drawn by the server, a filter
// reduces the dots with the list, a click on a dot opens the place; an
// administrator moves a place on its management page (error next to the
// field, then saved).  axe-core (WCAG 2 A/AA) on each state.  Screenshots
// in SCREENSHOTS (server.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ROOT, SCREENSHOTS } from '../lib/server.mjs';

const SHOTS = SCREENSHOTS;
let srv, browser, axeSource;
before(async () => {
  srv = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'] });
  mkdirSync(SHOTS, { recursive: true });
  axeSource = readFileSync(join(ROOT, 'tests', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
});
after(async () => { await browser?.close(); await srv.stop(); });

async function login(page, email) {
  await page.goto(`${srv.url}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'bigre-demo');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  assert.deepEqual(result.violations.map((v) => `${page.url()}: ${v.id} ${v.nodes[0]?.target}`), []);
}

const dots = (page) => page.locator('svg.fr-map a.map-dot');
const cards = (page) => page.locator('li.card h4 a');

test('a member sees a dot per place, filters them with the list, and opens a place from its dot', async () => {
  const ctx = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await login(page, 'membre@bigre.coop');
  await page.goto(`${srv.url}/places`);
  const n = await cards(page).count();
  assert.ok(n >= 7);
  assert.equal(await dots(page).count(), n, 'N dots for N places');
  // every dot is drawn inside the map, links to a listed place and has an accessible name
  const listed = new Set(await cards(page).evaluateAll((as) => as.map((a) => a.getAttribute('href'))));
  const box = await page.locator('svg.fr-map').boundingBox();
  for (const dot of await dots(page).all()) {
    assert.ok(listed.has(await dot.getAttribute('href')));
    assert.match(await dot.getAttribute('aria-label'), /\S, \S/);
    const b = await dot.boundingBox();
    assert.ok(b.width > 10 && b.x >= box.x && b.x + b.width <= box.x + box.width && b.y >= box.y && b.y + b.height <= box.y + box.height);
  }
  // the dot of Annecy is east of Bordeaux's, Paris north of both
  const centre = async (name) => { const b = await page.locator(`svg.fr-map a[aria-label^="${name}"] circle.dot`).boundingBox(); return [b.x + b.width / 2, b.y + b.height / 2]; };
  const [bx, by] = await centre('La Ruche');
  const [ax] = await centre('Oxalis');
  const [, py] = await centre('SMart');
  assert.ok(ax > bx + 100 && py < by - 100, `${bx},${by} ${ax} ${py}`);
  assert.equal(await page.locator('svg.fr-map a[aria-label^="La Ruche"]').evaluate((a) => a.querySelector('title').textContent), 'La Ruche — Chartrons, Bordeaux');
  await axe(page);
  await page.screenshot({ path: join(SHOTS, 'places-map.png'), fullPage: false });
  await page.locator('figure.map-figure').screenshot({ path: join(SHOTS, 'places-map-detail.png') });
  // a filter: the map follows the list
  await page.selectOption('#f-territory', 'Gironde');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
  const m = await cards(page).count();
  assert.ok(m >= 3 && m < n);
  assert.equal(await dots(page).count(), m);
  assert.match(await page.locator('figure.map-figure figcaption').innerText(), new RegExp(`^${m} lieux sur la carte\\.`));
  await axe(page);
  await page.screenshot({ path: join(SHOTS, 'places-map-filtered.png'), fullPage: false });
  // a click on a dot opens the place
  const href = await page.locator('svg.fr-map a[aria-label^="Tiers-lieu de Mérignac"]').getAttribute('href');
  await Promise.all([page.waitForNavigation(), page.locator('svg.fr-map a[aria-label^="Tiers-lieu de Mérignac"] circle.dot').click()]);
  assert.equal(new URL(page.url()).pathname, href);
  assert.match(await page.locator('h1').innerText(), /Tiers-lieu de Mérignac/);
  // by keyboard too: the dots are links in the tab order
  await page.goBack();
  await page.locator('svg.fr-map a.map-dot').first().focus();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('class')), 'map-dot');
  await ctx.close();
});

test('an administrator places a place on the map from its management page', async () => {
  const ctx = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await login(page, 'admin@bigre.coop');
  await page.goto(`${srv.url}/places?territory=Dordogne`);
  const before = await page.locator('svg.fr-map a.map-dot circle.dot').boundingBox();
  await page.click('li.card h4 a');
  await Promise.all([page.waitForNavigation(), page.click('text=Gérer ce lieu')]);
  await page.fill('#f-latitude', '95');
  await page.fill('#f-longitude', '0,72');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/position"] button')]);
  assert.match(await page.locator('#e-latitude').innerText(), /entre -90 et 90/);
  assert.equal(await page.getAttribute('#f-latitude', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#f-latitude'), '95');
  await axe(page);
  await page.screenshot({ path: join(SHOTS, 'place-position-error.png'), fullPage: true });
  // emptied: back to the centre of the Dordogne, a ringed dot
  await page.fill('#f-latitude', '');
  await page.fill('#f-longitude', '');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/position"] button')]);
  assert.match(await page.locator('[role=status]').innerText(), /La position est enregistrée/);
  await axe(page);
  await page.goto(`${srv.url}/places?territory=Dordogne`);
  const dot = page.locator('svg.fr-map a.map-dot');
  assert.equal(await dot.getAttribute('class'), 'map-dot approximate');
  assert.match(await dot.getAttribute('aria-label'), /centre de son département : Dordogne/);
  // the map is zoomed on the one place of the filter: its dot in the middle, not at the edge
  const after = await dot.locator('circle.dot').boundingBox();
  const frame = await page.locator('svg.fr-map').boundingBox();
  assert.ok(Math.abs(after.x + after.width / 2 - (frame.x + frame.width / 2)) < frame.width / 6, JSON.stringify({ after, frame }));
  assert.ok(before.width > 5);
  await axe(page);
  await ctx.close();
});
