// hospitality.test.mjs (browser) — a visitor finds a session near Bordeaux,
// registers, gets the email and cancels by its link; a member books a
// meeting room and sees it in their bookings and dashboard.  Takes the
// screenshots of docs/screenshots/ on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ROOT, testDay, SCREENSHOTS } from '../lib/server.mjs';

const SHOTS = SCREENSHOTS;
let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'] });
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); await srv.stop(); });

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

// The first weekday at least n days ahead, outside the demo's holiday closure.
function weekday(n) {
  for (let k = n; ; k++) {
    const d = new Date(`${testDay(k)}T12:00:00Z`);
    const md = d.toISOString().slice(5, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !(md >= '12-23' || md <= '01-02')) return d.toISOString().slice(0, 10);
  }
}

async function login(page, email) {
  await page.goto(`${srv.url}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'bigre-demo');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

test('a visitor finds a session near Bordeaux, registers, gets the email and cancels by its link', async () => {
  const ctx = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${srv.url}/sessions`);
  await page.selectOption('#f-territory', 'Gironde');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
  await shot(page, 'sessions');
  const card = page.locator('li.session', { hasText: 'Bordeaux' }).filter({ hasText: "S'inscrire" }).first();
  await Promise.all([page.waitForNavigation(), card.locator('a.button').click()]);
  // without consent: the form comes back with the message next to the box
  await page.fill('#f-name', 'Camille Visiteuse');
  await page.fill('#f-email', 'camille.visiteuse@example.org');
  await page.fill('#f-postcode', '33000');
  await page.fill('#f-project', 'Ouvrir un atelier de céramique');
  await page.selectOption('#f-referrer_id', { label: 'France Travail' });
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  assert.ok(await page.isVisible('#e-consent'));
  await shot(page, 'session-register-error');
  assert.equal(await page.inputValue('#f-email'), 'camille.visiteuse@example.org');
  await page.check('#f-consent');
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  assert.match(await page.textContent('main'), /Merci/);
  const mail = await srv.waitForMail((m) => m.to === 'camille.visiteuse@example.org');
  assert.ok(mail.parts.some((p) => /METHOD:REQUEST/.test(p.text)));
  const link = mail.text.match(/https?:\/\/\S+\/sessions\/cancel\?token=[A-Za-z0-9_-]+/)[0];
  await page.goto(link);
  await shot(page, 'session-cancel');
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  assert.match(await page.textContent('main'), /annulée/);
  await ctx.close();
});

test('a member books a meeting room and sees it in their bookings and dashboard', async () => {
  const ctx = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await login(page, 'membre@bigre.coop');
  await page.goto(`${srv.url}/places?territory=Gironde`);
  await shot(page, 'places');
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("La Ruche")')]);
  const day = weekday(3);
  await page.goto(`${page.url().split('?')[0]}?day=${day}`);
  await shot(page, 'place');
  // a member who does not manage the place gets no calendar link of it
  assert.equal(await page.locator('form[action$="/calendar-feed"]').count(), 0);
  const room = await page.locator('#f-resource_id option', { hasText: 'Salle de réunion' }).first().getAttribute('value');
  await page.selectOption('#f-resource_id', room);
  await page.fill('#f-day', day);
  // outside the opening hours: refused, the message next to the field
  await page.fill('#f-starts_at', '06:00');
  await page.fill('#f-ends_at', '07:00');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/book"] button')]);
  assert.ok(await page.isVisible('#e-starts_at'));
  // the first free hour of the room, read from the page's free slots
  const free = await page.locator('table.slots tbody tr', { hasText: 'Salle de réunion' }).first().locator('td').first().textContent();
  const toMin = (t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const span = [...free.matchAll(/(\d\d:\d\d)–(\d\d:\d\d)/g)].find((m) => toMin(m[2]) - toMin(m[1]) >= 60);
  const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  await page.fill('#f-starts_at', span[1]);
  await page.fill('#f-ends_at', hhmm(toMin(span[1]) + 60));
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/book"] button')]);
  assert.match(page.url(), /\/bookings\?booked=/);
  const row = page.locator('tr', { hasText: 'Salle de réunion' }).filter({ hasText: 'La Ruche' });
  assert.ok(await row.count() >= 1);
  // a secret calendar link, shown once, serves the booking as iCalendar
  await Promise.all([page.waitForNavigation(), page.click('form[action="/calendar-feeds"] button')]);
  const feed = (await page.textContent('code.feed')).trim();
  const ics = await (await fetch(feed)).text();
  assert.match(ics, /BEGIN:VCALENDAR/);
  assert.match(ics, /SUMMARY:Salle de réunion/);
  await shot(page, 'my-bookings');
  // a plain member has no hosts' dashboard (issue 9): their bookings are on /bookings
  const hosts = await page.goto(`${srv.url}/hosts`);
  assert.equal(hosts.status(), 403);
  // move it by a day, from the bookings page
  await page.goto(`${srv.url}/bookings`);
  const moveLink = page.locator('tr', { hasText: 'Salle de réunion' }).filter({ hasText: 'La Ruche' }).first().locator('a', { hasText: 'Déplacer' });
  await Promise.all([page.waitForNavigation(), moveLink.click()]);
  await shot(page, 'booking-move');
  await page.fill('#f-starts_at', '23:00');
  await page.fill('#f-ends_at', '23:30');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/move"] button')]);
  assert.ok(await page.isVisible('#e-starts_at'), 'outside the opening hours: refused next to the field');
  await ctx.close();
});

test('the hosts\' dashboard, a newcomer\'s path and the path configuration', async () => {
  const ctx = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await login(page, 'accueil@bigre.coop');
  await page.goto(`${srv.url}/hosts`);
  await shot(page, 'hosts');
  // the full Darwin session's waiting list shows in "who waits for what"
  assert.ok(await page.locator('table', { hasText: 'Depuis' }).locator('td', { hasText: 'Darwin' }).count() >= 1);
  // schedule a session from the dashboard: a wrong capacity comes back next to its field
  await page.fill('#f-day', weekday(20));
  await page.fill('#f-capacity', '0');
  await Promise.all([page.waitForNavigation(), page.click('form[action^="/hosts/sessions"] button')]);
  assert.ok(await page.isVisible('#e-capacity'));
  await page.fill('#f-capacity', '9');
  await page.fill('#f-title', 'Réunion du dashboard');
  await page.selectOption('#f-place', { label: 'Darwin — Bastide' });
  await Promise.all([page.waitForNavigation(), page.click('form[action^="/hosts/sessions"] button')]);
  assert.ok(await page.locator('td', { hasText: 'Réunion du dashboard' }).count() === 1);
  // welcome someone by hand, then record a step on their path
  await page.fill('#f-name', 'Lina Manuelle');
  await page.fill('#f-email', 'lina.manuelle@example.org');
  await page.fill('#f-postcode', '33000');
  await page.check('#f-n-consent');
  await Promise.all([page.waitForNavigation(), page.click('form[action^="/hosts/newcomers"] button')]);
  assert.match(page.url(), /\/newcomers\/\d+(#.*)?$/);
  await page.selectOption('#f-code', 'welcome_interview');
  await page.fill('#f-notes', 'Premier entretien, projet de traiteur');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/steps"] button')]);
  assert.ok(await page.locator('td', { hasText: 'Premier entretien' }).count() === 1);
  await shot(page, 'newcomer');
  await page.goto(`${srv.url}/cooperatives/1/path`);
  await shot(page, 'path-config');
  assert.match(await page.inputValue('#f-steps'), /^contact\|/);
  await ctx.close();
});

test('the public pages and the place page pass axe-core (WCAG 2 A/AA)', async () => {
  const { readFileSync } = await import('node:fs');
  const axeSource = readFileSync(join(ROOT, 'tests', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // the pages forbid inline scripts (CSP): let the test inject axe anyway
  const ctx = await browser.newContext({ locale: 'fr-FR', bypassCSP: true });
  const page = await ctx.newPage();
  const check = async (path) => {
    await page.goto(`${srv.url}${path}`);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
    assert.deepEqual(result.violations.map((v) => `${path}: ${v.id} ${v.nodes[0]?.target}`), []);
  };
  await check('/sessions');
  const first = await page.locator('li.session a.button').first().getAttribute('href');
  await check(first);
  await check('/sessions/privacy');
  await login(page, 'membre@bigre.coop');
  await check('/places');
  await check('/places/1');
  await check('/bookings');
  await check('/hosts');
  await ctx.close();
});

test('a host makes the secret calendar link of a place on its page, and revokes it', async () => {
  const ctx = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await login(page, 'accueil@bigre.coop');
  await page.goto(`${srv.url}/places?territory=Gironde`);
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("La Ruche")')]);
  const placeUrl = page.url().split('?')[0];
  // the place's own calendar link
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/calendar-feed"] button')]);
  const placeFeed = (await page.textContent('code.feed')).trim();
  assert.match(await (await fetch(placeFeed)).text(), /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT/);
  await page.locator('#calendar').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'place-calendar-link.png') });
  // listed on the page, then revoked: the link stops answering
  await page.goto(placeUrl);
  const revoke = page.locator('ul.place-feeds form button');
  assert.equal(await revoke.count(), 1);
  await Promise.all([page.waitForNavigation(), revoke.click()]);
  assert.equal(await page.locator('ul.place-feeds').count(), 0);
  assert.equal((await fetch(placeFeed)).status, 404);
  await ctx.close();
});
