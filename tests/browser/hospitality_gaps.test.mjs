// hospitality_gaps.test.mjs (browser) — a newcomer chooses their welcome
// interview slot themself: the host mails them the link from the
// newcomer's page; the newcomer, with no account, opens it, picks a slot
// that was taken meanwhile (refused in French next to the list), then
// another one, and sees it booked.  axe-core (WCAG 2 A/AA) on the page
// with its error and once booked.  Screenshots in SCREENSHOTS (server.mjs).
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
const day = testDay; // n days from the tests' today, in Paris

async function login(page, email) {
  await page.goto(`${srv.url}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'bigre-demo');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
}

test('a newcomer picks their welcome interview slot from the link mailed to them', async () => {
  const api = await srv.login('accueil@bigre.coop');
  const nc = await api.json('POST', '/api/v1/newcomers', { cooperative_id: 1, name: 'Maëlle Autonome', email: 'maelle.autonome@example.org', lang: 'fr', consent: true });
  assert.equal(nc.status, 201);
  const other = await api.json('POST', '/api/v1/newcomers', { cooperative_id: 1, name: 'Omar Rapide', email: 'omar.rapide@example.org', lang: 'fr', consent: true });
  const d = day(27);
  const taken = (await api.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: `${d}T09:00`, ends_at: `${d}T10:00` })).body.id;
  const free = (await api.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, online_url: 'https://visio.example.org/maelle', starts_at: `${d}T16:00`, ends_at: `${d}T17:00` })).body.id;
  // the host sends the link from the newcomer's page
  const host = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1100, height: 900 } });
  const hp = await host.newPage();
  await login(hp, 'accueil@bigre.coop');
  await hp.goto(`${srv.url}/newcomers/${nc.body.id}`);
  await Promise.all([hp.waitForNavigation(), hp.click('form[action$="/interview-link"] button')]);
  assert.match(await hp.textContent('#interview ~ .notice'), /Le lien est envoyé/);
  await hp.locator('#interview').scrollIntoViewIfNeeded();
  await hp.screenshot({ path: join(SHOTS, 'newcomer-link-sent.png') });
  await host.close();
  const mail = await srv.waitForMail((m) => m.to === 'maelle.autonome@example.org' && /choisissez/i.test(m.subject));
  const link = mail.text.match(/https?:\/\/\S+\/welcome\/interview\?token=nwc_[A-Za-z0-9_-]+/)[0];
  // the newcomer, no account
  const ctx = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: { width: 900, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(link);
  assert.equal(await page.locator(`#slot-${taken}`).count(), 1);
  assert.equal(await page.locator(`#slot-${free}`).count(), 1);
  await shot(page, 'welcome-interview-choose');
  await axe(page);
  // taken meanwhile by a host
  assert.equal((await api.json('POST', `/api/v1/newcomers/${other.body.id}/interview`, { slot_id: taken })).status, 201);
  await page.check(`#slot-${taken}`);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/welcome/interview"] button[type=submit]')]);
  assert.match(await page.textContent('#e-slot_id'), /Ce créneau vient d’être pris : choisissez-en un autre\./);
  assert.equal(await page.locator(`#slot-${taken}`).count(), 0);
  await shot(page, 'welcome-interview-taken');
  await axe(page);
  await page.check(`#slot-${free}`);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/welcome/interview"] button[type=submit]')]);
  assert.match(await page.textContent('main'), /Votre entretien est réservé/);
  assert.match(await page.textContent('.interview-booked'), /16:00–17:00/);
  await shot(page, 'welcome-interview-booked');
  await axe(page);
  await ctx.close();
});
