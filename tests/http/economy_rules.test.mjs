// economy_rules.test.mjs — rules of issue 9: a quote's line is invoiced at
// most once (API, page, database), each journal is numbered in date order
// (refused out of order, reported by `bigre check`), a line without an
// analytic code has no activity key, a missing parameter is `missing_field`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, bigre } from '../lib/server.mjs';

// The dates these tests post at: after the demo's history (2026, up to
// November), never read from the wall clock.
const day = (n) => `2026-12-${String(n).padStart(2, '0')}`;

let srv, member, accountant, lea, coop1;
before(async () => {
  srv = await startServer();
  member = await srv.login('membre@bigre.coop');
  accountant = await srv.login('compta@bigre.coop');
  lea = (await member.json('GET', '/api/v1/activities')).body.activities.find((a) => a.code === 'LEA-GRAPH');
  coop1 = lea.cooperative_id;
});
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();

// A quote of two lines (1 000,00 € and 500,00 € excl. VAT) to a new client.
async function newQuote() {
  const c = await member.json('POST', '/api/v1/clients', { activity_id: lea.id, kind: 'company', name: 'Atelier Ébène', address: '1 place de la Bourse, 33000 Bordeaux' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const q = await member.json('POST', '/api/v1/quotes', { activity_id: lea.id, client_id: c.body.id, lines: [
    { description: 'Étape 1', quantity: 1, unit_price_cents: 100000 }, { description: 'Étape 2', quantity: 1, unit_price_cents: 50000 }] });
  assert.equal(q.status, 201, JSON.stringify(q.body));
  return q.body.id;
}

// The CSRF token of a page's form.
async function token(client, path) {
  const html = await (await client.fetch(path)).text();
  return html.match(/name="csrf_token" value="([^"]+)"/)[1];
}

test('API: a quote line is invoiced once; the quote shows what remains, then becomes invoiced', async () => {
  const quote = await newQuote();
  const first = await member.json('POST', `/api/v1/quotes/${quote}/invoice`, { positions: [1] });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  let q = (await member.json('GET', `/api/v1/quotes/${quote}`)).body;
  assert.equal(q.status, 'partly_invoiced');
  assert.deepEqual(q.lines.map((l) => l.invoice_id), [first.body.id, null]);
  const again = await member.json('POST', `/api/v1/quotes/${quote}/invoice`, { positions: [1, 2] });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'quote_line_invoiced');
  assert.equal(again.body.error.field, 'positions');
  // without positions: what remains, line 2 only
  const rest = await member.json('POST', `/api/v1/quotes/${quote}/invoice`, {});
  assert.equal(rest.status, 201, JSON.stringify(rest.body));
  assert.deepEqual(rest.body.lines.map((l) => l.description), ['Étape 2']);
  q = (await member.json('GET', `/api/v1/quotes/${quote}`)).body;
  assert.equal(q.status, 'invoiced');
  const none = await member.json('POST', `/api/v1/quotes/${quote}/invoice`, {});
  assert.equal(none.status, 409);
  assert.equal(none.body.error.code, 'quote_invoiced');
  assert.equal(sql(`SELECT count(*) FROM sales_documents WHERE source_id = ${quote}`), '2');
});

test('page: "Facturer ce devis" twice makes one invoice; the second click says why in French', async () => {
  const quote = await newQuote();
  const page = `/economy/documents/${quote}`;
  let html = await (await member.fetch(page)).text();
  assert.match(html, /Facturer ce devis/);
  assert.match(html, /À facturer/);
  // the same form sent twice (a double click, or the page kept open)
  const csrf = await token(member, page);
  const click = () => srv.fetch(`${page}/invoice`, { method: 'POST', body: new URLSearchParams({ csrf_token: csrf }),
    headers: { Cookie: member.cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal((await click()).status, 303);
  const second = await click();
  assert.equal(second.status, 409);
  assert.match(await second.text(), /Toutes les lignes de ce devis sont déjà facturées/);
  assert.equal(sql(`SELECT count(*) FROM sales_documents WHERE source_id = ${quote}`), '1');
  html = await (await member.fetch(page)).text();
  assert.match(html, /<dd>facturé<\/dd>/);
  assert.doesNotMatch(html, /Facturer ce devis/);
});

test('database: a quote line claimed twice is refused', async () => {
  const quote = await newQuote();
  const inv = await member.json('POST', `/api/v1/quotes/${quote}/invoice`, { positions: [2] });
  assert.equal(inv.status, 201);
  const line = sql(`SELECT id FROM sales_lines WHERE document_id = ${quote} AND position = 2`);
  assert.throws(() => sql(`INSERT INTO sales_quote_invoicing(quote_line_id, quote_id, invoice_id) VALUES (${line}, ${quote}, ${inv.body.id})`),
    /UNIQUE constraint failed/);
  // and a copy of the quote's line on a second invoice of the same quote cannot be claimed either
  assert.throws(() => sql(`INSERT INTO sales_quote_invoicing(quote_line_id, quote_id, invoice_id) VALUES (${line}, ${quote}, ${inv.body.id} + 1)`));
});

test('journals in date order: a manual entry, a payment dated before the last one → 409 date_before_last', async () => {
  const base = { cooperative_id: coop1, journal: 'OD', label: 'Régularisation', lines: [{ account: '6064', debit_cents: 100 }, { account: '512', credit_cents: 100 }] };
  let r = await accountant.json('POST', '/api/v1/ledger/entries', { ...base, date: day(20) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  r = await accountant.json('POST', '/api/v1/ledger/entries', { ...base, date: day(3) });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'date_before_last');
  assert.equal(r.body.error.field, 'date');
  assert.equal((await accountant.json('POST', '/api/v1/ledger/entries', { ...base, date: day(20) })).status, 201, 'the same day is fine');
  // a payment before the bank journal's last entry (the demo's, in November)
  const d = await member.json('POST', '/api/v1/invoices', { activity_id: lea.id, client_id: Number(sql(`SELECT min(id) FROM clients WHERE activity_id = ${lea.id}`)),
    lines: [{ description: 'Affiche', quantity: 1, unit_price_cents: 10000 }] });
  const inv = (await accountant.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: day(1) })).body;
  r = await accountant.json('POST', '/api/v1/payments', { date: '2026-02-01', method: 'transfer', allocations: [{ invoice_id: inv.id, amount_cents: 100 }] });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'date_before_last');
  assert.equal(sql(`SELECT count(*) FROM payment_allocations WHERE document_id = ${inv.id}`), '0');
});

test('ledger entries: a line without analytic code has no activity; a missing cooperative_id is missing_field', async () => {
  const posted = await accountant.json('POST', '/api/v1/ledger/entries', { cooperative_id: coop1, journal: 'OD', date: day(25), label: 'Frais bancaires',
    lines: [{ account: '6064', activity_id: lea.id, debit_cents: 300 }, { account: '512', credit_cents: 300 }] });
  assert.equal(posted.status, 201, JSON.stringify(posted.body));
  assert.deepEqual(posted.body.lines.map((l) => ('activity' in l ? l.activity : 'absent')), ['LEA-GRAPH', 'absent']);
  const r = await accountant.json('GET', `/api/v1/ledger/entries?cooperative_id=${coop1}&journal=OD`);
  assert.equal(r.status, 200);
  const listed = r.body.entries.find((e) => e.id === posted.body.id);
  assert.deepEqual(listed.lines.map((l) => ('activity' in l ? l.activity : 'absent')), ['LEA-GRAPH', 'absent']);
  const m = await accountant.json('GET', '/api/v1/ledger/entries');
  assert.equal(m.status, 400);
  assert.equal(m.body.error.code, 'missing_field');
  assert.equal(m.body.error.field, 'cooperative_id');
  const rev = await accountant.json('POST', `/api/v1/ledger/entries/${r.body.entries[0].id}/reverse`, {});
  assert.equal(rev.status, 400);
  assert.equal(rev.body.error.code, 'missing_field');
});

test('bigre check: the demo holds; an inversion written by hand is reported (exit 1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bigre-order-'));
  const db = join(dir, 'c.db');
  assert.equal(bigre(['demo', '--db', db]).status, 0);
  let r = bigre(['check', '--db', db]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  execFileSync('sqlite3', [db, "DROP TRIGGER ledger_entry_immutable; UPDATE ledger_entries SET entry_date = '2026-01-01'"
    + " WHERE journal = 'BQ' AND number = 5 AND cooperative_id = (SELECT min(id) FROM cooperatives);"]);
  r = bigre(['check', '--db', db]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /BROKEN \[journal-order\] an entry is dated before the one numbered before it in its journal: entry \d+ \(BQ 2026 n°5, 2026-01-01 after 2026-/);
  rmSync(dir, { recursive: true, force: true });
});
