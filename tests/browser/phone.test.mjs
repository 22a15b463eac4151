// phone.test.mjs (browser) — issue 11: a phone at 360×740 px.  The main
// pages of each demo role (a visitor, a member, a host, an accountant, an
// administrator) must not scroll sideways: the page's scrollWidth stays
// within the viewport (a wide table scrolls inside its own wrapper, or is
// stacked as cards, instead).  The header menu folds into a <details>
// "Menu" and axe-core still finds no WCAG 2.1 A/AA violation with it open.
// A screenshot of each page at 360 px goes to SCREENSHOTS (phone-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';
import { launchBrowser, screenshot } from '../lib/browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const PHONE = { width: 360, height: 740 };
let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await srv?.stop(); });

// A phone's context, logged in as email unless email is null.
async function phone(email) {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', bypassCSP: true, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  if (email) {
    await page.goto(`${srv.url}/login`);
    await page.fill('#f-email', email);
    await page.fill('#f-password', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  }
  return { ctx, page };
}

// Opens path and fails when the page is wider than the phone's screen,
// naming the elements that stick out; saves the screenshot as name.
async function fits(page, path, name) {
  const r = await page.goto(srv.url + path);
  assert.equal(r.status(), 200, `${path}: ${r.status()}`);
  const over = await page.evaluate(() => {
    const w = window.innerWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.right > w + 1 && getComputedStyle(el).position !== 'absolute' && !el.closest('.scroll, .table-scroll'))
        wide.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}(${Math.round(box.right)})`);
    }
    return { scroll: document.documentElement.scrollWidth, inner: w, wide: wide.slice(0, 6) };
  });
  await screenshot(page, `phone-${name}`);
  assert.ok(over.scroll <= over.inner, `${path} scrolls sideways at 360 px: ${over.scroll} > ${over.inner} (${over.wide.join(', ')})`);
}

// The first link of the page whose href starts with prefix (an id the demo chose).
async function firstLink(page, path, prefix) {
  await page.goto(srv.url + path);
  const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute('href');
  assert.ok(href, `${path} links to ${prefix}…`);
  return href;
}

test('a visitor: home, directory, information sessions fit a 360 px phone; the menu folds', async () => {
  const { ctx, page } = await phone(null);
  await fits(page, '/', 'visitor-home');
  assert.equal(await page.isVisible('details.menu-narrow > summary'), true);
  assert.equal(await page.isVisible('nav.menu-wide'), false);
  assert.equal(await page.isVisible('details.menu-narrow a[href="/login"]'), false);
  await page.click('details.menu-narrow > summary');
  assert.equal(await page.isVisible('details.menu-narrow a[href="/login"]'), true);
  await screenshot(page, 'phone-visitor-menu-open');
  await fits(page, '/directory', 'visitor-directory');
  await fits(page, '/sessions', 'visitor-sessions');
  await ctx.close();
});

test('a member: home, directory, places, a place, bookings, economy, an activity, /me fit', async () => {
  const { ctx, page } = await phone('membre@bigre.coop');
  await fits(page, '/', 'member-home');
  await fits(page, '/directory', 'member-directory');
  await fits(page, '/places', 'member-places');
  await fits(page, '/places/1', 'member-place');
  await fits(page, '/bookings', 'member-bookings');
  await fits(page, '/economy', 'member-economy');
  const activity = await firstLink(page, '/economy', '/economy/activities/');
  await fits(page, activity, 'member-activity');
  await fits(page, '/me', 'member-me');
  // the folded menu, open, is accessible
  await page.goto(srv.url + '/me');
  await page.click('details.menu-narrow > summary');
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), []);
  await ctx.close();
});

test('a host: the hosts\' dashboard, sessions and bookings fit', async () => {
  const { ctx, page } = await phone('accueil@bigre.coop');
  await fits(page, '/hosts', 'host-hosts');
  await fits(page, '/sessions', 'host-sessions');
  await fits(page, '/bookings', 'host-bookings');
  await ctx.close();
});

test('an accountant: economy home, the ledger and the validation queue fit', async () => {
  const { ctx, page } = await phone('compta@bigre.coop');
  await fits(page, '/economy', 'accountant-economy');
  await fits(page, '/economy/ledger?cooperative_id=1', 'accountant-ledger');
  await fits(page, '/economy/validation?cooperative_id=1', 'accountant-validation');
  await ctx.close();
});

test('an administrator: administration and a cooperative\'s members fit', async () => {
  const { ctx, page } = await phone('admin@bigre.coop');
  await fits(page, '/admin', 'admin-admin');
  await fits(page, '/admin/cooperatives/1/members', 'admin-members');
  await fits(page, '/me', 'admin-me');
  await ctx.close();
});
