// forms.test.mjs — forms check every field at once and tell each field its
// own error, next to it (aria-invalid on the field): the registration to an
// information session and the price of an invoice line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fieldBlock, assertFieldError, assertFieldFine } from '../lib/forms.mjs';
import { startServer, testNow } from '../lib/server.mjs';

// The one source of "today" for this file (the clock may become settable).
const today = () => testNow(); // the tests' clock, as the server's
// "YYYY-MM-DD" n days from today (UTC).
const day = (n) => new Date(today().getTime() + n * 86400000).toISOString().slice(0, 10);

let srv, hostc, member;
before(async () => {
  srv = await startServer();
  hostc = await srv.login('accueil@bigre.coop');
  member = await srv.login('membre@bigre.coop');
  session = await newSession();
});
after(async () => { await srv.stop(); });

// Posts a form anonymously, with the double-submit CSRF cookie the form's
// page sets; returns { status, text }.
async function postAnonymous(page, action, fields) {
  const got = await srv.fetch(page);
  const html = await got.text();
  const cookie = got.headers.get('set-cookie').split(';')[0];
  const token = html.match(/name="csrf_token" value="([^"]+)"/)[1];
  const res = await srv.fetch(action, { method: 'POST', headers: { Cookie: cookie },
    body: new URLSearchParams({ csrf_token: token, ...fields }) });
  return { status: res.status, text: await res.text() };
}

let session;
// An online information session to register to.
async function newSession() {
  const s = await hostc.json('POST', '/api/v1/sessions', { cooperative_id: 1, title: 'Réunion des formulaires', online_url: 'https://visio.example.org/formulaires', starts_at: `${day(9)}T15:00:00Z`, ends_at: `${day(9)}T17:00:00Z`, capacity: 5 });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  return s.body.id;
}

// Posts the registration form with these fields.
const register = (fields) => postAnonymous(`/sessions/${session}/register`, `/sessions/${session}/register`, fields);

test('an empty registration form tells every field its own error at once', async () => {
  const r = await register({ name: '', email: '', phone: '', postcode: '' });
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'name', 'Votre nom est obligatoire.');
  assertFieldError(r.text, 'email', 'L&#39;adresse e-mail est obligatoire.');
  assertFieldError(r.text, 'postcode', 'Votre code postal est obligatoire.');
  assertFieldError(r.text, 'consent', 'Nous avons besoin de votre accord pour traiter vos données et vous inscrire.');
  assertFieldFine(r.text, 'phone');
});

test('a name too long, a postcode of 3 digits and a phone of letters each get the right message', async () => {
  const r = await register({ name: 'N'.repeat(500), email: 'jo@example.org', phone: 'abc', postcode: '123', consent: '1' });
  assert.equal(r.status, 422);
  assertFieldError(r.text, 'name', 'Trop long (200 caractères au plus).');
  assertFieldError(r.text, 'phone', 'Donnez un numéro de téléphone d&#39;au moins 10 chiffres (chiffres, espaces, points, + et parenthèses).');
  assertFieldError(r.text, 'postcode', 'Un code postal français a 5 chiffres.');
  assertFieldFine(r.text, 'email');
  assertFieldFine(r.text, 'consent');
  // a right phone and postcode pass
  const ok = await register({ name: 'Jo Formulaire', email: 'jo@example.org', phone: '+33 (0)5.56 00 00 00', postcode: '33000', consent: '1' });
  assert.equal(ok.status, 200, ok.text);
});

test('the optional phone is not required in the HTML; the others are', async () => {
  const html = await (await srv.fetch(`/sessions/${session}/register`)).text();
  assert.doesNotMatch(fieldBlock(html, 'phone'), /required/);
  assert.match(fieldBlock(html, 'name'), /required/);
  assert.match(fieldBlock(html, 'postcode'), /required/);
});

test('a price that is no amount says so; one past the maximum says the maximum', async () => {
  const acts = await member.json('GET', '/api/v1/activities');
  const act = acts.body.activities.find((a) => a.code === 'LEA-GRAPH');
  const clients = await (await member.fetch(`/economy/activities/${act.id}/invoices/new`)).text();
  const client = clients.match(/<option value="(\d+)"/)[1];
  const post = async (price) => {
    const res = await member.fetch(`/economy/activities/${act.id}/invoices/new`, { method: 'POST',
      body: new URLSearchParams({ csrf_token: member.csrf, client_id: client, title: 'Essai', 'lines[0].description': 'Affiche',
        'lines[0].quantity': '1', 'lines[0].unit_price_cents': price, 'lines[0].vat_bp': '2000' }) });
    return { status: res.status, text: await res.text() };
  };
  const abc = await post('abc');
  assert.equal(abc.status, 422);
  assertFieldError(abc.text, 'lines[0].unit_price_cents', 'Ce n&#39;est pas un montant : écrivez-le comme 1234,50 ou 1 234,50.');
  const huge = await post('999999999999999');
  assert.equal(huge.status, 422);
  assertFieldError(huge.text, 'lines[0].unit_price_cents', 'Trop grand : un montant est d’au plus 100 milliards d’euros.');
});

// A rule that refuses what was typed (BG_ERR_UNPROCESSABLE) is mended on
// the form, like wrong input: moving a booking outside the opening hours
// shows the form again, 422, the refusal next to the time (a regression of
// the pages' request skeleton, which once answered the error page).
test('a booking moved outside the opening hours gets the form again with the refusal next to the time', async () => {
  const admin = await srv.login('admin@bigre.coop');
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '19:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: 'Horaires du formulaire', owner_type: 'cooperative', owner_id: 1, city: 'Lyon', territory: 'Rhône', hours });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const r = await admin.json('POST', `/api/v1/places/${p.body.id}/resources`, { name: 'Salle', kind: 'meeting_room', max_duration_min: 240 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const b = await member.json('POST', '/api/v1/bookings', { resource_id: r.body.id, starts_at: `${day(6)}T09:00:00Z`, ends_at: `${day(6)}T10:00:00Z` });
  assert.equal(b.status, 201, JSON.stringify(b.body));
  const res = await member.fetch(`/bookings/${b.body.id}/move`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: member.csrf, day: day(6), starts_at: '23:00', ends_at: '23:30' }),
  });
  assert.equal(res.status, 422);
  assertFieldError(await res.text(), 'starts_at', 'Le lieu n&#39;est pas ouvert pendant tout ce créneau.');
});
