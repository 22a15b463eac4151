// economy_clients.test.mjs — clients seen and edited (API and pages), a
// validated invoice keeping its client as it was (JSON, page, PDF), and
// removing a member who still has unsettled expense reports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, bigre } from '../lib/server.mjs';

let srv, member, accountant, accompanist, outsider, lea;
before(async () => {
  srv = await startServer();
  member = await srv.login('membre@bigre.coop');
  accountant = await srv.login('compta@bigre.coop');
  accompanist = await srv.login('accompagnement@bigre.coop');
  outsider = await srv.login('associe@bigre.coop');
  const acts = await member.json('GET', '/api/v1/activities');
  lea = acts.body.activities.find((a) => a.code === 'LEA-GRAPH');
});
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();
const audits = () => Number(sql('SELECT count(*) FROM audit_log'));

// The CSRF token of a page's form.
async function token(client, path) {
  const html = await (await client.fetch(path)).text();
  return html.match(/name="csrf_token" value="([^"]+)"/)[1];
}

// Posts an urlencoded form with the page's CSRF token.
async function post(client, formPath, action, fields) {
  const body = new URLSearchParams({ csrf_token: await token(client, formPath), ...fields });
  return srv.fetch(action, { method: 'POST', body, headers: { Cookie: client.cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
}

// The text of a PDF (pdftotext).
function pdfText(bytes) {
  const f = join(srv.dir, `client-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(f, bytes);
  return execFileSync('pdftotext', ['-layout', f, '-']).toString();
}

const newClient = async (fields = {}) => {
  const r = await member.json('POST', '/api/v1/clients', { activity_id: lea.id, kind: 'company', name: 'Atelier Ancien SARL',
    siren: '552120222', vat_number: 'FR27552120222', address: '4 rue Ancienne, 69001 Lyon', email: 'compta@ancien.fr',
    payment_terms_days: 30, lang: 'fr', ...fields });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
};

test('API: GET and PATCH /api/v1/clients/{id} — checked as at creation, 4xx naming the field, nothing written on error, audited', async () => {
  const id = await newClient();
  let r = await member.json('GET', `/api/v1/clients/${id}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.name, 'Atelier Ancien SARL');
  assert.equal(r.body.lang, 'fr');
  assert.equal(r.body.can_edit, true);
  assert.deepEqual(r.body.documents, []);
  assert.equal((await outsider.json('GET', `/api/v1/clients/${id}`)).status, 404);
  assert.equal((await accompanist.json('GET', `/api/v1/clients/${id}`)).status, 200);
  assert.equal((await member.json('GET', '/api/v1/clients/999999')).status, 404);

  const row = () => sql(`SELECT name || '|' || coalesce(siren, '') || '|' || coalesce(vat_number, '') || '|' || address || '|'`
    + ` || coalesce(email, '') || '|' || payment_terms_days || '|' || coalesce(lang, '') FROM clients WHERE id = ${id}`);
  const before = [row(), audits()];
  for (const [body, status, field] of [
    [{ siren: '552120223' }, 400, 'siren'],
    [{ kind: 'individual' }, 400, 'siren'],              // an individual has no SIREN
    [{ vat_number: 'FR00552120222' }, 400, 'vat_number'],
    [{ name: '' }, 400, 'name'],
    [{ name: 'x'.repeat(201) }, 400, 'name'],
    [{ address: null }, 400, 'address'],
    [{ email: 'pas-une-adresse' }, 400, 'email'],
    [{ payment_terms_days: 61 }, 400, 'payment_terms_days'],
    [{ payment_terms_days: -2 }, 400, 'payment_terms_days'],
    [{ payment_terms_days: '30' }, 400, 'payment_terms_days'],
    [{ lang: 'de' }, 400, 'lang'],
    [{ kind: 'shop' }, 400, 'kind'],
  ]) {
    r = await member.json('PATCH', `/api/v1/clients/${id}`, body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal(r.body.error.field, field, JSON.stringify(body));
  }
  assert.equal((await outsider.json('PATCH', `/api/v1/clients/${id}`, { name: 'Pirate' })).status, 404);
  assert.equal((await accompanist.json('PATCH', `/api/v1/clients/${id}`, { name: 'Pirate' })).status, 403);
  assert.deepEqual([row(), audits()], before, 'nothing written by any refusal');

  // a partial change: only the fields given; null clears an optional one
  r = await member.json('PATCH', `/api/v1/clients/${id}`, { address: '8 quai Neuf, 44000 Nantes', email: null, lang: 'en', payment_terms_days: 45 });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.address, '8 quai Neuf, 44000 Nantes');
  assert.equal(r.body.email, null);
  assert.equal(r.body.lang, 'en');
  assert.equal(r.body.name, 'Atelier Ancien SARL');
  assert.equal(r.body.siren, '552120222');
  assert.equal(row(), 'Atelier Ancien SARL|552120222|FR27552120222|8 quai Neuf, 44000 Nantes||45|en');
  const audit = JSON.parse(`[${sql(`SELECT json_array(actor_id, before, after) FROM audit_log WHERE entity = 'client' AND action = 'update' AND entity_id = ${id}`)}]`)[0];
  assert.equal(audit[0], member.person.id);
  assert.equal(JSON.parse(audit[1]).address, '4 rue Ancienne, 69001 Lyon');
  assert.equal(JSON.parse(audit[1]).email, 'compta@ancien.fr');
  assert.equal(JSON.parse(audit[2]).address, '8 quai Neuf, 44000 Nantes');
  assert.equal(JSON.parse(audit[2]).email, null);
  // the list shows the language too
  r = await member.json('GET', `/api/v1/clients?activity_id=${lea.id}`);
  assert.equal(r.body.clients.find((c) => c.id === id).lang, 'en');
});

test('a validated invoice keeps its client as it was (JSON, page, PDF, re-render); a new draft follows the edit', async () => {
  const id = await newClient({ name: 'Imprimerie Durand', address: '1 place Vieille, 13001 Marseille' });
  const lines = [{ description: 'Affiches', quantity: '1', unit_price_cents: 30000, vat_bp: 2000 }];
  let r = await member.json('POST', '/api/v1/invoices', { activity_id: lea.id, client_id: id, title: 'Affiches', lines });
  assert.equal(r.status, 201);
  const inv = r.body.id;
  assert.equal(r.body.client.name, 'Imprimerie Durand');
  assert.equal(r.body.client.frozen, false);
  r = await accountant.json('POST', `/api/v1/invoices/${inv}/validate`, {});
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const pdf1 = Buffer.from(await (await member.fetch(`/api/v1/invoices/${inv}/pdf`)).arrayBuffer());

  r = await member.json('PATCH', `/api/v1/clients/${id}`, { name: 'Durand & Filles Impression', address: '77 boulevard Nouveau, 31000 Toulouse', siren: '448762526', vat_number: 'FR49448762526' });
  assert.equal(r.status, 200, JSON.stringify(r.body));

  // JSON of the invoice
  r = await member.json('GET', `/api/v1/invoices/${inv}`);
  assert.equal(r.body.client.name, 'Imprimerie Durand');
  assert.equal(r.body.client.address, '1 place Vieille, 13001 Marseille');
  assert.equal(r.body.client.siren, '552120222');
  assert.equal(r.body.client.vat_number, 'FR27552120222');
  assert.equal(r.body.client.frozen, true);
  r = await member.json('GET', `/api/v1/invoices?activity_id=${lea.id}`);
  assert.equal(r.body.invoices.find((d) => d.id === inv).client, 'Imprimerie Durand');
  // its page
  let html = await (await member.fetch(`/economy/documents/${inv}`)).text();
  assert.match(html, /Imprimerie Durand/);
  assert.match(html, /1 place Vieille, 13001 Marseille/);
  assert.doesNotMatch(html, /Durand &amp; Filles|boulevard Nouveau/);
  assert.match(html, /Le client a été modifié depuis ; ce document le garde tel qu’il était à sa validation\./);
  html = await (await member.fetch(`/economy/activities/${lea.id}`)).text();
  assert.match(html, new RegExp(`href="/economy/documents/${inv}">[^<]+</a></td><td>[^<]+</td><td>[^<]+</td><td>Imprimerie Durand</td>`));
  // its stored PDF, byte-identical, and a re-render from the database
  const pdf2 = Buffer.from(await (await member.fetch(`/api/v1/invoices/${inv}/pdf`)).arrayBuffer());
  assert.ok(pdf1.equals(pdf2));
  let text = pdfText(pdf2);
  assert.match(text, /Imprimerie Durand/);
  assert.match(text, /1 place Vieille/);
  assert.doesNotMatch(text, /Filles|Nouveau/);
  // the database keeps the copy
  assert.throws(() => execFileSync('sqlite3', [srv.db, `UPDATE sales_documents SET client_name = 'X' WHERE id = ${inv}`], { stdio: 'pipe' }),
    /client of a validated document cannot be changed/);

  // a new draft follows the client; validated, it keeps the new identity
  r = await member.json('POST', '/api/v1/invoices', { activity_id: lea.id, client_id: id, title: 'Flyers', lines });
  const draft = r.body.id;
  assert.equal(r.body.client.name, 'Durand & Filles Impression');
  assert.equal(r.body.client.frozen, false);
  text = pdfText(Buffer.from(await (await member.fetch(`/api/v1/invoices/${draft}/pdf`)).arrayBuffer()));
  assert.match(text, /Durand & Filles Impression/);
  assert.match(text, /77 boulevard Nouveau/);
  html = await (await member.fetch(`/economy/documents/${draft}`)).text();
  assert.match(html, /Durand &amp; Filles Impression/);
  assert.doesNotMatch(html, /Le client a été modifié/);

  // the client's page lists both with number, status and totals
  html = await (await member.fetch(`/economy/clients/${id}`)).text();
  const number = sql(`SELECT number FROM sales_documents WHERE id = ${inv}`);
  assert.match(html, new RegExp(`<a href="/economy/documents/${inv}">${number}</a></td><td>facture</td><td>[0-9-]+</td><td>validée</td><td>300,00\\s€</td><td>360,00\\s€</td>`));
  assert.match(html, new RegExp(`<a href="/economy/documents/${draft}">—</a></td><td>facture</td><td>[0-9-]+</td><td>brouillon</td>`));
  // bigre check still holds
  const check = bigre(['check', '--db', srv.db]);
  assert.equal(check.status, 0, check.stdout + check.stderr);
});

test('client page: seen by who sees the activity, linked from the activity page; the edit form comes back (422) with the French message next to the field, nothing written', async () => {
  const id = await newClient({ name: 'Café des Arts' });
  let html = await (await member.fetch(`/economy/activities/${lea.id}`)).text();
  assert.match(html, new RegExp(`<a href="/economy/clients/${id}"><strong>Café des Arts</strong></a>`));
  assert.equal((await outsider.fetch(`/economy/clients/${id}`)).status, 404);
  // the accompanist reads it, without the form
  let r = await accompanist.fetch(`/economy/clients/${id}`);
  assert.equal(r.status, 200);
  assert.doesNotMatch(await r.text(), /<form method="post" action="\/economy\/clients\//);
  const page = `/economy/clients/${id}`;
  const fields = { kind: 'company', name: 'Café des Arts', siren: '552120223', vat_number: '', address: '2 rue du Port, 56000 Vannes',
    email: '', payment_terms_days: '30', lang: '' };
  const before = [sql(`SELECT name || siren || address FROM clients WHERE id = ${id}`), audits()];
  r = await post(member, page, page, fields);
  assert.equal(r.status, 422);
  html = await r.text();
  assert.match(html, /<div class="field invalid"><label for="f-siren">[^<]*<\/label><p class="error" id="e-siren">Un numéro SIREN a 9 chiffres, avec une clé de contrôle valide\.<\/p><input id="f-siren" name="siren" type="text" value="552120223"[^>]*aria-invalid="true" aria-describedby="e-siren"/);
  assert.match(html, /value="2 rue du Port, 56000 Vannes"/, 'what was typed comes back');
  r = await post(member, page, page, { ...fields, siren: '', lang: 'de' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-lang">La langue est le français ou l’anglais\.<\/p><select id="f-lang" name="lang" aria-invalid="true"/);
  r = await post(member, page, page, { ...fields, siren: '', payment_terms_days: 'trente' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-payment_terms_days">/);
  assert.deepEqual([sql(`SELECT name || siren || address FROM clients WHERE id = ${id}`), audits()], before);
  // without the CSRF token: refused
  r = await srv.fetch(page, { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: member.cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 403);
  // right: saved, back to the client's page
  r = await post(member, page, page, { ...fields, siren: '448762526', email: 'bonjour@cafe.fr', lang: 'en' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), page);
  assert.equal(sql(`SELECT siren || '|' || address || '|' || email || '|' || lang FROM clients WHERE id = ${id}`),
    '448762526|2 rue du Port, 56000 Vannes|bonjour@cafe.fr|en');
  html = await (await member.fetch(page)).text();
  assert.match(html, /bonjour@cafe\.fr/);
  assert.match(html, /Aucun document pour ce client pour l’instant\./);
  // and an outsider cannot post to it
  r = await outsider.fetch(page, { method: 'POST', body: new URLSearchParams({ ...fields, csrf_token: outsider.csrf }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 404);
  assert.equal(sql(`SELECT siren FROM clients WHERE id = ${id}`), '448762526');
});

test('removing a member who still has expense reports not settled: 409 naming them; once settled, removed, their drafts stay with the activity', async () => {
  const me = member.person.id, acc = accountant.person.id;
  let r = await accountant.json('POST', '/api/v1/activities', { cooperative_id: lea.cooperative_id, code: 'DUO-ATELIER', name: 'Atelier à deux', members: [me, acc] });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const act = r.body.id;
  r = await member.json('POST', '/api/v1/expenses', { activity_id: act, kind: 'expense', title: 'Salon', lines: [{ date: '2026-11-02', category: 'travel', amount_cents: 4820, vat_cents: 0 }] });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const exp = r.body.id;
  const c = await member.json('POST', '/api/v1/clients', { activity_id: act, kind: 'individual', name: 'Jeanne Client', address: '3 rue Haute, 29000 Quimper' });
  r = await member.json('POST', '/api/v1/invoices', { activity_id: act, client_id: c.body.id, title: 'Atelier', lines: [{ description: 'Atelier', quantity: '1', unit_price_cents: 5000, vat_bp: 2000 }] });
  const inv = r.body.id;
  const edit = `/economy/activities/${act}/edit`;
  const remove = `/economy/activities/${act}/members/${me}/remove`;
  const members = () => Number(sql(`SELECT count(*) FROM activity_members WHERE activity_id = ${act}`));
  r = await post(accountant, edit, remove, {});
  assert.equal(r.status, 409);
  assert.match(await r.text(), /a encore des notes de frais non soldées dans cette activité/);
  assert.equal(members(), 2);
  // the English page says it too
  r = await accountant.fetch(remove, { method: 'POST', body: new URLSearchParams({ csrf_token: await token(accountant, edit) }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' } });
  assert.equal(r.status, 409);
  // submitted, then validated but not reimbursed: still refused
  assert.equal((await member.json('POST', `/api/v1/expenses/${exp}/submit`, {})).status, 200);
  assert.equal((await post(accountant, edit, remove, {})).status, 409);
  assert.equal((await accountant.json('POST', `/api/v1/expenses/${exp}/validate`, { date: '2026-11-03' })).status, 200);
  assert.equal((await post(accountant, edit, remove, {})).status, 409);
  assert.equal(members(), 2);
  // reimbursed: the member goes; their draft invoice stays theirs, the other member carries on
  assert.equal((await accountant.json('POST', `/api/v1/expenses/${exp}/pay`, { date: '2026-11-30' })).status, 200); // after the bank journal's last entry
  r = await post(accountant, edit, remove, {});
  assert.equal(r.status, 303);
  assert.equal(members(), 1);
  assert.equal(Number(sql(`SELECT created_by FROM sales_documents WHERE id = ${inv}`)), me);
  assert.equal((await member.json('GET', `/api/v1/invoices/${inv}`)).status, 404);
  assert.equal((await accountant.json('POST', `/api/v1/invoices/${inv}/validate`, {})).status, 200);
});
