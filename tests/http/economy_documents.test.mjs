// economy_documents.test.mjs — the facts an invoice prints (issue 9): the
// seller's address has one source, the cooperative's record (the economic
// settings no longer hold a copy, neither on their page nor in the API);
// the 40 € recovery indemnity is printed for a company client only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, testDay } from '../lib/server.mjs';

// "Today" for the documents of this file (to be switched to the shared
// test clock once the server takes --now).
const today = () => testDay(0); // the group's today (Paris)

let srv, member, accountant, admin, lea, coop1;
before(async () => {
  srv = await startServer();
  member = await srv.login('membre@bigre.coop');
  accountant = await srv.login('compta@bigre.coop');
  admin = await srv.login('admin@bigre.coop');
  const acts = await member.json('GET', '/api/v1/activities');
  lea = acts.body.activities.find((a) => a.code === 'LEA-GRAPH');
  coop1 = lea.cooperative_id;
});
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();

// A validated invoice of one line to a new client of this kind; its PDF's text, spaces folded.
async function invoiceText(kind) {
  const c = await member.json('POST', '/api/v1/clients', {
    activity_id: lea.id, kind, name: kind === 'company' ? 'Atelier Ébène' : 'Paul Roux',
    ...(kind === 'company' ? { siren: '552120222' } : {}), address: '1 place Bellecour, 69002 Lyon',
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const d = await member.json('POST', '/api/v1/invoices', {
    activity_id: lea.id, client_id: c.body.id, title: 'Affiche',
    lines: [{ description: 'Affiche A2', quantity: '1', unit_price_cents: 40000, vat_bp: 2000 }],
  });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const v = await accountant.json('POST', `/api/v1/invoices/${d.body.id}/validate`, { date: today() });
  assert.equal(v.status, 200, JSON.stringify(v.body));
  const pdf = Buffer.from(await (await member.fetch(`/api/v1/invoices/${d.body.id}/pdf`)).arrayBuffer());
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString().replace(/\s+/g, ' ');
}

test("the seller's address is the cooperative's: changed there, the next invoice shows it", async () => {
  const page = await (await admin.fetch(`/economy/settings?cooperative_id=${coop1}`)).text();
  assert.doesNotMatch(page, /name="address"/, 'the settings page edits no second copy');
  assert.match(page, new RegExp(`href="/admin/cooperatives/${coop1}"`));
  const settings = await admin.json('GET', `/api/v1/economy/settings?cooperative_id=${coop1}`);
  assert.equal(settings.status, 200);
  assert.equal(settings.body.address, undefined);
  assert.equal(sql("SELECT count(*) FROM pragma_table_info('economy_settings') WHERE name = 'address'"), '0');

  const coop = (await admin.json('GET', `/api/v1/cooperatives/${coop1}`)).body;
  let text = await invoiceText('company');
  assert.ok(text.includes(coop.address), `the cooperative's address ${coop.address}: ${text.slice(0, 300)}`);
  const r = await admin.json('PATCH', `/api/v1/cooperatives/${coop1}`, { address: '5 quai des Chartrons', postcode: '33000', commune: 'Bordeaux' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  text = await invoiceText('company');
  assert.ok(text.includes('5 quai des Chartrons') && text.includes('33000 Bordeaux'), text.slice(0, 300));
  assert.ok(!text.includes(coop.address));
});

test('the 40 € recovery indemnity is for professionals; a private person is told of the legal interest', async () => {
  let text = await invoiceText('company');
  assert.match(text, /pénalités au taux annuel de [\d,]+ %/);
  assert.match(text, /frais de recouvrement de 40 €/);
  text = await invoiceText('individual');
  assert.doesNotMatch(text, /40 €/);
  assert.doesNotMatch(text, /recouvrement/);
  assert.match(text, /intérêts au taux légal sont dus \(art\. 1231-6 du Code civil\)/);
});
