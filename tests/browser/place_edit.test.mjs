// place_edit.test.mjs (browser) — a host edits a place on its management
// page without JavaScript tricks: the weekly hours (a range written wrong
// comes back with the message in French next to that day's field, then two
// ranges a day are saved and shown on the place's page), the details (an
// unknown time zone refused next to its field), a closure removed.  axe-core
// (WCAG 2 A/AA) on each state.  Screenshots in SCREENSHOTS (server.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ROOT, testDay, SCREENSHOTS } from '../lib/server.mjs';

const SHOTS = SCREENSHOTS;
let srv, browser, axeSource, admin;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
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

const day = testDay; // n days from the tests' today, in Paris

test('a host edits the weekly hours of a place: an error next to the day, then two ranges a day saved and shown', async () => {
  const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: 'Atelier des Chartrons', owner_type: 'cooperative', owner_id: 1, address: '12 rue Notre-Dame', postcode: '33000', city: 'Bordeaux', territory: 'Gironde', hours });
  assert.equal(p.status, 201);
  const id = p.body.id;
  await admin.json('POST', `/api/v1/places/${id}/resources`, { name: 'Salle de réunion', kind: 'meeting_room', capacity: 8 });
  const closure = await admin.json('POST', `/api/v1/places/${id}/closures`, { first_day: day(20), last_day: day(22), reason: 'Inventaire' });
  assert.equal(closure.status, 201);

  const ctx = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await login(page, 'admin@bigre.coop');
  await page.goto(`${srv.url}/places/${id}/manage`);
  assert.equal(await page.inputValue('#f-h1'), '09:00-18:00');
  assert.equal(await page.inputValue('#f-h6'), '');
  await axe(page);
  await page.screenshot({ path: join(SHOTS, 'place-edit-manage.png'), fullPage: true });

  // Tuesday written wrong, Wednesday overlapping: the first comes back next to its field
  await page.fill('#f-h2', '09:00 à 12:00');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/hours"] button[type=submit]')]);
  assert.match(await page.textContent('#e-h2'), /Écrivez des plages comme 09:00-12:30, 14:00-18:00/);
  assert.equal(await page.getAttribute('#f-h2', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#f-h2'), '09:00 à 12:00', 'what was typed stays');
  await axe(page);
  await page.locator('#hours').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'place-edit-hours-error.png') });
  await page.fill('#f-h2', '09:00-12:00');
  await page.fill('#f-h3', '09:00-12:00, 11:00-18:00');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/hours"] button[type=submit]')]);
  assert.match(await page.textContent('#e-h3'), /Deux plages d’ouverture du même jour se chevauchent|se chevauchent/);
  assert.equal(await page.locator('#e-h2').count(), 0);

  // two ranges a day, Saturday morning
  for (let w = 1; w <= 5; w++) await page.fill(`#f-h${w}`, '09:00-12:30, 14:00-18:00');
  await page.fill('#f-h6', '9:30-12:00');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/hours"] button[type=submit]')]);
  assert.match(page.url(), /saved=hours#hours$/);
  assert.match(await page.textContent('#hours ~ .notice'), /horaires d’ouverture sont enregistrés|enregistr/);
  assert.equal(await page.inputValue('#f-h3'), '09:00-12:30, 14:00-18:00');
  assert.equal(await page.inputValue('#f-h6'), '09:30-12:00');
  await axe(page);
  await page.locator('#hours').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'place-edit-hours-saved.png') });

  // the closure goes; another comes, typed in the form
  assert.equal(await page.locator('ul.rules li').count(), 1);
  await Promise.all([page.waitForNavigation(), page.click('ul.rules li button')]);
  assert.equal(await page.locator('ul.rules li').count(), 0);
  await page.fill('#f-c-first_day', day(30));
  await page.fill('#f-c-last_day', day(28));
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/closures"] button[type=submit]')]);
  assert.match(await page.textContent('#e-c-last_day'), /Le dernier jour/);
  await page.fill('#f-c-last_day', day(31));
  await page.fill('#f-c-reason', 'Peinture');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/closures"] button[type=submit]')]);
  assert.match(await page.textContent('ul.rules'), new RegExp(`Fermé du ${day(30)} au ${day(31)} \\(Peinture\\)`));
  await axe(page);
  await page.locator('#exceptions').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'place-edit-closures.png') });

  // an unknown time zone: refused next to its field, the rest kept
  await page.fill('#f-name', 'Atelier des Chartrons (rez-de-chaussée)');
  await page.fill('#f-timezone', 'Europe/Bordeaux');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/details"] button[type=submit]')]);
  assert.match(await page.textContent('#e-timezone'), /Fuseau horaire inconnu/);
  assert.equal(await page.inputValue('#f-name'), 'Atelier des Chartrons (rez-de-chaussée)');
  await axe(page);
  await page.locator('#f-timezone').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'place-edit-details-error.png') });
  await page.fill('#f-timezone', 'Europe/Paris');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/details"] button[type=submit]')]);
  assert.match(page.url(), /saved=details#details$/);

  // the place's page shows the new name and hours
  await page.goto(`${srv.url}/places/${id}`);
  assert.match(await page.textContent('h1'), /rez-de-chaussée/);
  const mardi = await page.locator('tr', { has: page.locator('th', { hasText: 'Mardi' }) }).textContent();
  assert.match(mardi, /09:00–12:30, 14:00–18:00/);
  const samedi = await page.locator('tr', { has: page.locator('th', { hasText: 'Samedi' }) }).textContent();
  assert.match(samedi, /09:30–12:00/);
  await ctx.close();
});
