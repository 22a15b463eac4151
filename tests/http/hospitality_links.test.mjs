// hospitality_links.test.mjs — links in the booking mails sent while
// answering a request: the offer of a slot freed by a cancellation, a move
// or a refusal, and the confirmation and refusal mails, carry an absolute
// link to /bookings on the server's public address (bigre serve
// --public-url), read from the mail folder, in the text and as a link in
// the HTML part.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, testDay } from '../lib/server.mjs';

const PUBLIC = 'https://bigre.example.org';
let srv, admin, member, hostc, compta;
before(async () => {
  srv = await startServer({ args: ['--public-url', `${PUBLIC}/`] });
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
  hostc = await srv.login('accueil@bigre.coop');
  compta = await srv.login('compta@bigre.coop');
});
after(async () => { await srv.stop(); });

// "YYYY-MM-DD" n days from the tests' today (Paris).
const day = testDay;

// A place open round the clock, owned by cooperative 1, with resources.
async function openPlace(...resources) {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: `Liens ${Math.random()}`, owner_type: 'cooperative', owner_id: 1, city: 'Bordeaux', territory: 'Gironde', hours });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const ids = [];
  for (const r of resources) {
    const x = await admin.json('POST', `/api/v1/places/${p.body.id}/resources`, { name: 'R', kind: 'workshop', max_duration_min: 600, ...r });
    assert.equal(x.status, 201, JSON.stringify(x.body));
    ids.push(x.body.id);
  }
  return ids;
}

// The mail's text names <public>/bookings on a line of its own, and its
// HTML part makes it a link.
function assertBookingsLink(mail) {
  assert.match(mail.text, /(^|\s)https:\/\/bigre\.example\.org\/bookings$/m, mail.text);
  assert.doesNotMatch(mail.raw, /127\.0\.0\.1/);
  const html = mail.parts.find((p) => p.type.startsWith('text/html')).text;
  assert.ok(html.includes(`<a href="${PUBLIC}/bookings">`), html);
}

const offerTo = (email) => (m) => m.to === email && /se libère|is free/.test(m.subject);

test('a slot freed by a cancellation is offered with an absolute link to /bookings', async () => {
  const [r] = await openPlace({});
  const slot = { resource_id: r, starts_at: `${day(6)}T09:00:00Z`, ends_at: `${day(6)}T10:00:00Z` };
  const a = await member.json('POST', '/api/v1/bookings', slot);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal((await hostc.json('POST', '/api/v1/waits', slot)).status, 201);
  assert.equal((await member.json('DELETE', `/api/v1/bookings/${a.body.id}`)).status, 204);
  assertBookingsLink(await srv.waitForMail(offerTo('accueil@bigre.coop')));
});

test('a slot freed by a move is offered with an absolute link to /bookings', async () => {
  const [r] = await openPlace({});
  const slot = { resource_id: r, starts_at: `${day(7)}T09:00:00Z`, ends_at: `${day(7)}T10:00:00Z` };
  const a = await member.json('POST', '/api/v1/bookings', slot);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal((await compta.json('POST', '/api/v1/waits', slot)).status, 201);
  const mv = await member.json('PATCH', `/api/v1/bookings/${a.body.id}`, { starts_at: `${day(7)}T14:00:00Z`, ends_at: `${day(7)}T15:00:00Z` });
  assert.equal(mv.status, 200, JSON.stringify(mv.body));
  assertBookingsLink(await srv.waitForMail(offerTo('compta@bigre.coop')));
});

test('approval and refusal mails link to /bookings; a refusal offers the slot with the same link', async () => {
  const [r] = await openPlace({ needs_approval: 1 });
  const hh = (h) => String(h).padStart(2, '0');
  const slot = (h) => ({ resource_id: r, starts_at: `${day(8)}T${hh(h)}:00:00Z`, ends_at: `${day(8)}T${hh(h + 1)}:00:00Z` });
  const a = await member.json('POST', '/api/v1/bookings', slot(9));
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal((await admin.json('POST', `/api/v1/bookings/${a.body.id}/approve`)).status, 200);
  const confirmed = await srv.waitForMail((m) => m.to === 'membre@bigre.coop' && /confirmée|confirmed/.test(m.subject));
  assertBookingsLink(confirmed);
  // refused from the hosts' page (a form): the booker is told, the one waiting is offered the slot
  const b = await member.json('POST', '/api/v1/bookings', slot(11));
  assert.equal(b.status, 201, JSON.stringify(b.body));
  assert.equal((await hostc.json('POST', '/api/v1/waits', slot(11))).status, 201);
  const page = await srv.fetch(`/bookings/${b.body.id}/refuse`, {
    method: 'POST', body: new URLSearchParams({ csrf_token: admin.csrf }),
    headers: { Cookie: admin.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(page.status, 303);
  assertBookingsLink(await srv.waitForMail((m) => m.to === 'membre@bigre.coop' && /refusée|refused/.test(m.subject)));
  assertBookingsLink(await srv.waitForMail(offerTo('accueil@bigre.coop')));
});
