// economy_pages.test.mjs — the second pass of the economy over HTTP: receipts
// uploaded from the expense form (multipart, checked by their bytes, nothing
// written on error), the accountants' pages, partial credit notes and refunds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';

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
