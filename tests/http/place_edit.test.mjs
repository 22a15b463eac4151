// place_edit.test.mjs — editing places and resources after creation:
// PATCH /api/v1/places/{id} (partial), PUT …/hours, DELETE of an exception
// or a closure, PATCH and DELETE /api/v1/resources/{id}, DELETE of a place;
// each error names its field and writes nothing; a member who does not
// manage the place is refused; availability answers each edit at once;
// the management page's forms (CSRF, errors in French next to the field).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, testDay } from '../lib/server.mjs';

let srv, admin, member, outsider;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
  outsider = await srv.login('compta@bigre.coop');
});
after(async () => { await srv.stop(); });
const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();

// "YYYY-MM-DD" n days from the tests' today (Paris), and the weekday (1 Monday … 7) of it.
const day = testDay;
const isoWeekday = (d) => ((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

// A place of cooperative 1 open every day 08:00–20:00 (UTC, to count
// hours simply), with a room of capacity 3.
async function newPlace() {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: `Édition ${Math.random()}`, owner_type: 'cooperative', owner_id: 1, city: 'Bordeaux', territory: 'Gironde', timezone: 'UTC', hours });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const r = await admin.json('POST', `/api/v1/places/${p.body.id}/resources`, { name: 'Salle', kind: 'meeting_room', capacity: 3, max_duration_min: 600 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { place: p.body.id, room: r.body.id };
}

// The free hours of a resource on a day, as availability answers them.
async function freeHours(place, resource, d) {
  const a = await member.json('GET', `/api/v1/places/${place}/availability?from=${d}&to=${d}`);
  assert.equal(a.status, 200, JSON.stringify(a.body));
  const r = a.body.resources.find((x) => x.resource_id === resource);
  return (r ? r.free : []).reduce((s, f) => s + (Date.parse(f.ends_at) - Date.parse(f.starts_at)) / 3600000, 0);
}

test('PATCH a place: partial, validated as at creation naming the field, nothing written on error, managers only', async () => {
  const { place } = await newPlace();
  const before = sql(`SELECT name || '|' || city || '|' || timezone FROM places WHERE id = ${place}`);
  for (const [body, field] of [[{ name: '' }, 'name'], [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ offer_minutes: 2 }, 'offer_minutes'], [{ cancel_deadline_min: -1 }, 'cancel_deadline_min'],
    [{ checkin_release_min: 5000 }, 'checkin_release_min'], [{ restricted: 'yes' }, 'restricted'],
    [{ city: 'Pessac', latitude: 95, longitude: 0 }, 'latitude'], [{ name: 'x'.repeat(201) }, 'name'],
    [{ city: 'Pessac', offer_minutes: 0 }, 'offer_minutes']]) {
    const r = await admin.json('PATCH', `/api/v1/places/${place}`, body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.error.field, field, JSON.stringify(r.body));
  }
  assert.equal(sql(`SELECT name || '|' || city || '|' || timezone FROM places WHERE id = ${place}`), before);
  // a member who does not manage it: 403; nothing written
  assert.equal((await member.json('PATCH', `/api/v1/places/${place}`, { name: 'Pris' })).status, 403);
  assert.equal(sql(`SELECT name || '|' || city || '|' || timezone FROM places WHERE id = ${place}`), before);
  const r = await admin.json('PATCH', `/api/v1/places/${place}`, { name: 'La Fabrique', city: 'Pessac', postcode: '33600', timezone: 'Europe/Paris', restricted: true, offer_minutes: 30, accessibility: 'Rampe à l’entrée', latitude: 44.8, longitude: -0.63 });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.name, 'La Fabrique');
  assert.equal(r.body.city, 'Pessac');
  assert.equal(r.body.territory, 'Gironde', 'fields not given stay');
  assert.equal(r.body.restricted, true);
  assert.equal(r.body.latitude, 44.8);
  assert.equal(sql(`SELECT offer_minutes || '|' || timezone || '|' || accessibility FROM places WHERE id = ${place}`), '30|Europe/Paris|Rampe à l’entrée');
  const audit = JSON.parse(sql(`SELECT json_object('b', json(before), 'a', json(after)) FROM audit_log WHERE entity = 'place' AND entity_id = ${place} AND action = 'update'`));
  assert.match(audit.b.name, /^Édition/);
  assert.equal(audit.a.name, 'La Fabrique');
  // the owner does not change through PATCH
  await admin.json('PATCH', `/api/v1/places/${place}`, { owner_id: 2, name: 'La Fabrique' });
  assert.equal(sql(`SELECT owner_id FROM places WHERE id = ${place}`), '1');
});

test('PUT the weekly hours: several ranges a day, validated, availability changes at once', async () => {
  const { place, room } = await newPlace();
  const d = day(3);
  const wd = isoWeekday(d);
  assert.equal(await freeHours(place, room, d), 12);
  const two = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [{ weekday, opens: '09:00', closes: '12:00' }, { weekday, opens: '14:00', closes: '18:30' }]);
  for (const [hours, code] of [
    [[{ weekday: wd, opens: '09:00', closes: '12:00' }, { weekday: wd, opens: '11:00', closes: '13:00' }], 'overlapping_hours'],
    [[{ weekday: wd, opens: '12:00', closes: '09:00' }], 'invalid_hours'],
    [[{ weekday: 8, opens: '09:00', closes: '12:00' }], 'invalid_weekday'],
    [[{ weekday: wd, opens: '09:00', closes: '24:30' }], 'invalid_hours'],
    [[{ weekday: wd, opens: '9h', closes: '12:00' }], 'invalid_hours'],
    [undefined, 'missing_field']]) {
    const r = await admin.json('PUT', `/api/v1/places/${place}/hours`, hours ? { hours } : {});
    assert.equal(r.status, 400, JSON.stringify(hours));
    assert.equal(r.body.error.code, code);
    assert.equal(r.body.error.field, 'hours');
  }
  assert.equal((await member.json('PUT', `/api/v1/places/${place}/hours`, { hours: two })).status, 403);
  assert.equal(sql(`SELECT count(*) FROM place_hours WHERE place_id = ${place}`), '7');
  assert.equal(await freeHours(place, room, d), 12);
  const r = await admin.json('PUT', `/api/v1/places/${place}/hours`, { hours: two });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.hours.length, 14);
  assert.deepEqual(r.body.hours[1], { weekday: 1, opens: '14:00', closes: '18:30' });
  assert.equal(await freeHours(place, room, d), 7.5);
  // 24:00 closes the day; an empty list closes the week
  assert.equal((await admin.json('PUT', `/api/v1/places/${place}/hours`, { hours: [{ weekday: wd, opens: '00:00', closes: '24:00' }] })).status, 200);
  assert.equal(await freeHours(place, room, d), 24);
  assert.equal((await admin.json('PUT', `/api/v1/places/${place}/hours`, { hours: [] })).status, 200);
  assert.equal(await freeHours(place, room, d), 0);
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE entity = 'place' AND entity_id = ${place} AND action = 'hours' AND before IS NOT NULL AND after IS NOT NULL`), '3');
});

test('DELETE an exception or a closure: listed with their ids, removed, availability back at once', async () => {
  const { place, room } = await newPlace();
  const d = day(4);
  let r = await admin.json('POST', `/api/v1/places/${place}/exceptions`, { day: d });
  assert.equal(r.status, 201);
  const eid = r.body.id;
  r = await admin.json('POST', `/api/v1/places/${place}/closures`, { first_day: day(6), last_day: day(7), reason: 'Travaux' });
  const cid = r.body.id;
  r = await member.json('GET', `/api/v1/places/${place}/hours`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.exceptions.map((e) => [e.id, e.day, e.closed]), [[eid, d, true]]);
  assert.deepEqual(r.body.closures.map((c) => [c.id, c.reason]), [[cid, 'Travaux']]);
  assert.equal(await freeHours(place, room, d), 0);
  assert.equal(await freeHours(place, room, day(6)), 0);
  // not the manager: 403; another place's id: 404; nothing removed
  assert.equal((await member.json('DELETE', `/api/v1/places/${place}/exceptions/${eid}`)).status, 403);
  const other = await newPlace();
  assert.equal((await admin.json('DELETE', `/api/v1/places/${other.place}/exceptions/${eid}`)).status, 404);
  assert.equal((await admin.json('DELETE', `/api/v1/places/${other.place}/closures/${cid}`)).status, 404);
  assert.equal(sql(`SELECT count(*) FROM place_exceptions WHERE id = ${eid}`), '1');
  assert.equal((await admin.json('DELETE', `/api/v1/places/${place}/exceptions/${eid}`)).status, 204);
  assert.equal(await freeHours(place, room, d), 12);
  assert.equal((await admin.json('DELETE', `/api/v1/places/${place}/closures/${cid}`)).status, 204);
  assert.equal(await freeHours(place, room, day(6)), 12);
  assert.equal((await admin.json('DELETE', `/api/v1/places/${place}/closures/${cid}`)).status, 404);
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE entity IN ('place_exception', 'place_closure') AND action = 'delete' AND entity_id IN (${eid}, ${cid}) AND before IS NOT NULL`), '2');
});

test('exceptions to come: from yesterday in Paris on (at 00:30 on 1 January, yesterday is 31 December, not 30)', async () => {
  const { place } = await newPlace();
  sql(`INSERT INTO place_exceptions(place_id, day) VALUES (${place}, '${day(-2)}'), (${place}, '${day(-1)}')`);
  const r = await member.json('GET', `/api/v1/places/${place}/hours`);
  assert.deepEqual(r.body.exceptions.map((e) => e.day), [day(-1)]);
  const page = await (await admin.fetch(`/places/${place}/manage`)).text();
  assert.ok(page.includes(`Fermé le ${day(-1)}`) && !page.includes(`Fermé le ${day(-2)}`), 'the page lists the same');
});

test('PATCH a resource: validated naming the field, parent rules, capacity below the bookings to come refused with the clash', async () => {
  const { place, room } = await newPlace();
  const desk = (await admin.json('POST', `/api/v1/places/${place}/resources`, { name: 'Poste', kind: 'desk', parent_id: room })).body.id;
  const d = day(5);
  const book = (who, from, to) => who.json('POST', '/api/v1/bookings', { resource_id: room, starts_at: `${d}T${from}:00Z`, ends_at: `${d}T${to}:00Z` });
  assert.equal((await book(member, '09:00', '11:00')).status, 201);
  assert.equal((await book(admin, '10:00', '12:00')).status, 201);
  const other = await newPlace();
  for (const [body, field, status] of [[{ name: '' }, 'name', 400], [{ kind: 'boat' }, 'kind', 400], [{ capacity: 0 }, 'capacity', 400],
    [{ buffer_min: 500 }, 'buffer_min', 400], [{ max_duration_min: 5 }, 'max_duration_min', 400], [{ min_notice_min: -5 }, 'min_notice_min', 400],
    [{ parent_id: room }, 'parent_id', 400], [{ parent_id: desk }, 'parent_id', 400], [{ parent_id: other.room }, 'parent_id', 400],
    [{ parent_id: 'x' }, 'parent_id', 400], [{ needs_approval: 3 }, 'needs_approval', 400], [{ capacity: 1, name: 'Petite' }, 'capacity', 409]]) {
    const r = await admin.json('PATCH', `/api/v1/resources/${room}`, body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal(r.body.error.field, field, JSON.stringify(r.body));
  }
  const clash = (await admin.json('PATCH', `/api/v1/resources/${room}`, { capacity: 1 })).body.error;
  assert.equal(clash.code, 'capacity_below_bookings');
  assert.deepEqual([clash.clash.resource_id, clash.clash.starts_at, clash.clash.ends_at], [room, `${d}T10:00:00Z`, `${d}T11:00:00Z`]);
  assert.equal(sql(`SELECT name || '|' || capacity FROM resources WHERE id = ${room}`), 'Salle|3');
  assert.equal((await member.json('PATCH', `/api/v1/resources/${room}`, { name: 'Pris' })).status, 403);
  // capacity 2 holds both: the room is then full 10:00–11:00
  assert.equal(await freeHours(place, room, d), 12);
  let r = await admin.json('PATCH', `/api/v1/resources/${room}`, { capacity: 2, name: 'Grande salle', kind: 'workshop', needs_approval: true });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.name, r.body.kind, r.body.capacity, r.body.needs_approval], ['Grande salle', 'workshop', 2, true]);
  assert.equal(await freeHours(place, room, d), 11);
  // the desk leaves the room: the room's bookings no longer block it
  assert.equal(await freeHours(place, desk, d), 9);
  r = await admin.json('PATCH', `/api/v1/resources/${desk}`, { parent_id: null });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.parent_id, 0);
  assert.equal(await freeHours(place, desk, d), 12);
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE entity = 'resource' AND entity_id IN (${room}, ${desk}) AND action = 'update' AND before IS NOT NULL`), '2');
});

test('DELETE a resource or a place: refused with the count of bookings to come, unless cancel_bookings=1 (bookers mailed)', async () => {
  const { place, room } = await newPlace();
  const desk = (await admin.json('POST', `/api/v1/places/${place}/resources`, { name: 'Poste', kind: 'desk', parent_id: room })).body.id;
  const d = day(6);
  const b = await member.json('POST', '/api/v1/bookings', { resource_id: desk, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T10:00:00Z` });
  assert.equal(b.status, 201, JSON.stringify(b.body));
  let r = await admin.json('DELETE', `/api/v1/resources/${room}`);
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'has_children');
  r = await admin.json('DELETE', `/api/v1/resources/${desk}`);
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'bookings_to_come');
  assert.equal(r.body.error.field, 'cancel_bookings');
  assert.equal(r.body.error.remaining, 1);
  assert.equal((await member.json('DELETE', `/api/v1/resources/${desk}?cancel_bookings=1`)).status, 403);
  assert.equal(sql(`SELECT archived FROM resources WHERE id = ${desk}`), '0');
  assert.equal(sql(`SELECT status FROM bookings WHERE id = ${b.body.id}`), 'confirmed');
  assert.equal(await freeHours(place, room, d), 11);
  r = await admin.json('DELETE', `/api/v1/resources/${desk}?cancel_bookings=1`);
  assert.equal(r.status, 204, JSON.stringify(r.body));
  assert.equal(sql(`SELECT status FROM bookings WHERE id = ${b.body.id}`), 'cancelled');
  await srv.waitForMail((m) => m.to === 'membre@bigre.coop' && /annulée|cancelled/i.test(m.subject));
  assert.equal(await freeHours(place, room, d), 12);
  r = await member.json('GET', `/api/v1/places/${place}/resources`);
  assert.deepEqual(r.body.resources.map((x) => x.id), [room]);
  // the place
  const b2 = await member.json('POST', '/api/v1/bookings', { resource_id: room, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T10:00:00Z` });
  assert.equal(b2.status, 201);
  assert.equal((await outsider.json('DELETE', `/api/v1/places/${place}?cancel_bookings=1`)).status, 403);
  r = await admin.json('DELETE', `/api/v1/places/${place}`);
  assert.equal(r.status, 409);
  assert.equal(r.body.error.remaining, 1);
  assert.equal(sql(`SELECT archived FROM places WHERE id = ${place}`), '0');
  r = await admin.json('DELETE', `/api/v1/places/${place}?cancel_bookings=1`);
  assert.equal(r.status, 204);
  assert.equal(sql(`SELECT status FROM bookings WHERE id = ${b2.body.id}`), 'cancelled');
  assert.equal((await member.json('GET', `/api/v1/places/${place}`)).status, 404);
  assert.equal((await member.json('GET', `/api/v1/places/${place}/availability?from=${d}&to=${d}`)).status, 404);
  assert.ok(!(await member.json('GET', '/api/v1/places')).body.places.some((p) => p.id === place));
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE entity = 'place' AND entity_id = ${place} AND action = 'archive' AND before IS NOT NULL`), '1');
});

const postForm = (client, path, fields, csrf = true) => srv.fetch(path, {
  method: 'POST', body: new URLSearchParams(csrf ? { csrf_token: client.csrf, ...fields } : fields),
  headers: { Cookie: client.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
});

test('the management page\'s forms: CSRF, errors in French next to the field with what was typed, managers only, saved', async () => {
  const { place, room } = await newPlace();
  const d = day(3);
  const wd = isoWeekday(d);
  let page = await (await admin.fetch(`/places/${place}/manage`)).text();
  for (const action of ['details', 'hours']) assert.match(page, new RegExp(`<form method="post" action="/places/${place}/${action}" novalidate><input type="hidden" name="csrf_token"`));
  assert.match(page, new RegExp(`action="/resources/${room}/edit"`));
  assert.match(page, new RegExp(`action="/places/${place}/archive"`));
  assert.equal((await member.fetch(`/places/${place}/manage`)).status, 403);
  // hours: no CSRF token, a member, a wrong line, an overlap — nothing written
  const hours = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((w) => [`h${w}`, '09:00-12:00, 14:00-18:00']));
  assert.equal((await postForm(admin, `/places/${place}/hours`, hours, false)).status, 403);
  assert.equal((await postForm(member, `/places/${place}/hours`, hours)).status, 403);
  let r = await postForm(admin, `/places/${place}/hours`, { ...hours, [`h${wd}`]: '9h-12h' });
  assert.equal(r.status, 422);
  page = await r.text();
  assert.match(page, new RegExp(`<p class="error" id="e-h${wd}">Écrivez des plages comme 09:00-12:30, 14:00-18:00\\.</p><input id="f-h${wd}" name="h${wd}" type="text" value="9h-12h"[^>]*aria-invalid="true"`));
  r = await postForm(admin, `/places/${place}/hours`, { ...hours, [`h${wd}`]: '09:00-12:00, 11:30-18:00' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), new RegExp(`id="e-h${wd}">Deux plages d’ouverture du même jour se chevauchent\\.`));
  assert.equal(sql(`SELECT count(*) FROM place_hours WHERE place_id = ${place}`), '7');
  assert.equal(await freeHours(place, room, d), 12);
  r = await postForm(admin, `/places/${place}/hours`, hours);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/places/${place}/manage?saved=hours#hours`);
  assert.equal(await freeHours(place, room, d), 7);
  // details
  const details = { name: 'Le Garage', address: '', postcode: '33800', city: 'Bordeaux', territory: 'Gironde', timezone: 'UTC', accessibility: '', cancel_deadline_min: '60', checkin_release_min: '0', offer_minutes: '90', restricted: '1' };
  r = await postForm(admin, `/places/${place}/details`, { ...details, offer_minutes: 'beaucoup' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /<p class="error" id="e-offer_minutes">Indiquez un nombre entier\.<\/p><input id="f-offer_minutes" name="offer_minutes" type="number" value="beaucoup"/);
  r = await postForm(admin, `/places/${place}/details`, { ...details, timezone: 'Lune/Tranquillité' });
  assert.equal(r.status, 422);
  page = await r.text();
  assert.match(page, /id="e-timezone">Fuseau horaire inconnu\./);
  assert.match(page, /id="f-name" name="name" type="text" value="Le Garage"/);
  assert.match(sql(`SELECT name FROM places WHERE id = ${place}`), /^Édition/);
  assert.equal((await postForm(member, `/places/${place}/details`, details)).status, 403);
  r = await postForm(admin, `/places/${place}/details`, details);
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT name || '|' || restricted || '|' || offer_minutes FROM places WHERE id = ${place}`), 'Le Garage|1|90');
  // a resource: capacity below the bookings to come comes back with 409 next to the field
  assert.equal((await member.json('POST', '/api/v1/bookings', { resource_id: room, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T11:00:00Z` })).status, 201);
  assert.equal((await admin.json('POST', '/api/v1/bookings', { resource_id: room, starts_at: `${d}T10:00:00Z`, ends_at: `${d}T11:00:00Z` })).status, 201);
  const res = { name: 'Salle', kind: 'meeting_room', capacity: '1', parent_id: '0', min_notice_min: '0', max_duration_min: '600', buffer_min: '0' };
  r = await postForm(admin, `/resources/${room}/edit`, res);
  assert.equal(r.status, 409);
  page = await r.text();
  assert.match(page, new RegExp(`<details id="resource-${room}" open>`));
  assert.match(page, new RegExp(`id="e-r${room}-capacity">Plus de réservations à venir se chevauchent`));
  assert.equal((await postForm(member, `/resources/${room}/edit`, { ...res, capacity: '5' })).status, 403);
  r = await postForm(admin, `/resources/${room}/edit`, { ...res, capacity: '2', name: 'Salle bleue' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT name || '|' || capacity FROM resources WHERE id = ${room}`), 'Salle bleue|2');
  assert.equal(await freeHours(place, room, d), 6);
  // archiving: refused while bookings are to come, then with their cancellation
  r = await postForm(admin, `/resources/${room}/archive`, {});
  assert.equal(r.status, 409);
  assert.match(await r.text(), /Il reste des réservations à venir/);
  assert.equal((await postForm(member, `/places/${place}/archive`, { cancel_bookings: '1' })).status, 403);
  r = await postForm(admin, `/places/${place}/archive`, { cancel_bookings: '1' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/places');
  assert.equal(sql(`SELECT archived FROM places WHERE id = ${place}`), '1');
  assert.equal(sql(`SELECT count(*) FROM bookings WHERE resource_id = ${room} AND status = 'cancelled'`), '2');
  assert.equal((await admin.fetch(`/places/${place}/manage`)).status, 404);
});

test('the management page removes an exception or a closure with a button (POST, CSRF)', async () => {
  const { place, room } = await newPlace();
  const d = day(4);
  const eid = (await admin.json('POST', `/api/v1/places/${place}/exceptions`, { day: d, opens: '10:00', closes: '12:00' })).body.id;
  const cid = (await admin.json('POST', `/api/v1/places/${place}/closures`, { first_day: day(8), last_day: day(9) })).body.id;
  const page = await (await admin.fetch(`/places/${place}/manage`)).text();
  assert.match(page, new RegExp(`Le ${d} : ouvert 10:00-12:00 <form method="post" action="/places/${place}/exceptions/${eid}/delete"`));
  assert.match(page, new RegExp(`Fermé du ${day(8)} au ${day(9)} <form method="post" action="/places/${place}/closures/${cid}/delete"`));
  assert.equal(await freeHours(place, room, d), 2);
  assert.equal((await postForm(admin, `/places/${place}/exceptions/${eid}/delete`, {}, false)).status, 403);
  assert.equal((await postForm(member, `/places/${place}/exceptions/${eid}/delete`, {})).status, 403);
  let r = await postForm(admin, `/places/${place}/exceptions/${eid}/delete`, {});
  assert.equal(r.status, 303);
  assert.equal(await freeHours(place, room, d), 12);
  r = await postForm(admin, `/places/${place}/closures/${cid}/delete`, {});
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT count(*) FROM place_closures WHERE id = ${cid}`), '0');
  assert.equal((await postForm(admin, `/places/${place}/closures/${cid}/delete`, {})).status, 404);
});

test('the management page adds an exception or a closure: errors next to the field, availability at once', async () => {
  const { place, room } = await newPlace();
  const d = day(5);
  assert.equal((await postForm(admin, `/places/${place}/exceptions`, { day: d, opens: '10:00', closes: '12:00' }, false)).status, 403);
  assert.equal((await postForm(member, `/places/${place}/exceptions`, { day: d, opens: '10:00', closes: '12:00' })).status, 403);
  let r = await postForm(admin, `/places/${place}/exceptions`, { day: d, opens: '10h', closes: '12:00' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /<p class="error" id="e-x-opens">Indiquez une heure comme 09:30\.<\/p>/);
  r = await postForm(admin, `/places/${place}/exceptions`, { day: d, opens: '12:00', closes: '10:00' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-x-closes">/);
  r = await postForm(admin, `/places/${place}/exceptions`, { day: '31/02', opens: '', closes: '' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-x-day">[^<]+<\/p><input id="f-x-day" name="day" type="date" value="31\/02"/);
  assert.equal(sql(`SELECT count(*) FROM place_exceptions WHERE place_id = ${place}`), '0');
  r = await postForm(admin, `/places/${place}/exceptions`, { day: d, opens: '10:00', closes: '12:00' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/places/${place}/manage?saved=rule#exceptions`);
  assert.equal(await freeHours(place, room, d), 2);
  r = await postForm(admin, `/places/${place}/closures`, { first_day: day(9), last_day: day(8), reason: '' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-c-last_day">/);
  r = await postForm(admin, `/places/${place}/closures`, { first_day: d, last_day: day(6), reason: 'Travaux' });
  assert.equal(r.status, 303);
  assert.equal(await freeHours(place, room, d), 0);
  const page = await (await admin.fetch(`/places/${place}/manage?saved=rule`)).text();
  assert.match(page, /Ajouté\./);
  assert.match(page, new RegExp(`Fermé du ${d} au ${day(6)} \\(Travaux\\)`));
});
