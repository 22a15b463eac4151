// booking_check_in.test.mjs — "Check in" is offered on "My bookings" only
// while check-in is open (from 15 minutes before the start until the end),
// the same rule the check-in itself follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, testNow } from '../lib/server.mjs';

// The one source of "now" for this file (the clock may become settable).
const now = () => testNow().getTime(); // the tests' clock, as the server's
// An ISO instant `minutes` from now, on a whole minute.
const inMinutes = (minutes) => new Date(Math.ceil(now() / 60000) * 60000 + minutes * 60000).toISOString().replace(/\.\d+Z$/, 'Z');

let srv, admin, member;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
});
after(async () => { await srv.stop(); });

// A place open round the clock that releases bookings without check-in.
async function openPlace() {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: `Arrivée ${Math.random()}`, owner_type: 'cooperative', owner_id: 1, city: 'Bordeaux', territory: 'Gironde', hours, checkin_release_min: 30 });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const r = await admin.json('POST', `/api/v1/places/${p.body.id}/resources`, { name: 'R', kind: 'desk', max_duration_min: 600 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

// The row of "My bookings" that holds the booking's actions.
async function bookingRow(id) {
  const html = await (await member.fetch('/bookings')).text();
  const row = html.split('<tr>').find((r) => r.includes(`/bookings/${id}/move`));
  assert.ok(row, 'the booking is listed');
  return row;
}

test('a booking two weeks away offers no check-in; one starting within 15 minutes does, and check-in works', async () => {
  const resource = await openPlace();
  const far = await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: inMinutes(14 * 1440), ends_at: inMinutes(14 * 1440 + 60) });
  assert.equal(far.status, 201, JSON.stringify(far.body));
  assert.doesNotMatch(await bookingRow(far.body.id), /check-in/);
  assert.equal((await member.json('POST', `/api/v1/bookings/${far.body.id}/check-in`)).status, 409);
  const soon = await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: inMinutes(5), ends_at: inMinutes(65) });
  assert.equal(soon.status, 201, JSON.stringify(soon.body));
  assert.match(await bookingRow(soon.body.id), new RegExp(`action="/bookings/${soon.body.id}/check-in"`));
  const done = await member.fetch(`/bookings/${soon.body.id}/check-in`, { method: 'POST', body: new URLSearchParams({ csrf_token: member.csrf }) });
  assert.equal(done.status, 303);
  assert.doesNotMatch(await bookingRow(soon.body.id), /check-in/, 'checked in: offered no more');
});
