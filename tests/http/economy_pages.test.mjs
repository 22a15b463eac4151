// economy_pages.test.mjs — the second pass of the economy over HTTP: receipts
// uploaded from the expense form (multipart, checked by their bytes, nothing
// written on error), the accountants' pages, partial credit notes and refunds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, BIGRE } from '../lib/server.mjs';

let srv, member, accountant, admin, lea, coop1;
before(async () => {
  srv = await startServer();
  member = await srv.login('membre@bigre.coop');
  accountant = await srv.login('compta@bigre.coop');
  const acts = await member.json('GET', '/api/v1/activities');
  lea = acts.body.activities.find((a) => a.code === 'LEA-GRAPH');
  coop1 = lea.cooperative_id;
});
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();
const count = (table) => Number(sql(`SELECT count(*) FROM ${table}`));
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f8a1d40000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

// The CSRF token of a page's form.
async function token(client, path) {
  const html = await (await client.fetch(path)).text();
  return html.match(/name="csrf_token" value="([^"]+)"/)[1];
}

// Posts a multipart form as a browser would (no CSRF header: the field counts).
async function postForm(client, path, fields, files = []) {
  const fd = new FormData();
  fd.append('csrf_token', await token(client, path));
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [k, name, bytes, type] of files) fd.append(k, new Blob([bytes], { type }), name);
  return srv.fetch(path, { method: 'POST', body: fd, headers: { Cookie: client.cookie } });
}

test('expense form: a receipt whose bytes are not what its name says → the form again (422), message next to the field, nothing written', async () => {
  const path = `/economy/activities/${lea.id}/expenses/new`;
  const counts = () => [count('receipts'), count('expense_reports'), count('expense_lines'), count('audit_log')];
  const before = counts();
  const lines = { kind: 'expense', title: 'Salon du livre', 'lines[0].date': '2026-03-02', 'lines[0].category': 'travel',
    'lines[0].description': 'Train', 'lines[0].amount_cents': '48,20', 'lines[0].vat_cents': '4,38' };
  // a PNG named .pdf (declared as a PDF too)
  let r = await postForm(member, path, lines, [['lines[0].receipt', 'billet.pdf', PNG, 'application/pdf']]);
  assert.equal(r.status, 422);
  let html = await r.text();
  assert.match(html, /<div class="field invalid"><label for="f-lines\[0\].receipt">[^<]*<\/label><p class="error" id="e-lines\[0\].receipt">Le fichier n’est pas ce qu’annoncent son nom et son type\.<\/p><input id="f-lines\[0\].receipt"[^>]*aria-invalid="true"/);
  assert.match(html, /value="Salon du livre"/, 'the typed fields come back');
  assert.deepEqual(counts(), before);
  // an unknown extension
  r = await postForm(member, path, lines, [['lines[0].receipt', 'billet.exe', PDF, 'application/pdf']]);
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-lines\[0\].receipt">Un justificatif est un fichier PDF, JPEG ou PNG\./);
  // a good receipt but a bad amount on the line: the receipt is not kept either
  r = await postForm(member, path, { ...lines, 'lines[0].amount_cents': '-3' }, [['lines[0].receipt', 'billet.pdf', PDF, 'application/pdf']]);
  assert.equal(r.status, 422);
  assert.deepEqual(counts(), before);
  // now right: a PDF and a PNG declared with a lying type (only bytes and name count)
  r = await postForm(member, path, { ...lines, 'lines[1].date': '2026-03-03', 'lines[1].category': 'meals', 'lines[1].amount_cents': '12' },
    [['lines[0].receipt', 'billet.pdf', PDF, 'application/pdf'], ['lines[1].receipt', 'Repas.PNG', PNG, 'text/plain']]);
  assert.equal(r.status, 303, await r.text());
  const rows = sql("SELECT r.filename || ':' || r.content_type || ':' || r.size FROM expense_lines l JOIN receipts r ON r.id = l.receipt_id"
    + ` WHERE l.report_id = (SELECT max(id) FROM expense_reports) ORDER BY l.id`).split('\n');
  assert.deepEqual(rows, [`billet.pdf:application/pdf:${PDF.length}`, `Repas.PNG:image/png:${PNG.length}`]);
});

test('a receipt is served to who may read its activity, as an attachment; others get 404', async () => {
  const id = Number(sql("SELECT max(receipt_id) FROM expense_lines"));
  assert.ok(id > 0);
  let r = await member.fetch(`/economy/receipts/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-disposition'), /^attachment; filename="receipt-\d+\.(pdf|png)"$/);
  assert.ok(['application/pdf', 'image/png'].includes(r.headers.get('content-type')));
  r = await accountant.fetch(`/economy/receipts/${id}`);
  assert.equal(r.status, 200);
  const outsider = await srv.login('associe@bigre.coop');
  r = await outsider.fetch(`/economy/receipts/${id}`);
  assert.equal(r.status, 404);
});

// Posts an urlencoded form with the page's CSRF token.
async function post(client, formPath, action, fields) {
  const body = new URLSearchParams({ csrf_token: await token(client, formPath), ...fields });
  return srv.fetch(action, { method: 'POST', body, headers: { Cookie: client.cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
}

test('economic settings page: administrators only; rates in percent, errors next to the field', async () => {
  admin = await srv.login('admin@bigre.coop');
  const path = `/economy/settings?cooperative_id=${coop1}`;
  assert.equal((await accountant.fetch(path)).status, 403);
  assert.equal((await admin.fetch(path)).status, 200);
  const good = { address: '12 rue des Coopératives, 33000 Bordeaux', vat_number: 'FR49448762526', rcs: 'RCS Bordeaux 448 762 526',
    capital_text: 'SCOP SA à capital variable', late_rate_bp: '10,5', self_validation_max: '1 500', payment_terms_days: '45',
    contribution_bp: '11', km_rate_milli: '0,610' };
  const before = sql(`SELECT late_rate_bp FROM economy_settings WHERE cooperative_id = ${coop1}`);
  let r = await post(admin, path, path, { ...good, late_rate_bp: '10,555' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-late_rate_bp">Un taux est un pourcentage/);
  assert.equal(sql(`SELECT late_rate_bp FROM economy_settings WHERE cooperative_id = ${coop1}`), before);
  r = await post(admin, path, path, { ...good, payment_terms_days: '61' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-payment_terms_days"/);
  r = await post(admin, path, path, good);
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT late_rate_bp || ' ' || self_validation_max || ' ' || payment_terms_days || ' ' || contribution_bp || ' ' || km_rate_milli FROM economy_settings WHERE cooperative_id = ${coop1}`),
    '1050 150000 45 1100 610');
  assert.match(await (await admin.fetch(path)).text(), /value="10,50"/);
});

test('chart of accounts page: add and rename; a bad number comes back next to its field', async () => {
  const path = `/economy/accounts?cooperative_id=${coop1}`;
  assert.equal((await accountant.fetch(path)).status, 403);
  let r = await post(admin, path, path, { number: '9999', label: 'Nope' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-number">Un numéro de compte/);
  r = await post(admin, path, path, { number: '6185', label: 'Frais de colloques' });
  assert.equal(r.status, 303);
  r = await post(admin, path, path, { number: '706', label: 'Prestations de services (graphisme)' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT group_concat(number || '=' || label, ';') FROM ledger_accounts WHERE cooperative_id = ${coop1} AND number IN ('6185', '706') ORDER BY number`),
    '6185=Frais de colloques;706=Prestations de services (graphisme)');
});

test('manual entry page: unbalanced → 422 with both totals, nothing written; balanced → posted; reversal once; closing', async () => {
  const path = `/economy/entries/new?cooperative_id=${coop1}`;
  assert.equal((await member.fetch(path)).status, 403);
  const entries = () => count('ledger_entries');
  const n0 = entries();
  const lines = { journal: 'OD', date: '2026-06-30', label: 'Reclassement des frais',
    'lines[0].account': '6185', 'lines[0].activity_id': String(lea.id), 'lines[0].debit': '120,50',
    'lines[1].account': '6257', 'lines[1].activity_id': String(lea.id), 'lines[1].credit': '120,05' };
  let r = await post(accountant, path, path, lines);
  assert.equal(r.status, 422);
  const html = await r.text();
  assert.match(html, /id="e-lines">Les débits et les crédits d’une écriture doivent être égaux\. Débits : 120,50\s€ — Crédits : 120,05\s€/);
  assert.equal(entries(), n0);
  r = await post(accountant, path, path, { ...lines, 'lines[1].credit': '1,2,3' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-lines\[1\]"/);
  r = await post(accountant, path, path, { ...lines, 'lines[1].credit': '120,50' });
  assert.equal(r.status, 303);
  const entryPath = r.headers.get('location');
  assert.match(entryPath, /^\/economy\/entries\/\d+$/);
  const id = Number(entryPath.split('/').pop());
  assert.equal(sql(`SELECT group_concat(account || ':' || debit || ':' || credit, ' ') FROM ledger_lines WHERE entry_id = ${id}`), '6185:12050:0 6257:0:12050');
  let page = await (await accountant.fetch(entryPath)).text();
  assert.match(page, /Extourner cette écriture/);
  r = await post(accountant, entryPath, `${entryPath}/reverse`, { date: '2026-07-01' });
  assert.equal(r.status, 303);
  const rev = Number(r.headers.get('location').split('/').pop());
  assert.equal(Number(sql(`SELECT reverses_id FROM ledger_entries WHERE id = ${rev}`)), id);
  page = await (await accountant.fetch(entryPath)).text();
  assert.doesNotMatch(page, /Extourner cette écriture/);
  assert.match(page, new RegExp(`href="/economy/entries/${rev}"`));
  // closing: forward only; an entry dated in a closed period comes back next to the date
  const close = `/economy/close?cooperative_id=${coop1}`;
  r = await post(accountant, close, close, { date: '2026-02-30' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-date"/);
  r = await post(accountant, close, close, { date: '2026-06-30' });
  assert.equal(r.status, 303);
  assert.match(await (await accountant.fetch(close)).text(), /2026-06-30/);
  const n1 = entries();
  r = await post(accountant, path, path, { ...lines, 'lines[1].credit': '120,50' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-date">Cette période est clôturée/);
  assert.equal(entries(), n1);
  execFileSync(BIGRE, ['check', '--db', srv.db]); // throws unless bigre check exits 0
});

test('activity pages: accountants create one, rename it, add and remove members (the last one stays)', async () => {
  const path = `/economy/activities/new?cooperative_id=${coop1}`;
  assert.equal((await member.fetch(path)).status, 403);
  let r = await post(accountant, path, path, { code: 'bad code', name: 'Atelier', members: 'membre@bigre.coop' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-code"/);
  r = await post(accountant, path, path, { code: 'ATELIER-BOIS', name: 'Atelier bois', members: 'personne@example.org' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-members">Personne n’a cette adresse e-mail\./);
  assert.equal(Number(sql("SELECT count(*) FROM activities WHERE code = 'ATELIER-BOIS'")), 0);
  r = await post(accountant, path, path, { code: 'ATELIER-BOIS', name: 'Atelier bois', contribution_bp: '8,5', members: 'membre@bigre.coop' });
  assert.equal(r.status, 303);
  const id = Number(r.headers.get('location').split('/').pop());
  assert.equal(sql(`SELECT contribution_bp FROM activities WHERE id = ${id}`), '850');
  const edit = `/economy/activities/${id}/edit`;
  r = await post(accountant, edit, edit, { name: 'Atelier bois et métal', status: 'salaried', contribution_bp: '', members: 'compta@bigre.coop' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT name || '|' || status || '|' || coalesce(contribution_bp, 'NULL') || '|' || (SELECT count(*) FROM activity_members WHERE activity_id = ${id}) FROM activities WHERE id = ${id}`),
    'Atelier bois et métal|salaried|NULL|2');
  const lea_id = member.person.id;
  r = await post(accountant, edit, `/economy/activities/${id}/members/${lea_id}/remove`, {});
  assert.equal(r.status, 303);
  const last = Number(sql(`SELECT person_id FROM activity_members WHERE activity_id = ${id}`));
  r = await post(accountant, edit, `/economy/activities/${id}/members/${last}/remove`, {});
  assert.equal(r.status, 409);
  assert.equal(Number(sql(`SELECT count(*) FROM activity_members WHERE activity_id = ${id}`)), 1);
});

test('credit notes: some lines, an amount, on a partly paid invoice with the refund as a payment out (411/512); never more than the invoice', async () => {
  const c = await member.json('POST', '/api/v1/clients', { activity_id: lea.id, kind: 'company', name: 'Librairie Mollat', siren: '552120222', address: '15 rue Vital-Carles, 33000 Bordeaux' });
  const d = await member.json('POST', '/api/v1/invoices', { activity_id: lea.id, client_id: c.body.id, title: 'Catalogue', lines: [
    { description: 'Mise en page', quantity: '2', unit_price_cents: 40000, vat_bp: 2000 },
    { description: 'Tirages', quantity: '1', unit_price_cents: 10000, vat_bp: 550, goods: true }] });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const inv = (await accountant.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: '2026-12-10' })).body;
  assert.equal(inv.total_ttc_cents, 106550);
  const lines = (id) => sql(`SELECT group_concat(l.account || ':' || l.debit || ':' || l.credit, ' ') FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id WHERE e.doc_ref = '${id}'`);
  // the second line
  let r = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-11', lines: [2] });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.total_ttc_cents, 10550);
  assert.equal(r.body.lines.length, 1);
  assert.equal(lines(`credit_note:${r.body.id}`), '411:0:10550 707:10000:0 44571:550:0');
  let now = (await member.json('GET', `/api/v1/invoices/${inv.id}`)).body;
  assert.deepEqual([now.status, now.credited_cents, now.due_cents], ['validated', 10550, 96000]);
  r = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-11', lines: [2] });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.field, 'lines[0].position');
  r = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-11', lines: [7] });
  assert.equal(r.status, 400);
  // partly paid, then an amount credited: no refund while something stays due
  r = await accountant.json('POST', '/api/v1/payments', { date: '2026-12-12', method: 'transfer', allocations: [{ invoice_id: inv.id, amount_cents: 50000 }] });
  assert.equal(r.status, 201);
  r = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-12', amount_cents: 20000, vat_bp: 2000, description: 'Geste commercial' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.total_ttc_cents, 24000);
  assert.equal(lines(`credit_note:${r.body.id}`), '411:0:24000 706:20000:0 44571:4000:0');
  now = (await member.json('GET', `/api/v1/invoices/${inv.id}`)).body;
  assert.deepEqual([now.status, now.credited_cents, now.paid_cents, now.due_cents], ['partly_paid', 34550, 50000, 22000]);
  r = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-12', amount_cents: 1000, vat_bp: 1000 });
  assert.equal(r.body.error.field, 'vat_bp');
  const refundsBefore = count('sales_refunds');
  const docsBefore = count('sales_documents');
  r = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-12', lines: [1] });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'over_credit');
  // the rest: 72 000 credited while 22 000 was due → 50 000 paid back
  r = await member.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-13', amount_cents: 60000, vat_bp: 2000 });
  assert.equal(r.status, 403);
  assert.equal(count('sales_documents'), docsBefore);
  r = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-13', amount_cents: 60000, vat_bp: 2000, refund_method: 'bitcoin' });
  assert.equal(r.body.error.field, 'refund_method');
  assert.equal(count('sales_refunds'), refundsBefore);
  r = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-13', amount_cents: 60000, vat_bp: 2000, refund_method: 'cheque' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  now = (await member.json('GET', `/api/v1/invoices/${inv.id}`)).body;
  assert.deepEqual([now.status, now.credited_cents, now.refunded_cents, now.due_cents], ['cancelled', 106550, 50000, 0]);
  const refund = sql(`SELECT id || ' ' || amount || ' ' || method FROM sales_refunds WHERE credit_note_id = ${r.body.id}`).split(' ');
  assert.deepEqual(refund.slice(1), ['50000', 'cheque']);
  assert.equal(lines(`refund:${refund[0]}`), '411:50000:0 512:0:50000');
  assert.equal(sql(`SELECT group_concat(DISTINCT coalesce(a.code, '-')) FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id LEFT JOIN activities a ON a.id = l.activity_id WHERE e.doc_ref = 'refund:${refund[0]}'`), 'LEA-GRAPH');
  // the client's account for this invoice is back to zero
  assert.equal(Number(sql(`SELECT sum(l.debit) - sum(l.credit) FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id WHERE l.account = '411' AND e.doc_ref IN ('invoice:${inv.id}', 'payment:' || (SELECT payment_id FROM payment_allocations WHERE document_id = ${inv.id}), 'refund:${refund[0]}') OR (l.account = '411' AND e.doc_ref IN (SELECT 'credit_note:' || id FROM sales_documents WHERE source_id = ${inv.id}))`)), 0);
  execFileSync(BIGRE, ['check', '--db', srv.db]);
});

test('a whole credit note on a paid invoice mirrors its entry and refunds what was paid', async () => {
  const c = await member.json('POST', '/api/v1/clients', { activity_id: lea.id, kind: 'individual', name: 'Jeanne Martin', address: '3 rue Sainte-Catherine, 33000 Bordeaux' });
  const d = await member.json('POST', '/api/v1/invoices', { activity_id: lea.id, client_id: c.body.id, title: 'Logo', lines: [{ description: 'Logo', quantity: '1', unit_price_cents: 30000, vat_bp: 2000 }] });
  const inv = (await accountant.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: '2026-12-14' })).body;
  let r = await accountant.json('POST', '/api/v1/payments', { date: '2026-12-14', method: 'card', allocations: [{ invoice_id: inv.id, amount_cents: 36000 }] });
  assert.equal(r.status, 201);
  r = await accountant.json('POST', `/api/v1/invoices/${inv.id}/credit-note`, { date: '2026-12-15' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(Number(sql(`SELECT reverses_id FROM ledger_entries WHERE doc_ref = 'credit_note:${r.body.id}'`)), inv.entry_id);
  const now = (await member.json('GET', `/api/v1/invoices/${inv.id}`)).body;
  assert.deepEqual([now.status, now.refunded_cents, now.due_cents], ['cancelled', 36000, 0]);
  assert.equal(sql(`SELECT amount || ' ' || method FROM sales_refunds WHERE invoice_id = ${inv.id}`), '36000 transfer');
  execFileSync(BIGRE, ['check', '--db', srv.db]);
});

test('quotes have their own numbers and can be refused; the legal PDF is in the client’s language, French by default', async () => {
  const c = await member.json('POST', '/api/v1/clients', { activity_id: lea.id, kind: 'company', name: 'Thames Print Ltd', address: '1 Fleet Street, London', lang: 'en' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const bad = await member.json('POST', '/api/v1/clients', { activity_id: lea.id, kind: 'company', name: 'X', address: 'a', lang: 'de' });
  assert.equal(bad.body.error.field, 'lang');
  const q1 = await member.json('POST', '/api/v1/quotes', { activity_id: lea.id, client_id: c.body.id, title: 'Brochure', lines: [{ description: 'Layout', quantity: '1', unit_price_cents: 50000, vat_bp: 2000 }] });
  const q2 = await member.json('POST', '/api/v1/quotes', { activity_id: lea.id, client_id: c.body.id, title: 'Flyer', lines: [{ description: 'Layout', quantity: '1', unit_price_cents: 20000, vat_bp: 2000 }] });
  assert.match(q1.body.quote_number, /^D\d{4}-\d{6}$/);
  assert.equal(Number(q2.body.quote_number.slice(6)), Number(q1.body.quote_number.slice(6)) + 1);
  assert.equal(q1.body.number, null);
  let r = await member.json('POST', `/api/v1/quotes/${q2.body.id}/refuse`);
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'refused');
  assert.equal((await member.json('POST', `/api/v1/quotes/${q2.body.id}/refuse`)).status, 409);
  r = await member.json('POST', `/api/v1/quotes/${q2.body.id}/invoice`, {});
  assert.equal(r.status, 409);
  // the invoice of the first quote, in English
  r = await member.json('POST', `/api/v1/quotes/${q1.body.id}/invoice`, {});
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const inv = (await accountant.json('POST', `/api/v1/invoices/${r.body.id}/validate`, { date: '2026-12-20' })).body;
  const pdfText = async (id) => {
    const pdf = Buffer.from(await (await member.fetch(`/api/v1/invoices/${id}/pdf`)).arrayBuffer());
    return execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString().replace(/\s+/g, ' ');
  };
  let text = await pdfText(inv.id);
  for (const m of ['INVOICE No. ' + inv.number, 'Payment due date:', 'Intra-community VAT number:', 'No discount for early payment.', 'fixed indemnity of 40 €', 'Category of the operation: provision of services'])
    assert.ok(text.includes(m), `missing “${m}”`);
  const qpdf = Buffer.from(await (await member.fetch(`/api/v1/quotes/${q1.body.id}/pdf`)).arrayBuffer());
  assert.ok(execFileSync('pdftotext', ['-', '-'], { input: qpdf }).toString().includes(`QUOTE No. ${q1.body.quote_number}`));
  // a client without a language: the cooperative's (none set: French)
  const fr = await member.json('POST', '/api/v1/clients', { activity_id: lea.id, kind: 'individual', name: 'Paul Roux', address: '2 rue Neuve, Bordeaux' });
  const d = await member.json('POST', '/api/v1/invoices', { activity_id: lea.id, client_id: fr.body.id, title: 'Carte', lines: [{ description: 'Carte', quantity: '1', unit_price_cents: 10000, vat_bp: 2000 }] });
  const inv2 = (await accountant.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: '2026-12-20' })).body;
  text = await pdfText(inv2.id);
  assert.ok(text.includes('FACTURE N° ' + inv2.number));
  assert.ok(text.includes('Pas d\'escompte pour paiement anticipé.'));
});

test('the client form keeps the language of the client’s documents', async () => {
  const path = `/economy/activities/${lea.id}`;
  let r = await post(member, path, `${path}/clients`, { kind: 'company', name: 'Dublin Design', address: '5 Grafton Street, Dublin', payment_terms_days: '30', lang: 'en' });
  assert.equal(r.status, 303);
  assert.equal(sql("SELECT lang FROM clients WHERE name = 'Dublin Design'"), 'en');
  r = await post(member, path, `${path}/clients`, { kind: 'company', name: 'Berlin Druck', address: 'Unter den Linden 1', payment_terms_days: '30', lang: 'de' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-lang">La langue est le français ou l’anglais\./);
  assert.equal(count("clients WHERE name = 'Berlin Druck'"), 0);
});
