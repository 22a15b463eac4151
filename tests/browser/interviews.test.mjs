// interviews.test.mjs (browser) — welcome interviews as a host does them:
// publish a slot from the hosts' dashboard (an overlapping one comes back
// with the message next to the start), open a newcomer from "interviews to
// book", book the slot on their page, see it in "my next interviews", then
// cancel it.  axe-core (WCAG 2 A/AA) on the dashboard with its error and on
// the newcomer page.  Screenshots in SCREENSHOTS (server.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ROOT, testDay, SCREENSHOTS } from '../lib/server.mjs';

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

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  assert.deepEqual(result.violations.map((v) => `${page.url()}: ${v.id} ${v.nodes[0]?.target}`), []);
}

test('a host publishes a slot on the dashboard and books a newcomer into it from their page', async () => {
  const ctx = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await login(page, 'accueil@bigre.coop');
  const d = testDay(10);
  await page.goto(`${srv.url}/hosts`);
  await page.selectOption('#f-i-coop', '1');
  await page.selectOption('#f-i-place', '1');
  await page.fill('#f-i-day', d);
  await page.fill('#f-i-starts_at', '14:00');
  await page.fill('#f-i-ends_at', '15:00');
  await Promise.all([page.waitForNavigation(), page.click('form[action^="/hosts/interview-slots"] button')]);
  // the demo's slots are at 16:00 on the next working days; ours is alone at 14:00
  const mySlot = () => page.locator('li.my-slot', { hasText: '14:00–15:00' });
  assert.equal(await mySlot().count(), 1);
  // the same hour again: the form comes back with the message next to the start
  await page.selectOption('#f-i-place', '1');
  await page.fill('#f-i-day', d);
  await page.fill('#f-i-starts_at', '14:30');
  await page.fill('#f-i-ends_at', '15:30');
  await Promise.all([page.waitForNavigation(), page.click('form[action^="/hosts/interview-slots"] button')]);
  assert.match(await page.locator('#e-starts_at').innerText(), /chevauche/);
  assert.equal(await page.getAttribute('#f-i-starts_at', 'aria-invalid'), 'true');
  await axe(page);
  await page.locator('#publish').scrollIntoViewIfNeeded();
  await shot(page, 'hosts-interview-slot-error');
  // interviews to book: the first newcomer's link
  await page.goto(`${srv.url}/hosts`);
  const link = page.locator('li.to-book a').first();
  const name = (await page.locator('li.to-book').first().innerText()).split(' (')[0];
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.match(page.url(), /\/newcomers\/\d+#interview$/);
  assert.ok((await page.locator('#f-slot_id option').count()) >= 2, 'the demo\'s free slots and ours');
  const ours = await page.locator('#f-slot_id option', { hasText: '14:00–15:00' }).getAttribute('value');
  await page.selectOption('#f-slot_id', ours);
  await axe(page);
  await Promise.all([page.waitForNavigation(), page.click('form[action*="/interview"] button')]);
  assert.match(await page.locator('.interview-booked').innerText(), /^Réservé : .*14:00/);
  assert.match(await page.locator('table').last().innerText(), /Entretien d.accueil/);
  await axe(page);
  await shot(page, 'newcomer-interview-booked');
  await page.goto(`${srv.url}/hosts`);
  assert.ok((await page.locator('li.my-interview').allInnerTexts()).some((s) => s.includes(name)));
  assert.match(await mySlot().innerText(), /pris/);
  await axe(page);
  await shot(page, 'hosts-interviews');
  // cancel from the newcomer page: the slot is free again
  await Promise.all([page.waitForNavigation(), page.locator('li.my-interview', { hasText: name }).locator('a').click()]);
  await Promise.all([page.waitForNavigation(), page.click('text=Annuler l’entretien')]);
  assert.equal(await page.locator('.interview-booked').count(), 0);
  await page.goto(`${srv.url}/hosts`);
  assert.match(await mySlot().innerText(), /libre/);
  // and the newcomer is again among the interviews to book
  assert.ok((await page.locator('li.to-book').allInnerTexts()).some((t) => t.startsWith(name)));
  await ctx.close();
});
