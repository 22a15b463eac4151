// economy.test.mjs — the economy over HTTP: who sees which activity, bad
// input refused with the field named and nothing written, invoices from
// draft to paid, the stored PDF and its mandatory mentions, idempotency,
// 20 concurrent validations, receipts, expenses, the ledger (balance,
// reversal, closed periods), and tamper detection by `bigre check`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, bigre } from '../lib/server.mjs';

let srv, member, accountant, associate, lea, coop1;
before(async () => {
  srv = await startServer();
  member = await srv.login('membre@bigre.coop');
  accountant = await srv.login('compta@bigre.coop');
  associate = await srv.login('associe@bigre.coop');
  const acts = await member.json('GET', '/api/v1/activities');
  lea = acts.body.activities.find((a) => a.code === 'LEA-GRAPH');
  coop1 = lea.cooperative_id;
});
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();
const count = (table) => Number(sql(`SELECT count(*) FROM ${table}`));

async function newClient() {
  const r = await member.json('POST', '/api/v1/clients', {
    activity_id: lea.id, kind: 'company', name: 'Atelier Ébène', siren: '552120222',
    vat_number: 'FR27552120222', address: '1 place de la Bourse, 33000 Bordeaux', payment_terms_days: 30,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

function invoiceBody(client, over = {}, line = {}) {
  return {
    activity_id: lea.id, client_id: client, title: 'Affiche du festival',
    lines: [{ description: 'Affiche A2 — « création »', quantity: '2.5', unit_price_cents: 40000, vat_bp: 2000, ...line }],
    ...over,
  };
}

test('members see their activities, accountants all of the cooperative, others nothing', async () => {
  const mine = (await member.json('GET', '/api/v1/activities')).body.activities.map((a) => a.code).sort();
  assert.deepEqual(mine, ['COLLECTIF-WEB', 'LEA-GRAPH']);
  const all = (await accountant.json('GET', '/api/v1/activities')).body.activities.map((a) => a.code).sort();
  assert.deepEqual(all, ['COLLECTIF-WEB', 'KARIM-CUISINE', 'LEA-GRAPH']);
  const amina = (await associate.json('GET', '/api/v1/activities')).body.activities;
  assert.deepEqual(amina.map((a) => a.code), ['AMINA-TRAD']);
  assert.equal((await associate.json('GET', `/api/v1/activities/${lea.id}`)).status, 404);
  const detail = await member.json('GET', `/api/v1/activities/${lea.id}`);
  assert.equal(detail.status, 200);
  assert.ok(detail.body.balances.some((b) => b.account === '706' && b.balance_cents < 0), 'revenue is on 706');
});

test('a client with a wrong SIREN or VAT number is refused, naming the field', async () => {
  const before = count('clients');
  let r = await member.json('POST', '/api/v1/clients', { activity_id: lea.id, kind: 'company', name: 'X', siren: '552120223', address: 'a' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'siren');
  r = await member.json('POST', '/api/v1/clients', { activity_id: lea.id, kind: 'company', name: 'X', vat_number: 'FR00552120222', address: 'a' });
  assert.equal(r.body.error.field, 'vat_number');
  r = await member.json('POST', '/api/v1/clients', { activity_id: lea.id, kind: 'company', name: 'X', address: 'a', payment_terms_days: 90 });
  assert.equal(r.body.error.field, 'payment_terms_days');
  assert.equal(count('clients'), before);
});

test('bad amounts, quantities, rates and dates: 400 naming the field, nothing written', async () => {
  const client = await newClient();
  const before = count('sales_documents');
  const cases = [
    [{}, { unit_price_cents: -1 }, 'lines[0].unit_price_cents'],
    [{}, { unit_price_cents: 10000000000001 }, 'lines[0].unit_price_cents'],
    [{}, { quantity: '1.2345' }, 'lines[0].quantity'],
    [{}, { quantity: 1.5 }, 'lines[0].quantity'],
    [{}, { quantity: '-2' }, 'lines[0].quantity'],
    [{}, { vat_bp: 1900 }, 'lines[0].vat_bp'],
    [{}, { vat_bp: 0 }, 'vat_mention'],
    [{}, { discount_bp: 10001 }, 'lines[0].discount_bp'],
    [{ issue_date: '2026-02-30' }, {}, 'issue_date'],
    [{ supply_date: '2026-13-01' }, {}, 'supply_date'],
    [{ lines: [] }, {}, 'lines'],
  ];
  for (const [over, line, field] of cases) {
    const r = await member.json('POST', '/api/v1/invoices', invoiceBody(client, over, line));
    assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, field);
    assert.ok(r.body.error.message.length > 0);
  }
  // overflowing total: each line within bounds, the product not
  const r = await member.json('POST', '/api/v1/invoices', invoiceBody(client, {}, { unit_price_cents: 10000000000000, quantity: '2' }));
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'lines[0].quantity');
  assert.equal(count('sales_documents'), before);
});

test('an invoice: draft, validation with its number and entry, frozen, PDF stored once', async () => {
  const client = await newClient();
  const d = await member.json('POST', '/api/v1/invoices', invoiceBody(client, { supply_date: '2026-11-02' }));
  assert.equal(d.status, 201);
  assert.equal(d.body.status, 'draft');
  assert.equal(d.body.total_ht_cents, 100000);
  assert.equal(d.body.total_vat_cents, 20000);
  assert.equal(d.body.total_ttc_cents, 120000);
  const id = d.body.id;
  // a draft is edited freely
  const u = await member.json('PUT', `/api/v1/invoices/${id}`, invoiceBody(client, { supply_date: '2026-11-02' }, { quantity: '3' }));
  assert.equal(u.status, 200);
  assert.equal(u.body.total_ttc_cents, 144000);
  // above the self-validation ceiling (1 500 €? no: 1 440 € is under it) — use the accountant's right
  const v = await accountant.json('POST', `/api/v1/invoices/${id}/validate`, { date: '2026-12-01' });
  assert.equal(v.status, 200, JSON.stringify(v.body));
  assert.match(v.body.number, /^2026-\d{6}$/);
  assert.equal(v.body.due_date, '2026-12-31');
  const entries = await accountant.json('GET', `/api/v1/ledger/entries?cooperative_id=${coop1}&doc_ref=invoice:${id}`);
  assert.equal(entries.body.entries.length, 1);
  const lines = entries.body.entries[0].lines;
  assert.deepEqual(lines.map((l) => [l.account, l.activity, l.debit_cents, l.credit_cents]),
    [['411', 'LEA-GRAPH', 144000, 0], ['706', 'LEA-GRAPH', 0, 120000], ['44571', 'LEA-GRAPH', 0, 24000]]);
  // validating twice, editing after validation
  let r = await accountant.json('POST', `/api/v1/invoices/${id}/validate`, {});
  assert.equal(r.status, 409);
  assert.equal(r.body.error.field, 'status');
  r = await member.json('PUT', `/api/v1/invoices/${id}`, invoiceBody(client));
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'document_frozen');
  // the PDF: served identically, with the mandatory mentions
  const p1 = await member.fetch(`/api/v1/invoices/${id}/pdf`);
  assert.equal(p1.status, 200);
  assert.equal(p1.headers.get('content-type'), 'application/pdf');
  const b1 = Buffer.from(await p1.arrayBuffer());
  const b2 = Buffer.from(await (await accountant.fetch(`/api/v1/invoices/${id}/pdf`)).arrayBuffer());
  assert.ok(b1.equals(b2), 'the stored PDF is served identically');
  const dir = mkdtempSync(join(tmpdir(), 'bigre-pdf-'));
  writeFileSync(join(dir, 'f.pdf'), b1);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-']).toString();
  rmSync(dir, { recursive: true, force: true });
  for (const m of [`FACTURE N° ${v.body.number}`, 'Coopaname', 'SIREN 448 762 526', 'FR49448762526',
    'Atelier Ébène', 'SIREN 552 120 222', 'FR27552120222', 'Date : 01/12/2026',
    'Date de la prestation ou de la livraison : 02/11/2026', "Date d'échéance du paiement : 31/12/2026",
    'TVA 20 % sur 1', 'Total HT', 'Total TTC', 'pénalités au taux annuel de 12 %', '40 €', 'Affiche A2 — « création »',
    'LEA-GRAPH']) {
    assert.ok(text.includes(m), `mention missing: ${m}`);
  }
});

test('rights: a member cannot validate above the ceiling, an outsider sees nothing', async () => {
  const client = await newClient();
  const d = await member.json('POST', '/api/v1/invoices', invoiceBody(client, {}, { quantity: '10' }));
  let r = await member.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: '2026-12-02' });
  assert.equal(r.status, 403);
  r = await associate.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: '2026-12-02' });
  assert.equal(r.status, 404);
  r = await associate.json('GET', `/api/v1/invoices/${d.body.id}/pdf`);
  assert.equal(r.status, 404);
  // under the ceiling the member validates their own invoice
  const small = await member.json('POST', '/api/v1/invoices', invoiceBody(client, {}, { quantity: '1', unit_price_cents: 5000 }));
  r = await member.json('POST', `/api/v1/invoices/${small.body.id}/validate`, { date: '2026-12-02' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
});

test('payments: partial, overpayment refused, idempotent with Idempotency-Key', async () => {
  const client = await newClient();
  const d = await member.json('POST', '/api/v1/invoices', invoiceBody(client));
  const inv = (await accountant.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: '2026-12-03' })).body;
  const before = count('payments');
  let r = await accountant.json('POST', '/api/v1/payments', { date: '2026-12-04', method: 'transfer', allocations: [{ invoice_id: inv.id, amount_cents: inv.total_ttc_cents + 1 }] });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'allocations[0].amount_cents');
  r = await accountant.json('POST', '/api/v1/payments', { date: '2026-12-04', method: 'bitcoin', allocations: [{ invoice_id: inv.id, amount_cents: 1 }] });
  assert.equal(r.body.error.field, 'method');
  r = await member.json('POST', '/api/v1/payments', { date: '2026-12-04', method: 'cheque', allocations: [{ invoice_id: inv.id, amount_cents: 100 }] });
  assert.equal(r.status, 403);
  assert.equal(count('payments'), before);
  const body = { date: '2026-12-04', method: 'cheque', reference: 'CHQ 1234', allocations: [{ invoice_id: inv.id, amount_cents: 20000 }] };
  const key = { 'Idempotency-Key': 'pay-test-1' };
  const p1 = await accountant.json('POST', '/api/v1/payments', body, key);
  assert.equal(p1.status, 201);
  const p2 = await accountant.json('POST', '/api/v1/payments', body, key);
  assert.equal(p2.status, 201);
  assert.deepEqual(p2.body, p1.body);
  assert.equal(p2.headers.get('idempotent-replayed'), 'true');
  assert.equal(count('payments'), before + 1);
  const p3 = await accountant.json('POST', '/api/v1/payments', { ...body, reference: 'other' }, key);
  assert.equal(p3.status, 409);
  assert.equal(p3.body.error.code, 'idempotency_key_reused');
  assert.equal(count('payments'), before + 1);
  const after1 = (await member.json('GET', `/api/v1/invoices/${inv.id}`)).body;
  assert.equal(after1.status, 'partly_paid');
  assert.equal(after1.due_cents, inv.total_ttc_cents - 20000);
  r = await accountant.json('POST', '/api/v1/payments', { date: '2026-12-05', method: 'transfer', allocations: [{ invoice_id: inv.id, amount_cents: after1.due_cents }] });
  assert.equal(r.status, 201);
  assert.equal((await member.json('GET', `/api/v1/invoices/${inv.id}`)).body.status, 'paid');
});

test('20 concurrent validations get unique, contiguous numbers', async () => {
  const client = await newClient();
  const ids = [];
  for (let i = 0; i < 20; i++) ids.push((await member.json('POST', '/api/v1/invoices', invoiceBody(client))).body.id);
  const results = await Promise.all(ids.map((id) => accountant.json('POST', `/api/v1/invoices/${id}/validate`, { date: '2026-12-10' })));
  for (const r of results) assert.equal(r.status, 200, JSON.stringify(r.body));
  const seqs = results.map((r) => Number(r.body.number.slice(5))).sort((a, b) => a - b);
  assert.equal(new Set(seqs).size, 20);
  assert.equal(seqs[19] - seqs[0], 19);
  assert.equal(Number(sql(`SELECT max(seq) - count(*) FROM sales_documents WHERE cooperative_id = ${coop1} AND year = 2026`)), 0);
});

test('credit note: cancels the invoice, same sequence, reverse entry', async () => {
  const client = await newClient();
  const d = await member.json('POST', '/api/v1/invoices', invoiceBody(client));
  const inv = (await accountant.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: '2026-12-11' })).body;
  const cn = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-11' });
  assert.equal(cn.status, 201, JSON.stringify(cn.body));
  assert.equal(cn.body.kind, 'credit_note');
  assert.equal(cn.body.source_id, inv.id);
  assert.equal(Number(cn.body.number.slice(5)), Number(inv.number.slice(5)) + 1);
  assert.equal((await member.json('GET', `/api/v1/invoices/${inv.id}`)).body.status, 'cancelled');
  const e = (await accountant.json('GET', `/api/v1/ledger/entries?cooperative_id=${coop1}&doc_ref=credit_note:${cn.body.id}`)).body.entries[0];
  assert.equal(e.reverses_id, inv.entry_id);
  assert.deepEqual(e.lines.find((l) => l.account === '411'), { account: '411', activity: 'LEA-GRAPH', debit_cents: 0, credit_cents: inv.total_ttc_cents, label: null });
  const again = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, {});
  assert.equal(again.status, 409);
});

test('a quote becomes a (partial) invoice', async () => {
  const client = await newClient();
  const q = await member.json('POST', '/api/v1/quotes', { activity_id: lea.id, client_id: client, lines: [
    { description: 'Étape 1', quantity: 1, unit_price_cents: 100000 }, { description: 'Étape 2', quantity: 1, unit_price_cents: 50000, vat_bp: 1000 }] });
  assert.equal(q.status, 201);
  const inv = await member.json('POST', `/api/v1/quotes/${q.body.id}/invoice`, { positions: [2] });
  assert.equal(inv.status, 201);
  assert.equal(inv.body.kind, 'invoice');
  assert.equal(inv.body.source_id, q.body.id);
  assert.equal(inv.body.total_ttc_cents, 55000);
  assert.equal((await member.json('GET', `/api/v1/quotes/${q.body.id}`)).body.status, 'partly_invoiced');
  const pdf = await member.fetch(`/api/v1/quotes/${q.body.id}/pdf`);
  assert.equal(pdf.status, 200);
});

test('receipts: type checked by magic bytes and name; expenses from draft to paid', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const before = count('receipts');
  let r = await member.fetch(`/api/v1/receipts?activity_id=${lea.id}&filename=ticket.pdf`, { method: 'POST', headers: { 'Content-Type': 'application/pdf' }, body: png });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error.field, 'file');
  r = await member.fetch(`/api/v1/receipts?activity_id=${lea.id}&filename=ticket.png`, { method: 'POST', headers: { 'Content-Type': 'application/pdf' }, body: png });
  assert.equal(r.status, 400);
  r = await member.fetch(`/api/v1/receipts?activity_id=${lea.id}&filename=ticket.gif`, { method: 'POST', headers: { 'Content-Type': 'image/gif' }, body: png });
  assert.equal((await r.json()).error.field, 'content_type');
  assert.equal(count('receipts'), before);
  r = await member.fetch(`/api/v1/receipts?activity_id=${lea.id}&filename=ticket.png`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: png });
  assert.equal(r.status, 201);
  const receipt = (await r.json()).id;
  let e = await member.json('POST', '/api/v1/expenses', { activity_id: lea.id, title: 'Salon', lines: [
    { date: '2026-12-01', category: 'travel', amount_cents: 11000, vat_cents: 1000, receipt_id: receipt },
    { date: '2026-12-01', category: 'mileage', km: 100 }] });
  assert.equal(e.status, 201, JSON.stringify(e.body));
  assert.equal(e.body.total_ttc_cents, 11000 + 6030); // 100 km × 0,603 €
  const bad = await member.json('POST', '/api/v1/expenses', { activity_id: lea.id, title: 'x', lines: [{ date: '2026-02-30', category: 'travel', amount_cents: 1 }] });
  assert.equal(bad.body.error.field, 'lines[0].date');
  const bad2 = await member.json('POST', '/api/v1/expenses', { activity_id: lea.id, title: 'x', lines: [{ date: '2026-02-03', category: 'travel', amount_cents: 100, vat_cents: 101 }] });
  assert.equal(bad2.body.error.field, 'lines[0].vat_cents');
  const id = e.body.id;
  assert.equal((await member.json('POST', `/api/v1/expenses/${id}/submit`)).status, 200);
  assert.equal((await member.json('POST', `/api/v1/expenses/${id}/validate`, { date: '2026-12-02' })).status, 403);
  r = await accountant.json('POST', `/api/v1/expenses/${id}/refuse`, {});
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'reason');
  e = await accountant.json('POST', `/api/v1/expenses/${id}/validate`, { date: '2026-12-02' });
  assert.equal(e.status, 200);
  const entry = (await accountant.json('GET', `/api/v1/ledger/entries?cooperative_id=${coop1}&doc_ref=expense:${id}`)).body.entries[0];
  assert.deepEqual(entry.lines.map((l) => [l.account, l.debit_cents, l.credit_cents]),
    [['6251', 16030, 0], ['44566', 1000, 0], ['425', 0, 17030]]);
  assert.equal((await accountant.json('POST', `/api/v1/expenses/${id}/pay`, { date: '2026-12-05' })).body.status, 'paid');
});

test('ledger: manual entries balanced, reversal once, closed periods, balances from totals', async () => {
  const base = { cooperative_id: coop1, journal: 'OD', date: '2026-12-15', label: 'Régularisation' };
  let r = await accountant.json('POST', '/api/v1/ledger/entries', { ...base, lines: [{ account: '6064', debit_cents: 100 }, { account: '512', credit_cents: 99 }] });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'lines');
  r = await accountant.json('POST', '/api/v1/ledger/entries', { ...base, lines: [{ account: '6064', debit_cents: 100, credit_cents: 100 }, { account: '512', credit_cents: 100 }] });
  assert.equal(r.body.error.field, 'lines[0].debit_cents');
  r = await member.json('POST', '/api/v1/ledger/entries', { ...base, lines: [{ account: '6064', debit_cents: 100 }, { account: '512', credit_cents: 100 }] });
  assert.equal(r.status, 403);
  r = await accountant.json('POST', '/api/v1/ledger/entries', { ...base, lines: [{ account: '6064', activity_id: lea.id, debit_cents: 100 }, { account: '512', credit_cents: 100 }] });
  assert.equal(r.status, 201);
  assert.equal(r.body.hash.length, 64);
  const rev = await accountant.json('POST', `/api/v1/ledger/entries/${r.body.id}/reverse`, { date: '2026-12-16' });
  assert.equal(rev.status, 201);
  assert.equal(rev.body.reverses_id, r.body.id);
  assert.equal((await accountant.json('POST', `/api/v1/ledger/entries/${r.body.id}/reverse`, { date: '2026-12-16' })).status, 409);
  const bal = await accountant.json('GET', `/api/v1/ledger/balances?cooperative_id=${coop1}`);
  const sums = bal.body.balances.reduce((s, b) => s + b.balance_cents, 0);
  assert.equal(sums, 0, 'debits equal credits over the whole ledger');
  const byAct = await accountant.json('GET', `/api/v1/ledger/balances?cooperative_id=${coop1}&by=activity`);
  assert.ok(byAct.body.balances.some((b) => b.activity === 'LEA-GRAPH' && b.account === '411'));
  assert.equal((await member.json('GET', `/api/v1/ledger/balances?cooperative_id=${coop1}`)).status, 403);
  // closing
  assert.equal((await accountant.json('POST', '/api/v1/ledger/close', { cooperative_id: coop1, date: '2026-06-30' })).status, 200);
  r = await accountant.json('POST', '/api/v1/ledger/entries', { ...base, date: '2026-06-01', lines: [{ account: '6064', debit_cents: 100 }, { account: '512', credit_cents: 100 }] });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.field, 'date');
  assert.equal((await accountant.json('POST', '/api/v1/ledger/close', { cooperative_id: coop1, date: '2026-05-31' })).status, 409);
  const check = bigre(['check', '--db', srv.db]);
  assert.equal(check.status, 0, check.stdout);
});

test('bigre check names the first broken link after a row is edited with sqlite3', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bigre-tamper-'));
  const db = join(dir, 't.db');
  assert.equal(bigre(['demo', '--db', db]).status, 0);
  assert.equal(bigre(['check', '--db', db]).status, 0);
  const victim = execFileSync('sqlite3', [db, "SELECT e.id, e.journal, e.fiscal_year, e.number FROM ledger_entries e WHERE e.seq = 40"]).toString().trim().split('|');
  execFileSync('sqlite3', [db, `DROP TRIGGER ledger_line_no_update; UPDATE ledger_lines SET debit = debit + 1000 WHERE id = (SELECT min(id) FROM ledger_lines WHERE entry_id = ${victim[0]} AND debit > 0);`]);
  const r = bigre(['check', '--db', db]);
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /ledger_line_no_update is missing/);
  assert.match(r.stdout, new RegExp(`hash chain broken at entry ${victim[0]} \\(${victim[1]} ${victim[2]}-${victim[3]}, link 40\\): its hash does not match its content`));
  assert.match(r.stdout, /a maintained balance differs from its entries/);
});

test('bigre ledger-import posts through the ledger rules, refuses an unbalanced entry, bigre ledger-balance reads totals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bigre-import-'));
  const db = join(dir, 'i.db');
  assert.equal(bigre(['migrate', '--db', db]).status, 0);
  execFileSync('sqlite3', [db, "INSERT INTO cooperatives(name, legal_form, created_at) VALUES ('Import', 'CAE', 0)"]);
  const good = 'E1\t2026-01-05\tVT\tFacture 1\t411\tACT1\t12000\t0\nE1\t2026-01-05\tVT\tFacture 1\t706\tACT1\t0\t10000\n'
    + 'E1\t2026-01-05\tVT\tFacture 1\t44571\tACT1\t0\t2000\nE2\t2026-01-20\tBQ\tRèglement\t512\tACT1\t12000\t0\n'
    + 'E2\t2026-01-20\tBQ\tRèglement\t411\tACT1\t0\t12000\n';
  writeFileSync(join(dir, 'bad.tsv'), good + 'E3\t2026-01-21\tOD\tFaux\t6251\t\t500\t0\nE3\t2026-01-21\tOD\tFaux\t512\t\t0\t499\n');
  let r = bigre(['ledger-import', '--db', db, '--cooperative-id', '1', join(dir, 'bad.tsv')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /entry E3/);
  assert.equal(execFileSync('sqlite3', [db, 'SELECT count(*) FROM ledger_entries']).toString().trim(), '0', 'nothing written');
  writeFileSync(join(dir, 'good.tsv'), good);
  r = bigre(['ledger-import', '--db', db, '--cooperative-id', '1', join(dir, 'good.tsv')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /2 entries, 5 postings/);
  r = bigre(['ledger-balance', '--db', db, '--cooperative-id', '1']);
  assert.match(r.stdout, /^411\s+12000\s+12000\s+0$/m);
  assert.match(r.stdout, /^706\s+0\s+10000\s+-10000$/m);
  assert.equal(bigre(['check', '--db', db]).status, 0);
  rmSync(dir, { recursive: true, force: true });
});

test('economic settings: administrators set them, they reach the invoice; bad values name the field', async () => {
  const admin = await srv.login('admin@bigre.coop');
  const base = { cooperative_id: coop1, address: '3 rue de la Coopération, 75011 Paris', vat_number: 'FR49448762526',
    late_rate_bp: 1500, self_validation_max: 200000, payment_terms_days: 45, contribution_bp: 1100, km_rate_milli: 636 };
  assert.equal((await accountant.json('PUT', '/api/v1/economy/settings', base)).status, 403);
  let r = await admin.json('PUT', '/api/v1/economy/settings', { ...base, payment_terms_days: 61 });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'payment_terms_days');
  r = await admin.json('PUT', '/api/v1/economy/settings', { ...base, self_validation_max: -1 });
  assert.equal(r.body.error.field, 'self_validation_max');
  r = await admin.json('PUT', '/api/v1/economy/settings', base);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.late_rate_bp, 1500);
  assert.equal((await accountant.json('GET', `/api/v1/economy/settings?cooperative_id=${coop1}`)).body.km_rate_milli, 636);
  const client = await newClient();
  const d = await member.json('POST', '/api/v1/invoices', invoiceBody(client, {}, { quantity: '1' }));
  const v = await member.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: '2026-12-20' });
  assert.equal(v.status, 200, 'under the new ceiling the member validates');
  const pdf = Buffer.from(await (await member.fetch(`/api/v1/invoices/${d.body.id}/pdf`)).arrayBuffer());
  const dir = mkdtempSync(join(tmpdir(), 'bigre-pdf-'));
  writeFileSync(join(dir, 'f.pdf'), pdf);
  const text = execFileSync('pdftotext', [join(dir, 'f.pdf'), '-']).toString();
  rmSync(dir, { recursive: true, force: true });
  assert.match(text, /15 %/);
});

test("a payment's entry names the payment; the document page shows the invoice's and its payments' entries", async () => {
  const client = await newClient();
  const d = await member.json('POST', '/api/v1/invoices', invoiceBody(client));
  const inv = (await accountant.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: '2026-12-21' })).body;
  const p = await accountant.json('POST', '/api/v1/payments', { date: '2026-12-22', method: 'card', allocations: [{ invoice_id: inv.id, amount_cents: 1000 }] });
  const e = (await accountant.json('GET', `/api/v1/ledger/entries?cooperative_id=${coop1}&doc_ref=payment:${p.body.id}`)).body.entries;
  assert.equal(e.length, 1);
  assert.equal(e[0].id, p.body.entry_id);
  const page = await (await accountant.fetch(`/economy/documents/${inv.id}`)).text();
  assert.match(page, /512/);
  assert.match(page, /44571/);
});

test('activities: accountants change the status; a closed activity takes no new document', async () => {
  const created = await accountant.json('POST', '/api/v1/activities', { cooperative_id: coop1, code: 'TEST-CLOSE', name: 'À fermer', members: [member.person.id] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  let r = await member.json('PUT', `/api/v1/activities/${id}`, { name: 'X', status: 'closed' });
  assert.equal(r.status, 403);
  r = await accountant.json('PUT', `/api/v1/activities/${id}`, { name: 'À fermer', status: 'ended' });
  assert.equal(r.body.error.field, 'status');
  r = await accountant.json('PUT', `/api/v1/activities/${id}`, { name: 'À fermer', status: 'closed', contribution_bp: 900 });
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'closed');
  r = await member.json('POST', '/api/v1/clients', { activity_id: id, kind: 'individual', name: 'Y', address: 'Z' });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'activity_closed');
  assert.equal((await accountant.json('POST', '/api/v1/activities', { cooperative_id: coop1, code: 'TEST-CLOSE', name: 'Doublon', members: [member.person.id] })).status, 409);
});
