// hospitality_more.test.mjs — the second pass of hospitality: the hosts'
// daily digest preference, documents attached to welcome-path steps (type
// checked on the bytes, seen only by those who follow the newcomer,
// audited), a place's photo (ETag, alt text), the orientation mail to the
// receiving cooperative's hosts, the places grouped by department and the
// month of free slots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, testDay } from '../lib/server.mjs';
import { makePng } from '../lib/png.mjs';

let srv, admin, member, hostc;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
  hostc = await srv.login('accueil@bigre.coop');
});
after(async () => { await srv.stop(); });
const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

// Posts a multipart form as a logged-in client (the CSRF token in the form).
async function postForm(client, path, fields, files = {}) {
  const fd = new FormData();
  fd.append('csrf_token', client.csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [k, [name, type, bytes]] of Object.entries(files)) fd.append(k, new Blob([bytes], { type }), name);
  return srv.fetch(path, { method: 'POST', body: fd, headers: { Cookie: client.cookie } });
}

test('the daily digest: asked for and stopped on the hosts\' dashboard, audited', async () => {
  let page = await (await hostc.fetch('/hosts')).text();
  assert.match(page, /name="wants" value="1"/);
  let r = await postForm(hostc, '/hosts/digest', { wants: '1' });
  assert.equal(r.status, 303);
  page = await (await hostc.fetch('/hosts')).text();
  assert.match(page, /name="wants" value="0"/, 'the button now stops it');
  assert.match(page, /chaque matin/);
  // without the CSRF token: refused, nothing changes
  const fd = new FormData(); fd.append('wants', '0');
  r = await srv.fetch('/hosts/digest', { method: 'POST', body: fd, headers: { Cookie: hostc.cookie } });
  assert.equal(r.status, 403);
  page = await (await hostc.fetch('/hosts')).text();
  assert.match(page, /name="wants" value="0"/);
  r = await postForm(hostc, '/hosts/digest', { wants: '0' });
  assert.equal(r.status, 303);
  page = await (await hostc.fetch('/hosts')).text();
  assert.match(page, /name="wants" value="1"/);
  assert.equal(sql(`SELECT wants FROM host_digest_prefs WHERE person_id = ${hostc.person.id}`), '0');
  assert.equal(sql(`SELECT group_concat(after, ' ') FROM audit_log WHERE entity = 'host_digest' AND actor_id = ${hostc.person.id}`),
    '{"wants":true} {"wants":false}');
});

test('documents on welcome-path steps: sent with a step, type checked on the bytes, downloadable only by the hosts, audited', async () => {
  const n = await hostc.json('POST', '/api/v1/newcomers', { cooperative_id: 1, name: 'Léa Documents', email: 'lea.documents@example.org', consent: true });
  assert.equal(n.status, 201, JSON.stringify(n.body));
  const id = n.body.id;
  // the page: a step with a PDF
  let r = await postForm(hostc, `/newcomers/${id}/steps`, { code: 'welcome_interview', notes: 'CV joint' },
    { document: ['cv léa.pdf', 'application/pdf', PDF] });
  assert.equal(r.status, 303, await r.text());
  let rec = (await hostc.json('GET', `/api/v1/newcomers/${id}`)).body;
  const step = rec.steps.find((s) => s.code === 'welcome_interview');
  assert.equal(step.documents.length, 1);
  assert.equal(step.documents[0].filename, 'cv léa.pdf');
  assert.equal(step.documents[0].content_type, 'application/pdf');
  const url = step.documents[0].url;
  const page = await (await hostc.fetch(`/newcomers/${id}`)).text();
  assert.ok(page.includes(`href="${url}"`), 'the history links the document');
  // download: the same bytes, as an attachment
  const dl = await hostc.fetch(url);
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('content-type'), 'application/pdf');
  assert.match(dl.headers.get('content-disposition'), /^attachment; filename="cv l_+a\.pdf"; filename\*=UTF-8''cv%20l%C3%A9a\.pdf$/);
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), PDF);
  // a member who does not follow newcomers: no
  assert.ok([403, 404].includes((await member.fetch(url)).status));
  assert.equal((await srv.fetch(url)).status, 401);
  // a text file named .pdf and declared as a PDF: refused next to the field, and the step is not recorded
  const before = rec.steps.length;
  r = await postForm(hostc, `/newcomers/${id}/steps`, { code: 'diagnostic' },
    { document: ['faux.pdf', 'application/pdf', Buffer.from('just text, not a PDF')] });
  assert.equal(r.status, 422);
  const html = await r.text();
  assert.match(html, /id="e-document"[^>]*>Un document est un fichier PDF, JPEG ou PNG\./);
  assert.match(html, /aria-invalid="true"/);
  rec = (await hostc.json('GET', `/api/v1/newcomers/${id}`)).body;
  assert.equal(rec.steps.length, before, 'nothing half-written');
  // the API: a PNG on the same step
  const fd = new FormData();
  fd.append('step_id', String(step.id));
  fd.append('document', new Blob([makePng(2, 2, [200, 10, 10])], { type: 'image/png' }), 'scan.png');
  r = await srv.fetch(`/api/v1/newcomers/${id}/documents`, { method: 'POST', body: fd, headers: { Cookie: hostc.cookie, 'X-CSRF-Token': hostc.csrf } });
  assert.equal(r.status, 201);
  const doc = await r.json();
  assert.equal(doc.content_type, 'image/png');
  assert.equal(doc.step_id, step.id);
  // two documents on a step: one per line (the <br> was once escaped into text)
  const two = await (await hostc.fetch(`/newcomers/${id}`)).text();
  assert.match(two, /<\/small><br><a class="document"/);
  assert.ok(!two.includes('&lt;br&gt;'), 'no markup shown as text');
  // the API: a GIF, a missing file, another newcomer's step
  const bad = async (fields, file) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    if (file) f.append('document', new Blob([file[1]]), file[0]);
    const res = await srv.fetch(`/api/v1/newcomers/${id}/documents`, { method: 'POST', body: f, headers: { Cookie: hostc.cookie, 'X-CSRF-Token': hostc.csrf } });
    return { status: res.status, body: await res.json() };
  };
  let e = await bad({ step_id: String(step.id) }, ['a.gif', Buffer.from('GIF89a......')]);
  assert.equal(e.status, 400);
  assert.equal(e.body.error.code, 'unsupported_type');
  assert.equal(e.body.error.field, 'document');
  e = await bad({ step_id: String(step.id) });
  assert.equal(e.body.error.code, 'file_required');
  e = await bad({ step_id: '999999' }, ['a.pdf', PDF]);
  assert.equal(e.body.error.field, 'step_id');
  // audited: the two uploads and the one reading, by the host; the refused ones wrote nothing
  assert.equal(sql(`SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE entity = 'newcomer_document'
    AND actor_id = ${hostc.person.id} AND entity_id IN (SELECT id FROM newcomer_documents WHERE newcomer_id = ${id}) ORDER BY id)`), 'create,read,create');
  assert.equal(sql(`SELECT count(*) FROM newcomer_documents WHERE newcomer_id = ${id}`), '2');
});

test('a place\'s photo: uploaded on its management page, served with an ETag, shown with its alt text', async () => {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: 'Atelier Photo', owner_type: 'cooperative', owner_id: 1, postcode: '33000', city: 'Bordeaux', territory: 'Gironde', hours });
  assert.equal(p.status, 201);
  const id = p.body.id;
  assert.equal((await admin.fetch(`/places/${id}/manage`)).status, 200);
  assert.equal((await member.fetch(`/places/${id}/manage`)).status, 403, 'a member does not manage the place');
  assert.equal((await member.fetch(`/api/v1/places/${id}/photo`)).status, 404);
  // no alt text: refused next to the field
  const png = makePng(64, 40, [30, 120, 80]);
  let r = await postForm(admin, `/places/${id}/photo`, { alt: '' }, { photo: ['lieu.png', 'image/png', png] });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-alt"/);
  // a PDF as a photo: refused
  r = await postForm(admin, `/places/${id}/photo`, { alt: 'Façade' }, { photo: ['lieu.png', 'image/png', PDF] });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-photo"/);
  // a PNG over 512 KiB: refused with its own message
  const big = Buffer.concat([makePng(1, 1, [0, 0, 0]), Buffer.alloc(600 * 1024)]);
  r = await postForm(admin, `/places/${id}/photo`, { alt: 'Façade' }, { photo: ['grande.png', 'image/png', big] });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /La photo dépasse 512 Kio\./);
  // a member may not set it through the API either
  const fd = new FormData(); fd.append('alt', 'x'); fd.append('photo', new Blob([png]), 'x.png');
  r = await srv.fetch(`/api/v1/places/${id}/photo`, { method: 'POST', body: fd, headers: { Cookie: member.cookie, 'X-CSRF-Token': member.csrf } });
  assert.equal(r.status, 403);
  // the host of the owner's cooperative does
  r = await postForm(admin, `/places/${id}/photo`, { alt: 'La façade vitrée de l\'atelier' }, { photo: ['lieu.png', 'image/png', png] });
  assert.equal(r.status, 303);
  const ph = await member.fetch(`/api/v1/places/${id}/photo`);
  assert.equal(ph.status, 200);
  assert.equal(ph.headers.get('content-type'), 'image/png');
  assert.match(ph.headers.get('cache-control'), /max-age/);
  const etag = ph.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  assert.deepEqual(Buffer.from(await ph.arrayBuffer()), png);
  const again = await member.fetch(`/api/v1/places/${id}/photo`, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await srv.fetch(`/api/v1/places/${id}/photo`)).status, 401);
  // shown on the place page and in the list, with the alt text
  const alt = 'alt="La façade vitrée de l&#39;atelier"';
  const place = await (await member.fetch(`/places/${id}`)).text();
  assert.ok(place.includes(`src="/api/v1/places/${id}/photo"`) && place.includes(alt), 'photo on the place page');
  const list = await (await member.fetch('/places')).text();
  assert.ok(list.includes(`src="/api/v1/places/${id}/photo"`), 'photo in the list');
  // replaced: a new ETag
  r = await postForm(admin, `/places/${id}/photo`, { alt: 'Autre vue' }, { photo: ['b.png', 'image/png', makePng(8, 8, [0, 0, 200])] });
  assert.equal(r.status, 303);
  const ph2 = await member.fetch(`/api/v1/places/${id}/photo`, { headers: { 'If-None-Match': etag } });
  assert.equal(ph2.status, 200);
  assert.notEqual(ph2.headers.get('etag'), etag);
});

test('orientation: the receiving cooperative\'s hosts get a mail in their language with the link to the path', async () => {
  // the member becomes host of cooperative 3
  const g = await admin.json('POST', '/api/v1/roles', { person_id: member.person.id, role: 'host', scope: 'cooperative', scope_id: 3 });
  assert.equal(g.status, 201, JSON.stringify(g.body));
  const n = await hostc.json('POST', '/api/v1/newcomers', { cooperative_id: 1, name: 'Malik Orienté', email: 'malik.oriente@example.org', project: 'Menuiserie', consent: true });
  assert.equal(n.status, 201);
  const r = await hostc.json('POST', `/api/v1/newcomers/${n.body.id}/orientation`, { cooperative_id: 3, consent: true }, { 'Accept-Language': 'en' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const mail = await srv.waitForMail((m) => m.to === 'membre@bigre.coop' && /Malik Orienté/.test(m.subject));
  assert.match(mail.subject, /est orienté·e vers votre coopérative/, 'in the host\'s language (French), not the request\'s');
  assert.match(mail.text, /Menuiserie/);
  const link = mail.text.match(/https?:\/\/[^\s]+\/newcomers\/(\d+)/);
  assert.ok(link, mail.text);
  assert.equal(Number(link[1]), n.body.id);
  // the link opens the path for the receiving host
  const page = await member.fetch(`/newcomers/${n.body.id}`);
  assert.equal(page.status, 200);
  // nobody else was told: the sender's own cooperative hosts get nothing
  assert.ok(!srv.mails().some((m) => m.to === 'accueil@bigre.coop' && /Malik/.test(m.subject)));
});

test('the places list groups the places by department and city; the place page shows a month of free slots', async () => {
  const list = await (await member.fetch('/places')).text();
  assert.match(list, /<nav class="place-map" aria-label="Lieux par département">/);
  assert.match(list, /<span class="dep">33<\/span> <strong>Gironde<\/strong>/);
  assert.match(list, /<section class="department" id="dep-\d+" aria-labelledby="dep-\d+-h"><h2 id="dep-\d+-h">Gironde<\/h2>/);
  assert.match(list, /<h3>Bordeaux<\/h3>/);
  const places = (await member.json('GET', '/api/v1/places?territory=Gironde')).body.places;
  const ruche = places.find((p) => p.name.startsWith('La Ruche'));
  const now = new Date(`${testDay()}T12:00:00Z`); // today in Paris
  const ym = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const html = await (await member.fetch(`/places/${ruche.id}?view=month&day=${ym}-15`)).text();
  assert.match(html, /<table class="month"><caption>[a-zéû]+ \d{4}<\/caption>/);
  const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  assert.equal((html.match(/<a class="daynum" href=/g) ?? []).length, days, 'one cell per day of the month');
  // the next month: free days, Sundays closed (La Ruche is closed on Sundays)
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  const nh = await (await member.fetch(`/places/${ruche.id}?view=month&day=${next}`)).text();
  assert.match(nh, /libre\(s\), \d+ h/);
  assert.match(nh, /<span class="full">fermé<\/span>/);
  assert.match(html, /Mois suivant/);
  assert.match(html, /aria-current="page">un mois/);
  // previous month link
  const prev = html.match(/href="(\/places\/\d+\?view=month&amp;day=\d{4}-\d{2}-01#free)">← Mois précédent/);
  assert.ok(prev);
  assert.equal((await member.fetch(prev[1].replace('&amp;', '&'))).status, 200);
});
