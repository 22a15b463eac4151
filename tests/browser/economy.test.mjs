// economy.test.mjs (browser) — the economy's pages in Chromium, without
// JavaScript needed: a member's activities, a client form that comes back
// with the error next to the field, a new invoice, the accountant's
// validation queue and journals, in French and English.  Screenshots go
// to build/screens/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ROOT, DEMO_PASSWORD, SCREENSHOTS } from '../lib/server.mjs';

const SHOTS = SCREENSHOTS;
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

test('a member sees their activities, adds a client (error next to the field), drafts an invoice', async () => {
  const { ctx, page } = await loggedIn('membre@bigre.coop');
  await page.goto(`${srv.url}/economy`);
  assert.match(await page.textContent('main'), /Léa Dubois — graphisme/);
  await page.screenshot({ path: join(SHOTS, 'economy-home-fr.png'), fullPage: true });
  await page.click('text=Léa Dubois — graphisme');
  assert.match(await page.textContent('main'), /Solde de l’activité|Solde de l'activité/);
  await page.fill('#f-name', 'Studio Ébène');
  await page.fill('#f-siren', '123456789');
  await page.fill('#f-address', '2 rue du Port, 17000 La Rochelle');
  const [resp] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/clients"] button[type=submit]')]);
  assert.equal(resp.status(), 422);
  assert.ok(await page.isVisible('#e-siren'), 'the error is next to the SIREN field');
  assert.equal(await page.inputValue('#f-name'), 'Studio Ébène', 'what was typed comes back');
  await page.screenshot({ path: join(SHOTS, 'economy-client-error-fr.png'), fullPage: true });
  await page.fill('#f-siren', '552120222');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/clients"] button[type=submit]')]);
  assert.match(await page.textContent('main'), /Studio Ébène/);
  await page.click('a.button[href$="/invoices/new"]');
  await page.fill('[name="lines[0].description"]', 'Affiche du festival');
  await page.fill('[name="lines[0].quantity"]', '1.2345');
  await page.fill('[name="lines[0].unit_price_cents"]', '450,00');
  const [bad] = await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.equal(bad.status(), 422);
  assert.ok(await page.isVisible('[id="e-lines[0].quantity"]'));
  await page.fill('[name="lines[0].quantity"]', '2,5');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.match(page.url(), /\/economy\/documents\/\d+$/);
  const text = await page.textContent('main');
  assert.match(text, /1\s?350,00\s€/); // 2,5 × 450 € + 20 %
  await page.screenshot({ path: join(SHOTS, 'economy-invoice-draft-fr.png'), fullPage: true });
  await ctx.close();
});

test('an accountant validates from the queue and reads journals and balances (English)', async () => {
  const { ctx, page } = await loggedIn('compta@bigre.coop', 'en');
  await page.goto(`${srv.url}/economy`);
  await page.click('text=Validation queue');
  assert.match(await page.textContent('main'), /Invoices to validate/);
  await page.screenshot({ path: join(SHOTS, 'economy-validation-en.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('main table button:has-text("Validate")')]);
  assert.match(page.url(), /\/economy\/documents\/\d+$/);
  assert.match(await page.textContent('main'), /Entries of this document/);
  assert.match(await page.textContent('main'), /44571/);
  await page.screenshot({ path: join(SHOTS, 'economy-document-en.png'), fullPage: true });
  await page.goto(`${srv.url}/economy`);
  await page.click('text=Journals and balances');
  const t = await page.textContent('main');
  assert.match(t, /Balance per account/);
  assert.match(t, /LEA-GRAPH/);
  await page.screenshot({ path: join(SHOTS, 'economy-ledger-en.png') });
  await ctx.close();
});

test('a member writes an expense report with mileage, sees the error next to the field, submits it', async () => {
  const { ctx, page } = await loggedIn('membre@bigre.coop');
  await page.goto(`${srv.url}/economy`);
  await page.click('text=Léa Dubois — graphisme');
  await page.click('a.button[href$="/expenses/new"]');
  await page.fill('#f-title', 'Salon du livre');
  await page.fill('[name="lines[0].date"]', '2026-02-30');
  await page.selectOption('[name="lines[0].category"]', 'mileage');
  await page.fill('[name="lines[0].km"]', '120');
  const [bad] = await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.equal(bad.status(), 422);
  assert.ok(await page.isVisible('[id="e-lines[0].date"]'));
  await page.screenshot({ path: join(SHOTS, 'economy-expense-error-fr.png'), fullPage: true });
  await page.fill('[name="lines[0].date"]', '2026-11-27');
  await page.fill('[name="lines[1].date"]', '2026-11-27');
  await page.selectOption('[name="lines[1].category"]', 'meals');
  await page.fill('[name="lines[1].amount_cents"]', '22,00');
  await page.fill('[name="lines[1].vat_cents"]', '2,00');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  const row = page.locator('tr', { hasText: 'Salon du livre' });
  assert.match(await row.textContent(), /94,36\s€/); // 120 km × 0,603 € + 22 €
  await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
  assert.match(await page.locator('tr', { hasText: 'Salon du livre' }).textContent(), /soumise/);
  await ctx.close();
});

test('a member writes a quote and invoices it; an accountant records a payment (overpayment refused next to the field)', async () => {
  const m = await loggedIn('membre@bigre.coop');
  await m.page.goto(`${srv.url}/economy`);
  await m.page.click('text=Léa Dubois — graphisme');
  await m.page.click('a.button[href$="/quotes/new"]');
  await m.page.fill('[name="lines[0].description"]', 'Logo et charte');
  await m.page.fill('[name="lines[0].quantity"]', '1');
  await m.page.fill('[name="lines[0].unit_price_cents"]', '800');
  await Promise.all([m.page.waitForNavigation(), m.page.click('main form button[type=submit]')]);
  assert.match(await m.page.textContent('h1'), /^Devis D\d{4}-\d{6}/);
  await Promise.all([m.page.waitForNavigation(), m.page.click('button:has-text("Facturer ce devis")')]);
  assert.match(await m.page.textContent('h1'), /^Facture \(brouillon\)/);
  const invoiceUrl = m.page.url();
  await Promise.all([m.page.waitForNavigation(), m.page.click('button:has-text("Valider la facture")')]);
  assert.match(await m.page.textContent('main'), /validée/); // 960 € is under the 1 500 € ceiling
  await m.ctx.close();
  const a = await loggedIn('compta@bigre.coop');
  await a.page.goto(invoiceUrl);
  await a.page.fill('#f-amount', '2000');
  const [bad] = await Promise.all([a.page.waitForNavigation(), a.page.click('button:has-text("Enregistrer le règlement")')]);
  assert.equal(bad.status(), 422);
  assert.ok(await a.page.isVisible('#e-amount'));
  await a.page.fill('#f-amount', '500,00');
  await Promise.all([a.page.waitForNavigation(), a.page.click('button:has-text("Enregistrer le règlement")')]);
  const text = await a.page.textContent('main');
  assert.match(text, /partiellement réglée/);
  assert.match(text, /512/);
  await a.page.screenshot({ path: join(SHOTS, 'economy-payment-fr.png'), fullPage: true });
  await a.ctx.close();
});
