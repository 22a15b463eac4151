// economy_form_errors.test.mjs — the economy's forms check every field at
// once (issue 9, "Form checks"): an input with several wrong fields gets
// each field's own message, next to that field on the page (422, what was
// typed kept) and in error.fields in the API (400), and nothing is written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fieldBlock, assertFieldError, assertFieldFine } from '../lib/forms.mjs';
import { startServer } from '../lib/server.mjs';

let srv, member, accountant, act, client;
before(async () => {
  srv = await startServer();
  member = await srv.login('membre@bigre.coop');
  accountant = await srv.login('compta@bigre.coop');
  const acts = await member.json('GET', '/api/v1/activities');
  act = acts.body.activities.find((a) => a.code === 'LEA-GRAPH');
  const clients = await member.json('GET', `/api/v1/clients?activity_id=${act.id}`);
  client = clients.body.clients[0].id;
});
after(async () => { await srv.stop(); });

// The number of rows of a table (what "nothing written" is checked by).
const count = (table) => Number(execFileSync('sqlite3', [srv.db, `SELECT count(*) FROM ${table}`]).toString().trim());

// Posts a page form as `who`; returns { status, text }.
async function postForm(who, path, fields) {
  const res = await who.fetch(path, { method: 'POST', body: new URLSearchParams({ csrf_token: who.csrf, ...fields }) });
  return { status: res.status, text: await res.text() };
}

// Asserts an API answer names every field with its code, the first as error.code.
function assertApiFields(r, want) {
  assert.equal(r.status, 400, JSON.stringify(r.body));
  const fields = r.body.error.fields;
  assert.ok(fields, `error.fields in ${JSON.stringify(r.body)}`);
  for (const [name, code] of Object.entries(want)) {
    assert.equal(fields[name]?.code, code, `${name} in ${JSON.stringify(fields)}`);
    assert.ok(fields[name].message, `${name} has a message`);
  }
  assert.equal(r.body.error.code, fields[r.body.error.field].code, 'error.code is the first field\'s');
}

const NOT_AN_AMOUNT = 'Ce n&#39;est pas un montant : écrivez-le comme 1234,50 ou 1 234,50.';
const TOO_LARGE = 'Trop grand : un montant est d’au plus 100 milliards d’euros.';
const NEGATIVE = 'Ce montant ne peut pas être négatif.';

test('the invoice form tells every wrong field its own message at once, and writes nothing', async () => {
  const before = count('sales_documents');
  const r = await postForm(member, `/economy/activities/${act.id}/invoices/new`, {
    client_id: String(client), title: 'Essai', supply_date: '2026-02-30',
    'lines[0].description': 'Affiche', 'lines[0].quantity': 'deux', 'lines[0].unit_price_cents': 'abc', 'lines[0].vat_bp': '2000',
    'lines[1].description': 'Flyer', 'lines[1].quantity': '1', 'lines[1].unit_price_cents': '999999999999999', 'lines[1].vat_bp': '2000',
    'lines[2].description': 'Carte', 'lines[2].quantity': '1', 'lines[2].unit_price_cents': '-5', 'lines[2].vat_bp': '0',
  });
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'lines[0].quantity', 'Une quantité est positive, avec au plus 3 décimales.');
  assertFieldError(r.text, 'lines[0].unit_price_cents', NOT_AN_AMOUNT);
  assertFieldError(r.text, 'lines[1].unit_price_cents', TOO_LARGE);
  assertFieldError(r.text, 'lines[2].unit_price_cents', NEGATIVE);
  assertFieldError(r.text, 'supply_date', 'Cette date n’existe pas (format attendu AAAA-MM-JJ).');
  assertFieldError(r.text, 'vat_mention', 'Une ligne sans TVA exige la mention d’exonération (par ex. &quot;TVA non applicable, art. 293 B du CGI&quot;).');
  assertFieldFine(r.text, 'title');
  assertFieldFine(r.text, 'lines[1].quantity');
  // what was typed is kept
  assert.match(fieldBlock(r.text, 'lines[1].description'), /value="Flyer"/);
  assert.match(fieldBlock(r.text, 'lines[0].unit_price_cents'), /value="abc"/);
  assert.equal(count('sales_documents'), before);
});

test('the quote form does the same', async () => {
  const before = count('sales_documents');
  const r = await postForm(member, `/economy/activities/${act.id}/quotes/new`, {
    client_id: String(client), title: 'T'.repeat(301),
    'lines[0].description': 'Affiche', 'lines[0].quantity': '1', 'lines[0].unit_price_cents': '', 'lines[0].vat_bp': '2000',
  });
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'title', 'Un objet compte au plus 300 caractères.');
  assertFieldError(r.text, 'lines[0].unit_price_cents', 'Ce champ est obligatoire.');
  assert.equal(count('sales_documents'), before);
});

test('the invoice API names every wrong field in error.fields, and writes nothing', async () => {
  const before = count('sales_documents');
  const r = await member.json('POST', '/api/v1/invoices', {
    activity_id: act.id, client_id: client, supply_date: '2026-13-01', title: 7,
    lines: [
      { description: '', quantity: 1, unit_price_cents: 100 },
      { description: 'Flyer', quantity: '1,2345', unit_price_cents: -1, vat_bp: 1900 },
      { description: 'Carte', quantity: 2, unit_price_cents: 1e15 },
    ],
  });
  assertApiFields(r, {
    title: 'invalid_type', supply_date: 'invalid_date',
    'lines[0].description': 'missing_field', 'lines[1].quantity': 'invalid_quantity',
    'lines[1].unit_price_cents': 'negative_amount', 'lines[1].vat_bp': 'invalid_vat_rate',
    'lines[2].unit_price_cents': 'amount_too_large',
  });
  assert.equal(count('sales_documents'), before);
  // the same content, right, is written
  const ok = await member.json('POST', '/api/v1/invoices', { activity_id: act.id, client_id: client, lines: [{ description: 'Carte', quantity: 2, unit_price_cents: 100 }] });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  // a draft's update is checked the same way
  const up = await member.json('PUT', `/api/v1/invoices/${ok.body.id}`, { client_id: 999999, lines: [{ description: 'Carte', quantity: 0, unit_price_cents: 100 }] });
  assertApiFields(up, { client_id: 'unknown_client', 'lines[0].quantity': 'invalid_quantity' });
});

test('the client forms (add, edit) tell every wrong field at once, and write nothing', async () => {
  const before = count('clients');
  const wrong = { kind: 'individual', name: '', siren: '123456789', vat_number: 'FR00', address: '', email: 'pas-une-adresse', payment_terms_days: '90', lang: '' };
  const add = await postForm(member, `/economy/activities/${act.id}/clients`, wrong);
  assert.equal(add.status, 422);
  assertFieldError(add.text, 'name', 'Un nom de 1 à 200 caractères est requis.');
  assertFieldError(add.text, 'siren', 'Seule une entreprise a un numéro SIREN.');
  assertFieldError(add.text, 'vat_number', 'Ce numéro de TVA n’est pas valide (par ex. FR49448762526).');
  assertFieldError(add.text, 'address', 'Une adresse de 1 à 500 caractères est requise.');
  assertFieldError(add.text, 'email', 'Cette adresse e-mail n&#39;est pas valide.');
  assertFieldError(add.text, 'payment_terms_days', 'Le délai de paiement est compris entre 0 et 60 jours.');
  assert.match(fieldBlock(add.text, 'email'), /value="pas-une-adresse"/);
  const edit = await postForm(member, `/economy/clients/${client}`, { ...wrong, kind: 'company', name: 'Nouveau nom', siren: '123456789' });
  assert.equal(edit.status, 422);
  assertFieldError(edit.text, 'siren', 'Un numéro SIREN a 9 chiffres, avec une clé de contrôle valide.');
  assertFieldError(edit.text, 'address', 'Une adresse de 1 à 500 caractères est requise.');
  assertFieldError(edit.text, 'email', 'Cette adresse e-mail n&#39;est pas valide.');
  assertFieldFine(edit.text, 'name');
  assert.equal(count('clients'), before);
  const name = execFileSync('sqlite3', [srv.db, `SELECT name FROM clients WHERE id = ${client}`]).toString().trim();
  assert.notEqual(name, 'Nouveau nom');
});

test('the client API names every wrong field in error.fields (create and patch)', async () => {
  const before = count('clients');
  const r = await member.json('POST', '/api/v1/clients', { activity_id: act.id, kind: 'company', name: 5, siren: '123', address: '', email: 'x', payment_terms_days: -3, lang: 'de' });
  assertApiFields(r, { name: 'invalid_type', siren: 'invalid_siren', address: 'missing_field', email: 'invalid_email', payment_terms_days: 'invalid_terms', lang: 'invalid_lang' });
  const p = await member.json('PATCH', `/api/v1/clients/${client}`, { kind: 'individual', siren: '552120222', email: '@x', payment_terms_days: 61 });
  assertApiFields(p, { siren: 'siren_for_individual', email: 'invalid_email', payment_terms_days: 'invalid_terms' });
  assert.equal(count('clients'), before);
});

test('the expense form tells every wrong field and line at once, and writes nothing', async () => {
  const before = [count('expense_reports'), count('expense_lines'), count('receipts')];
  const r = await postForm(member, `/economy/activities/${act.id}/expenses/new`, {
    kind: 'supplier_invoice', title: '', supplier: '',
    'lines[0].date': '2026-02-30', 'lines[0].category': 'travel', 'lines[0].amount_cents': '12,345', 'lines[0].vat_cents': '-1',
    'lines[1].date': '2026-03-01', 'lines[1].category': 'mileage', 'lines[1].km': 'loin',
    'lines[2].date': '2026-03-02', 'lines[2].category': 'meals', 'lines[2].amount_cents': '10', 'lines[2].vat_cents': '11',
  });
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'title', 'Un titre de 1 à 300 caractères est requis.');
  assertFieldError(r.text, 'supplier', 'Une facture fournisseur nomme son fournisseur.');
  assertFieldError(r.text, 'lines[0].date', 'Cette date n’existe pas (format attendu AAAA-MM-JJ).');
  assertFieldError(r.text, 'lines[0].amount_cents', NOT_AN_AMOUNT);
  assertFieldError(r.text, 'lines[0].vat_cents', NEGATIVE);
  assertFieldError(r.text, 'lines[1].km', 'Les indemnités kilométriques portent sur 1 à 100000 km, sans TVA.');
  assertFieldError(r.text, 'lines[2].vat_cents', 'La TVA déductible est comprise entre 0 et le montant TTC.');
  assertFieldFine(r.text, 'lines[2].amount_cents');
  assert.match(fieldBlock(r.text, 'lines[2].amount_cents'), /value="10"/);
  assert.deepEqual([count('expense_reports'), count('expense_lines'), count('receipts')], before);
});

test('the expense API names every wrong field and line in error.fields', async () => {
  const before = count('expense_reports');
  const r = await member.json('POST', '/api/v1/expenses', {
    activity_id: act.id, kind: 'note', title: '',
    lines: [
      { date: '2026-13-01', category: 'travel', amount_cents: -100 },
      { date: '2026-03-01', category: 'yachts', amount_cents: 100, vat_cents: 200 },
      { date: '2026-03-01', category: 'mileage', km: 0, receipt_id: 999999 },
    ],
  });
  assertApiFields(r, {
    kind: 'invalid_kind', title: 'missing_field',
    'lines[0].date': 'invalid_date', 'lines[0].amount_cents': 'negative_amount',
    'lines[1].category': 'invalid_category',
    'lines[2].km': 'invalid_km', 'lines[2].receipt_id': 'unknown_receipt',
  });
  assert.equal(count('expense_reports'), before);
});

// A validated invoice of the activity that still has something due.
async function dueInvoice() {
  const list = await accountant.json('GET', `/api/v1/invoices?activity_id=${act.id}&limit=500`);
  const inv = list.body.invoices.find((d) => d.kind === 'invoice' && ['validated', 'sent', 'partly_paid'].includes(d.status));
  assert.ok(inv, 'a validated invoice with something due');
  return inv.id;
}

test('the payment form tells the date, the method and the amount their errors at once, and writes nothing', async () => {
  const inv = await dueInvoice();
  const before = count('payments');
  const r = await postForm(accountant, `/economy/documents/${inv}/payments`, { date: '2026-02-31', method: 'bitcoin', amount: 'abc', reference: 'R'.repeat(201) });
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'date', 'Cette date n’existe pas (format attendu AAAA-MM-JJ).');
  assertFieldError(r.text, 'method', 'Le mode est virement, chèque, carte ou espèces.');
  assertFieldError(r.text, 'amount', NOT_AN_AMOUNT);
  assert.match(fieldBlock(r.text, 'amount'), /value="abc"/);
  const neg = await postForm(accountant, `/economy/documents/${inv}/payments`, { date: '2026-02-31', method: 'cheque', amount: '-3' });
  assert.equal(neg.status, 422);
  assertFieldError(neg.text, 'amount', NEGATIVE);
  assertFieldError(neg.text, 'date', 'Cette date n’existe pas (format attendu AAAA-MM-JJ).');
  assertFieldFine(neg.text, 'method');
  assert.equal(count('payments'), before);
});

test('the payment API names every wrong field and allocation in error.fields', async () => {
  const inv = await dueInvoice();
  const before = count('payments');
  const r = await accountant.json('POST', '/api/v1/payments', {
    date: '2026-00-10', method: 'troc', reference: 'R'.repeat(201),
    allocations: [{ invoice_id: inv, amount_cents: -5 }, { invoice_id: inv, amount_cents: 10 }, { invoice_id: inv, amount_cents: 'dix' }],
  });
  assertApiFields(r, {
    date: 'invalid_date', method: 'invalid_method', reference: 'too_long',
    'allocations[0].amount_cents': 'negative_amount', 'allocations[1].invoice_id': 'duplicate_invoice',
    'allocations[2].amount_cents': 'invalid_type',
  });
  assert.equal(count('payments'), before);
});

// The row of line i of the entry form (<tr…>…</tr>).
function entryRow(html, i) {
  const at = html.indexOf(`id="f-lines[${i}].account"`);
  assert.ok(at > 0, `line ${i} present`);
  return html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at));
}

test('the manual entry form tells the header and each line their errors at once, on the right row, and writes nothing', async () => {
  const before = count('ledger_entries');
  const r = await postForm(accountant, `/economy/entries/new?cooperative_id=${act.cooperative_id}`, {
    journal: 'XX', date: '2026-02-30', label: '',
    'lines[0].account': '411', 'lines[0].debit': 'abc',
    'lines[1].account': '706', 'lines[1].credit': '-2',
    'lines[3].account': '999999', 'lines[3].debit': '5', 'lines[3].credit': '5',
  });
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'journal', 'Le journal doit être VT, AC, BQ ou OD.');
  assertFieldError(r.text, 'date', 'Cette date n’existe pas (format attendu AAAA-MM-JJ).');
  assertFieldError(r.text, 'label', 'Un libellé de 1 à 300 caractères est requis.');
  assert.ok(entryRow(r.text, 0).includes(NOT_AN_AMOUNT), entryRow(r.text, 0));
  // a wrong line's row and select are marked as markup, not as escaped text
  assert.match(entryRow(r.text, 0), /^<tr class="invalid">/);
  assert.match(entryRow(r.text, 0), /<select id="f-lines\[0\]\.account" name="lines\[0\]\.account" aria-invalid="true">/);
  assert.doesNotMatch(r.text, /&quot;(invalid|true)&quot;/);
  assert.match(entryRow(r.text, 2), /^<tr><td>/);
  assert.ok(entryRow(r.text, 1).includes(NEGATIVE), entryRow(r.text, 1));
  assert.doesNotMatch(entryRow(r.text, 2), /class="error"/);
  // the form's fourth line (the entry's third) has both of its errors
  const row3 = entryRow(r.text, 3);
  assert.ok(row3.includes('Ce compte n’est pas dans le plan comptable.'), row3);
  assert.ok(row3.includes('Une ligne a soit un débit, soit un crédit.'), row3);
  assert.match(row3, /value="5"/);
  assert.equal(count('ledger_entries'), before);
});

test('the manual entry API names every wrong field and line in error.fields', async () => {
  const before = count('ledger_entries');
  const r = await accountant.json('POST', '/api/v1/ledger/entries', {
    cooperative_id: act.cooperative_id, journal: 'ZZ', date: 'hier', label: '',
    lines: [{ account: '411', debit_cents: -1 }, { account: '999999', credit_cents: 100 }, { account: '706', debit_cents: 5, credit_cents: 5 }],
  });
  assertApiFields(r, {
    journal: 'invalid_journal', date: 'invalid_date', label: 'missing_field',
    'lines[0].debit_cents': 'negative_amount', 'lines[1].account': 'unknown_account', 'lines[2].debit_cents': 'one_sided_line',
  });
  assert.equal(count('ledger_entries'), before);
  // a member gets no field errors: 403 or 404 first
  const m = await member.json('POST', '/api/v1/ledger/entries', { cooperative_id: act.cooperative_id, journal: 'ZZ', lines: [] });
  assert.ok([403, 404].includes(m.status), JSON.stringify(m.body));
});

// A cooperative's settings row as stored (what "nothing written" compares).
const settingsRow = (coop) => execFileSync('sqlite3', [srv.db, `SELECT * FROM economy_settings WHERE cooperative_id = ${coop}`]).toString();

test('the settings form tells every wrong field at once, and writes nothing', async () => {
  const admin = await srv.login('admin@bigre.coop');
  const coop = act.cooperative_id;
  const before = settingsRow(coop);
  const r = await postForm(admin, `/economy/settings?cooperative_id=${coop}`, {
    vat_number: 'FR', rcs: 'R'.repeat(101), capital_text: '', late_rate_bp: 'beaucoup', self_validation_max: '-10',
    payment_terms_days: '90', contribution_bp: '12,5', km_rate_milli: '0,5', doc_lang: 'de',
  });
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'vat_number', 'Ce numéro de TVA n’est pas valide (par ex. FR49448762526).');
  assertFieldError(r.text, 'rcs', 'Ce champ est trop long.');
  assertFieldError(r.text, 'late_rate_bp', 'Un taux est un pourcentage avec 2 décimales au plus.');
  assertFieldError(r.text, 'self_validation_max', NEGATIVE);
  assertFieldError(r.text, 'payment_terms_days', 'Le délai de paiement est compris entre 0 et 60 jours.');
  assertFieldError(r.text, 'doc_lang', 'La langue est le français ou l’anglais.');
  assertFieldFine(r.text, 'contribution_bp');
  assertFieldFine(r.text, 'km_rate_milli');
  assert.match(fieldBlock(r.text, 'late_rate_bp'), /value="beaucoup"/);
  assert.equal(settingsRow(coop), before);
});

test('the settings API names every wrong field in error.fields', async () => {
  const admin = await srv.login('admin@bigre.coop');
  const coop = act.cooperative_id;
  const before = settingsRow(coop);
  const r = await admin.json('PUT', '/api/v1/economy/settings', {
    cooperative_id: coop, vat_number: 'X', late_rate_bp: -1, self_validation_max: 1e14, payment_terms_days: 61,
    contribution_bp: 10001, km_rate_milli: 'vite', doc_lang: 'it',
  });
  assertApiFields(r, {
    vat_number: 'invalid_vat_number', late_rate_bp: 'invalid_rate', self_validation_max: 'amount_too_large',
    payment_terms_days: 'invalid_terms', contribution_bp: 'invalid_rate', km_rate_milli: 'invalid_type', doc_lang: 'invalid_lang',
  });
  assert.equal(settingsRow(coop), before);
  // an accountant gets 403, not the fields
  assert.equal((await accountant.json('PUT', '/api/v1/economy/settings', { cooperative_id: coop, late_rate_bp: -1 })).status, 403);
});

test('the credit note form tells every wrong field at once, and writes nothing', async () => {
  const inv = await dueInvoice();
  const before = count('sales_documents');
  const r = await postForm(accountant, `/economy/documents/${inv}/credit-note`, {
    'line-1': '1', amount_cents: '12,50', vat_bp: '1900', description: 'D'.repeat(5001), refund_method: 'bitcoin',
  });
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'amount_cents', 'Un avoir porte sur des lignes ou sur un montant, pas les deux.');
  assert.ok(r.text.includes('<p class="error" id="e-vat_bp">Le taux de TVA doit être l’un de ceux de la facture.</p>'));
  assertFieldError(r.text, 'description', 'Une description de 1 à 5000 caractères est requise.');
  assertFieldError(r.text, 'refund_method', 'Le mode est virement, chèque, carte ou espèces.');
  const abc = await postForm(accountant, `/economy/documents/${inv}/credit-note`, { amount_cents: 'abc', vat_bp: '2000', refund_method: 'troc' });
  assert.equal(abc.status, 422);
  assertFieldError(abc.text, 'amount_cents', NOT_AN_AMOUNT);
  assertFieldError(abc.text, 'refund_method', 'Le mode est virement, chèque, carte ou espèces.');
  assert.equal(count('sales_documents'), before);
});

test('the credit note API names every wrong field in error.fields', async () => {
  const inv = await dueInvoice();
  const before = count('sales_documents');
  const dup = await accountant.json('POST', `/api/v1/invoices/${inv}/credit-note`, { lines: [1, 1, 'x'], refund_method: 'troc' });
  assertApiFields(dup, { 'lines[1].position': 'duplicate_line', 'lines[2].position': 'wrong_type', refund_method: 'invalid_method' });
  const amt = await accountant.json('POST', `/api/v1/invoices/${inv}/credit-note`, { amount_cents: -5, vat_bp: 1900, description: 7 });
  assertApiFields(amt, { amount_cents: 'negative_amount', vat_bp: 'invalid_vat', description: 'invalid_type' });
  assert.equal(count('sales_documents'), before);
});

test('a form that skips an empty line shows the next line\'s errors next to that line', async () => {
  const before = count('expense_reports');
  const r = await postForm(member, `/economy/activities/${act.id}/expenses/new`, {
    kind: 'expense', title: 'Trou',
    'lines[0].date': '2026-03-01', 'lines[0].category': 'travel', 'lines[0].amount_cents': '10',
    'lines[2].date': '2026-02-30', 'lines[2].category': 'meals', 'lines[2].amount_cents': '-4',
  });
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'lines[2].date', 'Cette date n’existe pas (format attendu AAAA-MM-JJ).');
  assertFieldError(r.text, 'lines[2].amount_cents', NEGATIVE);
  assertFieldFine(r.text, 'lines[1].date');
  assertFieldFine(r.text, 'lines[1].amount_cents');
  const inv = await postForm(member, `/economy/activities/${act.id}/invoices/new`, {
    client_id: String(client), 'lines[0].description': 'Affiche', 'lines[0].quantity': '1', 'lines[0].unit_price_cents': '10', 'lines[0].vat_bp': '2000',
    'lines[2].description': 'C'.repeat(5001), 'lines[2].quantity': '1', 'lines[2].unit_price_cents': '5', 'lines[2].vat_bp': '1900',
  });
  assert.equal(inv.status, 422);
  // the domain's second line is the form's third
  assertFieldError(inv.text, 'lines[2].description', 'Une description de 1 à 5000 caractères est requise.');
  assertFieldFine(inv.text, 'lines[1].description');
  assert.equal(count('expense_reports'), before);
});
