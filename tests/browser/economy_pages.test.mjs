// economy_pages.test.mjs (browser) — the economy's second pass in Chromium:
// a receipt uploaded with the expense form, the accountants' pages
// (settings, chart of accounts, manual entries, closing, activities).
// Screenshots go to build/screens/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, ROOT, DEMO_PASSWORD, SCREENSHOTS } from '../lib/server.mjs';

const SHOTS = SCREENSHOTS;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f8a1d40000000049454e44ae426082', 'hex');
let srv, browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'] });
});
after(async () => { await browser?.close(); await srv.stop(); });

async function loggedIn(email, lang = 'fr') {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${srv.url}/login?lang=${lang}`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  return { ctx, page };
}

test('a member attaches receipts to an expense report; a wrong file comes back next to its field', async () => {
  const { ctx, page } = await loggedIn('membre@bigre.coop');
  await page.goto(`${srv.url}/economy`);
  await page.click('text=Léa Dubois — graphisme');
  await page.click('a.button[href$="/expenses/new"]');
  await page.fill('#f-title', 'Fournitures de mars');
  await page.fill('[name="lines[0].date"]', '2026-03-10');
  await page.selectOption('[name="lines[0].category"]', 'supplies');
  await page.fill('[name="lines[0].amount_cents"]', '36,00');
  await page.fill('[name="lines[0].vat_cents"]', '6,00');
  // a PNG that calls itself a PDF
  await page.setInputFiles('[name="lines[0].receipt"]', { name: 'ticket.pdf', mimeType: 'application/pdf', buffer: PNG });
  const [bad] = await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.equal(bad.status(), 422);
  assert.ok(await page.isVisible('[id="e-lines[0].receipt"]'));
  assert.equal(await page.getAttribute('[name="lines[0].receipt"]', 'aria-invalid'), 'true');
  await page.screenshot({ path: join(SHOTS, 'economy-receipt-error-fr.png'), fullPage: true });
  await page.setInputFiles('[name="lines[0].receipt"]', { name: 'ticket.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  const row = page.locator('tr', { hasText: 'Fournitures de mars' });
  assert.match(await row.textContent(), /ticket\.png/);
  const href = await row.locator('a[href^="/economy/receipts/"]').getAttribute('href');
  const r = await page.request.get(srv.url + href);
  assert.equal(r.status(), 200);
  assert.deepEqual(Buffer.from(await r.body()), PNG);
  await page.screenshot({ path: join(SHOTS, 'economy-receipt-activity-fr.png'), fullPage: true });
  await ctx.close();
});

test('an accountant posts a manual entry (unbalanced first, error next to the lines), reverses it, closes a period (English)', async () => {
  const { ctx, page } = await loggedIn('compta@bigre.coop', 'en');
  await page.goto(`${srv.url}/economy`);
  await page.click('text=New journal entry');
  await page.fill('#f-label', 'Reclassification');
  await page.fill('#f-date', '2026-05-31');
  await page.selectOption('[name="lines[0].account"]', '6251');
  await page.fill('[name="lines[0].debit"]', '80');
  await page.selectOption('[name="lines[1].account"]', '467');
  await page.fill('[name="lines[1].credit"]', '79,99');
  const [bad] = await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.equal(bad.status(), 422);
  assert.match(await page.textContent('#e-lines'), /Debits: €80\.00 — Credits: €79\.99/);
  await page.screenshot({ path: join(SHOTS, 'economy-entry-unbalanced-en.png'), fullPage: true });
  await page.fill('[name="lines[1].credit"]', '80');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.match(await page.textContent('h1'), /^OD 2026-\d+$/);
  await page.fill('#f-date', '2026-06-01');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.match(await page.textContent('main'), /Reverses the entry/);
  await page.screenshot({ path: join(SHOTS, 'economy-entry-reversal-en.png'), fullPage: true });
  await page.goto(`${srv.url}/economy`);
  await page.click('text=Close a period');
  await page.fill('#f-date', '2026-01-31');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.match(await page.textContent('main'), /Periods closed through:\s*2026-01-31/);
  await ctx.close();
});

test('an administrator sets the economic settings and the chart; an accountant creates and edits an activity (French)', async () => {
  const { ctx, page } = await loggedIn('admin@bigre.coop');
  await page.goto(`${srv.url}/economy`);
  await page.locator('a', { hasText: 'Paramètres économiques' }).first().click();
  await page.fill('#f-late_rate_bp', 'douze');
  const [bad] = await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.equal(bad.status(), 422);
  assert.ok(await page.isVisible('#e-late_rate_bp'));
  await page.screenshot({ path: join(SHOTS, 'economy-settings-error-fr.png'), fullPage: true });
  await page.fill('#f-late_rate_bp', '12,5');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.equal(await page.inputValue('#f-late_rate_bp'), '12,50');
  await page.goto(`${srv.url}/economy`);
  await page.locator('a', { hasText: 'Plan comptable' }).first().click();
  await page.fill('#f-number', '6185');
  await page.fill('#f-label', 'Frais de colloques');
  await Promise.all([page.waitForNavigation(), page.click('button:text-is("Ajouter")')]);
  await page.fill('#l-6185', 'Frais de colloques et séminaires');
  await Promise.all([page.waitForNavigation(), page.locator('tr', { hasText: '6185' }).locator('button').click()]);
  assert.equal(await page.inputValue('#l-6185'), 'Frais de colloques et séminaires');
  await page.screenshot({ path: join(SHOTS, 'economy-accounts-fr.png'), fullPage: true });
  await ctx.close();
  const acc = await loggedIn('compta@bigre.coop');
  await acc.page.goto(`${srv.url}/economy`);
  await acc.page.click('text=Nouvelle activité');
  await acc.page.fill('#f-code', 'ATELIER-BOIS');
  await acc.page.fill('#f-name', 'Atelier bois');
  await acc.page.fill('#f-members', 'membre@bigre.coop');
  await Promise.all([acc.page.waitForNavigation(), acc.page.click('main form button[type=submit]')]);
  assert.equal(await acc.page.textContent('h1'), 'Atelier bois');
  await acc.page.click('text=Modifier l’activité et ses membres');
  await acc.page.selectOption('#f-status', 'salaried');
  await acc.page.fill('#f-members', 'inconnu@example.org');
  const [bad2] = await Promise.all([acc.page.waitForNavigation(), acc.page.click('main form button[type=submit]')]);
  assert.equal(bad2.status(), 422);
  assert.ok(await acc.page.isVisible('#e-members'));
  await acc.page.screenshot({ path: join(SHOTS, 'economy-activity-edit-error-fr.png'), fullPage: true });
  await acc.page.fill('#f-members', 'compta@bigre.coop');
  await Promise.all([acc.page.waitForNavigation(), acc.page.click('main form button[type=submit]')]);
  assert.match(await acc.page.textContent('main'), /salarié/);
  await acc.ctx.close();
});

test('an accountant credits one line of a paid invoice from its page; the refund shows with its entry', async () => {
  const { ctx, page } = await loggedIn('compta@bigre.coop');
  // a paid invoice of the demo
  const id = execFileSync('sqlite3', [srv.db, "SELECT max(id) FROM sales_documents WHERE kind = 'invoice' AND status = 'paid' AND activity_id = 1"]).toString().trim();
  await page.goto(`${srv.url}/economy/documents/${id}`);
  await page.fill('#f-amount_cents', 'abc');
  const [bad] = await Promise.all([page.waitForNavigation(), page.click('text=Émettre l’avoir')]);
  assert.equal(bad.status(), 422);
  assert.ok(await page.isVisible('#e-amount_cents'));
  await page.fill('#f-amount_cents', '');
  await page.check('#f-line-1');
  await page.selectOption('#f-refund_method', 'cheque');
  await Promise.all([page.waitForNavigation(), page.click('text=Émettre l’avoir')]);
  assert.match(await page.textContent('h1'), /^Avoir \d{4}-\d{6}$/);
  assert.match(await page.textContent('main'), /Remboursement client \(chèque\)/);
  await page.screenshot({ path: join(SHOTS, 'economy-credit-note-refund-fr.png'), fullPage: true });
  await ctx.close();
});
