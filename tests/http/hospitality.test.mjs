// hospitality.test.mjs — places, bookings (no double booking under 60
// concurrent requests), series, quotas, waiting lists, bad input, public
// information sessions, registrations and their mail, calendar feeds,
// the welcome path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, testDay } from '../lib/server.mjs';

let srv, admin, member, hostc, others;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
  hostc = await srv.login('accueil@bigre.coop');
  others = [member, hostc, await srv.login('compta@bigre.coop'), await srv.login('accompagnement@bigre.coop'),
    await srv.login('associe@bigre.coop')];
});
after(async () => { await srv.stop(); });

// "YYYY-MM-DD" n days from the tests' today (Paris).
const day = testDay;
// The first weekday at least n days ahead, outside the demo's holiday closure.
function weekday(n) {
  for (let k = n; ; k++) {
    const d = new Date(`${testDay(k)}T12:00:00Z`);
    const md = d.toISOString().slice(5, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !(md >= '12-23' || md <= '01-02')) return d.toISOString().slice(0, 10);
  }
}

// A place open all week round the clock, owned by cooperative 1, with one resource.
async function openPlace(resource) {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: `Test ${Math.random()}`, owner_type: 'cooperative', owner_id: 1, city: 'Bordeaux', territory: 'Gironde', hours });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const r = await admin.json('POST', `/api/v1/places/${p.body.id}/resources`, { name: 'R', kind: 'desk', max_duration_min: 600, ...resource });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { place: p.body.id, resource: r.body.id };
}

test('members list places near Bordeaux, with their resources and free slots', async () => {
  const r = await member.json('GET', '/api/v1/places?territory=Gironde');
  assert.equal(r.status, 200);
  assert.ok(r.body.places.length >= 3);
  assert.ok(r.body.places.every((p) => p.territory === 'Gironde'));
  const ruche = r.body.places.find((p) => p.name.startsWith('La Ruche'));
  const res = await member.json('GET', `/api/v1/places/${ruche.id}/resources`);
  assert.equal(res.status, 200);
  const desk = res.body.resources.find((x) => x.name === 'Poste 1');
  assert.ok(desk.parent_id > 0, 'desks sit inside the shared space');
  const d = weekday(2);
  const a = await member.json('GET', `/api/v1/places/${ruche.id}/availability?from=${d}&to=${d}`);
  assert.equal(a.status, 200, JSON.stringify(a.body));
  const free = a.body.resources.find((x) => x.resource_id === desk.id).free;
  assert.ok(free.length >= 1);
  // opening hours 08:30–19:00 Paris time: 07:30–18:00Z in winter, 06:30–17:00Z in summer
  const summer = free[0].starts_at.slice(11, 16) === '06:30';
  assert.ok(free[0].starts_at >= `${d}T${summer ? '06' : '07'}:30:00Z`, free[0].starts_at);
  assert.ok(free.at(-1).ends_at <= `${d}T${summer ? '17' : '18'}:00:00Z`, free.at(-1).ends_at);
  // anonymous: no
  assert.equal((await srv.json('GET', '/api/v1/places')).status, 401);
});

test('60 concurrent requests for one slot: exactly the capacity succeeds, the rest get 409 with the clash', async () => {
  const { resource } = await openPlace({ capacity: 3 });
  const d = day(3);
  const body = { resource_id: resource, starts_at: `${d}T10:00:00Z`, ends_at: `${d}T11:00:00Z` };
  const results = await Promise.all(Array.from({ length: 60 }, (_, i) => others[i % others.length].json('POST', '/api/v1/bookings', body)));
  const ok = results.filter((r) => r.status === 201);
  const clash = results.filter((r) => r.status === 409);
  assert.equal(ok.length, 3, JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body)));
  assert.equal(clash.length, 57);
  for (const r of clash) {
    assert.equal(r.body.error.code, 'slot_taken');
    assert.equal(r.body.error.field, 'starts_at');
    assert.equal(r.body.error.clash.resource_id, resource);
    assert.equal(r.body.error.clash.starts_at, `${d}T10:00:00Z`);
  }
  // overlapping, and within the buffer: still taken
  const r = await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T10:30:00Z`, ends_at: `${d}T12:00:00Z` });
  assert.equal(r.status, 409);
});

test('capacity 2: bookings that follow each other count once; a third present at once gets 409 naming a clashing slot', async () => {
  const { place, resource } = await openPlace({ capacity: 2 });
  const d = day(5);
  const book = (who, from, to) => who.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T${from}:00Z`, ends_at: `${d}T${to}:00Z` });
  assert.equal((await book(member, '09:00', '10:00')).status, 201);
  assert.equal((await book(hostc, '10:00', '11:00')).status, 201);
  // at most one of them is there at any time: 9–11 fits
  const whole = await book(others[2], '09:00', '11:00');
  assert.equal(whole.status, 201, JSON.stringify(whole.body));
  // 9:30–10:30: two are present at 9:30 (and at 10:00)
  const third = await book(others[3], '09:30', '10:30');
  assert.equal(third.status, 409);
  assert.equal(third.body.error.code, 'slot_taken');
  assert.equal(third.body.error.clash.resource_id, resource);
  assert.equal(third.body.error.clash.starts_at, `${d}T09:00:00Z`);
  assert.ok([`${d}T10:00:00Z`, `${d}T11:00:00Z`].includes(third.body.error.clash.ends_at), third.body.error.clash.ends_at);
  // availability says the same: busy 9–11, free right after
  const a = await member.json('GET', `/api/v1/places/${place}/availability?from=${d}&to=${d}`);
  const free = a.body.resources.find((x) => x.resource_id === resource).free;
  assert.ok(free.every((f) => f.ends_at <= `${d}T09:00:00Z` || f.starts_at >= `${d}T11:00:00Z`), JSON.stringify(free));
  assert.equal((await book(others[3], '11:00', '12:00')).status, 201);
});

test('a booked room blocks the desks inside it, and a booked desk blocks the room', async () => {
  const { place, resource: room } = await openPlace({ kind: 'office' });
  const desk = await admin.json('POST', `/api/v1/places/${place}/resources`, { name: 'Desk', kind: 'desk', parent_id: room });
  assert.equal(desk.status, 201);
  const d = day(4);
  const a = await member.json('POST', '/api/v1/bookings', { resource_id: room, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T12:00:00Z` });
  assert.equal(a.status, 201);
  const b = await hostc.json('POST', '/api/v1/bookings', { resource_id: desk.body.id, starts_at: `${d}T10:00:00Z`, ends_at: `${d}T11:00:00Z` });
  assert.equal(b.status, 409);
  assert.equal(b.body.error.clash.resource_id, room);
  const c = await hostc.json('POST', '/api/v1/bookings', { resource_id: desk.body.id, starts_at: `${d}T13:00:00Z`, ends_at: `${d}T14:00:00Z` });
  assert.equal(c.status, 201);
  const e = await member.json('POST', '/api/v1/bookings', { resource_id: room, starts_at: `${d}T13:30:00Z`, ends_at: `${d}T15:00:00Z` });
  assert.equal(e.status, 409);
  assert.equal(e.body.error.clash.resource_id, desk.body.id);
});

test('the buffer between bookings is kept', async () => {
  const { resource } = await openPlace({ buffer_min: 30 });
  const d = day(5);
  assert.equal((await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T10:00:00Z` })).status, 201);
  assert.equal((await hostc.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T10:15:00Z`, ends_at: `${d}T11:00:00Z` })).status, 409);
  assert.equal((await hostc.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T10:30:00Z`, ends_at: `${d}T11:00:00Z` })).status, 201);
});

test('bad input: a clear 4xx naming the field, and nothing written', async () => {
  const places = (await member.json('GET', '/api/v1/places')).body.places;
  const ruche = places.find((p) => p.name.startsWith('La Ruche'));
  const lyon = places.find((p) => p.restricted);
  const deskOf = async (p) => (await member.json('GET', `/api/v1/places/${p.id}/resources`)).body.resources.find((x) => x.kind === 'desk').id;
  const desk = await deskOf(ruche);
  const d = weekday(2);
  const before = (await member.json('GET', '/api/v1/bookings')).body.bookings.length;
  const cases = [
    [{ starts_at: `${d}T11:00`, ends_at: `${d}T10:00` }, 400, 'ends_at', 'ends_before_start'],
    [{ starts_at: `${d}T05:00`, ends_at: `${d}T06:00` }, 422, 'starts_at', 'outside_opening_hours'],
    [{ starts_at: `${day(-2)}T10:00`, ends_at: `${day(-2)}T11:00` }, 400, 'starts_at', 'in_the_past'],
    [{ starts_at: `${d}T08:30`, ends_at: `${d}T19:00` }, 400, 'ends_at', 'too_long'],
    [{ starts_at: `${d}T10:00`, ends_at: `${d}T11:00`, repeat: 'week', until: day(800) }, 400, 'until', 'series_too_long'],
    [{ starts_at: 'tomorrow', ends_at: `${d}T11:00` }, 400, 'starts_at', 'invalid_time'],
  ];
  for (const [slot, status, field, code] of cases) {
    const r = await member.json('POST', '/api/v1/bookings', { resource_id: desk, ...slot });
    assert.equal(r.status, status, `${code}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, field, code);
    assert.equal(r.body.error.code, code);
  }
  const r = await member.json('POST', '/api/v1/bookings', { resource_id: await deskOf(lyon), starts_at: `${d}T10:00`, ends_at: `${d}T11:00` });
  assert.equal(r.status, 403);
  assert.equal(r.body.error.field, 'resource_id');
  assert.equal(r.body.error.code, 'place_restricted');
  const after = (await member.json('GET', '/api/v1/bookings')).body.bookings.length;
  assert.equal(after, before, 'nothing was written');
});

test('a weekly series books every free week and lists the clashes', async () => {
  const { resource } = await openPlace({});
  const d0 = day(7), d2 = day(21);
  assert.equal((await hostc.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d2}T09:00:00Z`, ends_at: `${d2}T10:00:00Z` })).status, 201);
  const r = await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d0}T09:00:00Z`, ends_at: `${d0}T10:00:00Z`, repeat: 'week', until: day(35) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.bookings.length, 4);
  assert.equal(r.body.skipped.length, 1);
  assert.equal(r.body.skipped[0].reason, 'slot_taken');
  assert.equal(r.body.skipped[0].clash.starts_at, `${d2}T09:00:00Z`);
});

test('quotas: over the monthly hours → a clear error; the use is recorded', async () => {
  const { resource } = await openPlace({ kind: 'workshop' });
  const q = await admin.json('PUT', '/api/v1/quotas', { scope_type: 'person', scope_id: member.person.id, kind: 'workshop', hours_per_month: 2 });
  assert.equal(q.status, 200, JSON.stringify(q.body));
  const d = day(2);
  assert.equal((await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T11:00:00Z` })).status, 201);
  const r = await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T13:00:00Z`, ends_at: `${d}T14:00:00Z` });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'over_quota');
  assert.equal(r.body.error.field, 'quota');
  // cancelling gives the hours back; every use is recorded
  const mine = (await member.json('GET', '/api/v1/bookings')).body.bookings.find((b) => b.resource_id === resource);
  const month = d.slice(0, 7);
  let usage = (await member.json('GET', `/api/v1/quotas/mine?month=${month}`)).body;
  assert.deepEqual(usage.quotas.find((x) => x.kind === 'workshop'), { kind: 'workshop', minutes_per_month: 120, minutes_used: 120 });
  assert.equal((await member.json('DELETE', `/api/v1/bookings/${mine.id}`)).status, 204);
  usage = (await member.json('GET', `/api/v1/quotas/mine?month=${month}`)).body;
  assert.deepEqual(usage.uses.filter((u) => u.booking_id === mine.id).map((u) => u.minutes), [120, -120]);
  assert.equal((await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T13:00:00Z`, ends_at: `${d}T14:00:00Z` })).status, 201);
  // without a month: this month in Paris (January at 00:30 on 1 January, still December in UTC)
  assert.equal((await member.json('GET', '/api/v1/quotas/mine')).body.month, testDay(0).slice(0, 7));
});

test('waiting list: a freed slot is offered to the next one, by mail, and taken', async () => {
  const { resource } = await openPlace({});
  const d = day(6);
  const slot = { resource_id: resource, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T10:00:00Z` };
  const a = await member.json('POST', '/api/v1/bookings', slot);
  assert.equal(a.status, 201);
  const w = await hostc.json('POST', '/api/v1/waits', slot);
  assert.equal(w.status, 201, JSON.stringify(w.body));
  // the offered slot is held: a third person cannot take it
  assert.equal((await member.json('DELETE', `/api/v1/bookings/${a.body.id}`)).status, 204);
  const waits = (await hostc.json('GET', '/api/v1/waits')).body.waits;
  assert.equal(waits.find((x) => x.id === w.body.id).status, 'offered');
  const third = await others[2].json('POST', '/api/v1/bookings', slot);
  assert.equal(third.status, 409);
  await srv.waitForMail((m) => m.to === 'accueil@bigre.coop' && /slot is free|se libère|libre/i.test(m.subject + m.text));
  const acc = await hostc.json('POST', `/api/v1/waits/${w.body.id}/accept`);
  assert.equal(acc.status, 201, JSON.stringify(acc.body));
});

test('moving a booking keeps its UID and increases SEQUENCE in the calendar feed; cancelling marks it CANCELLED', async () => {
  const { resource } = await openPlace({});
  const d = day(8);
  const b = await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T10:00:00Z` });
  const feed = await member.json('POST', '/api/v1/calendar-feeds', { kind: 'person' });
  assert.equal(feed.status, 201);
  const u = new URL(feed.body.url);
  const path = u.pathname + u.search;
  assert.equal(u.pathname, '/calendar.ics');
  const get = async () => { const r = await srv.fetch(path); assert.equal(r.status, 200); return r.text(); };
  const uid = `UID:booking-${b.body.id}@bigre`;
  const event = (ics) => ics.split('BEGIN:VEVENT').find((e) => e.includes(uid));
  const e1 = event(await get());
  assert.match(e1, /SEQUENCE:0/);
  assert.match(e1, /DTSTART;TZID=Europe\/Paris:/);
  assert.equal((await member.json('PATCH', `/api/v1/bookings/${b.body.id}`, { starts_at: `${d}T11:00:00Z`, ends_at: `${d}T12:00:00Z` })).status, 200);
  const e2 = event(await get());
  assert.match(e2, /SEQUENCE:1/);
  assert.equal((await member.json('DELETE', `/api/v1/bookings/${b.body.id}`)).status, 204);
  const e3 = event(await get());
  assert.match(e3, /SEQUENCE:2/);
  assert.match(e3, /STATUS:CANCELLED/);
  // revoked: gone
  assert.equal((await member.json('DELETE', `/api/v1/calendar-feeds/${feed.body.id}`)).status, 204);
  assert.equal((await srv.fetch(path)).status, 404);
});

test('public sessions: listed without an account; registration with mail, .ics and a cancel link', async () => {
  const list = await srv.json('GET', '/api/v1/public/sessions?territory=Gironde');
  assert.equal(list.status, 200);
  assert.ok(list.body.sessions.length >= 2);
  const open = list.body.sessions.find((s) => !s.full);
  const reg = { name: 'Jeanne Test', email: 'jeanne.test@example.org', postcode: '33000', project: 'Céramiste', consent: true };
  // bad input
  let r = await srv.json('POST', `/api/v1/public/sessions/${open.id}/registrations`, { ...reg, email: 'not-an-email' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'email');
  r = await srv.json('POST', `/api/v1/public/sessions/${open.id}/registrations`, { ...reg, consent: false });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'consent');
  // a robot fills the honeypot: same answer, no mail
  r = await srv.json('POST', `/api/v1/public/sessions/${open.id}/registrations`, { ...reg, email: 'robot@example.org', website: 'http://spam' });
  assert.equal(r.status, 202);
  r = await srv.json('POST', `/api/v1/public/sessions/${open.id}/registrations`, reg);
  assert.equal(r.status, 202);
  // twice: the same answer (no enumeration)
  const again = await srv.json('POST', `/api/v1/public/sessions/${open.id}/registrations`, reg);
  assert.deepEqual(again.body, r.body);
  const mail = await srv.waitForMail((m) => m.to === 'jeanne.test@example.org');
  assert.ok(mail.parts.some((p) => p.type.startsWith('text/calendar') && /METHOD:REQUEST/.test(p.text) && new RegExp(`UID:session-${open.id}@bigre`).test(p.text)));
  assert.ok(mail.parts.some((p) => p.type.startsWith('text/html')));
  const token = mail.text.match(/token=([A-Za-z0-9_-]+)/)[1];
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(srv.mails().filter((m) => m.to === 'robot@example.org').length, 0);
  assert.equal(srv.mails().filter((m) => m.to === 'jeanne.test@example.org').length, 1);
  const c = await srv.json('POST', '/api/v1/public/registrations/cancel', { token });
  assert.equal(c.status, 200);
});

test('a full session: waiting list, then automatic promotion with mail when a place frees', async () => {
  const s = await hostc.json('POST', '/api/v1/sessions', { cooperative_id: 1, title: 'Petite réunion', online_url: 'https://visio.example.org/x', starts_at: `${day(9)}T12:00:00Z`, ends_at: `${day(9)}T14:00:00Z`, capacity: 1 });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const base = { postcode: '33100', consent: true };
  assert.equal((await srv.json('POST', `/api/v1/public/sessions/${s.body.id}/registrations`, { ...base, name: 'Un', email: 'un@example.org' })).status, 202);
  assert.equal((await srv.json('POST', `/api/v1/public/sessions/${s.body.id}/registrations`, { ...base, name: 'Deux', email: 'deux@example.org' })).status, 202);
  const regs = (await hostc.json('GET', `/api/v1/sessions/${s.body.id}/registrations`)).body.registrations;
  assert.deepEqual(regs.map((x) => x.status), ['registered', 'waiting']);
  const first = await srv.waitForMail((m) => m.to === 'un@example.org');
  await srv.waitForMail((m) => m.to === 'deux@example.org');
  const token = first.text.match(/token=([A-Za-z0-9_-]+)/)[1];
  assert.equal((await srv.json('POST', '/api/v1/public/registrations/cancel', { token })).status, 200);
  const promoted = await srv.waitForMail((m) => m.to === 'deux@example.org' && m.parts.some((p) => /METHOD:REQUEST/.test(p.text)));
  assert.ok(promoted);
  const after2 = (await hostc.json('GET', `/api/v1/sessions/${s.body.id}/registrations`)).body.registrations;
  assert.deepEqual(after2.map((x) => x.status), ['cancelled', 'registered']);
  // a member who is not a host cannot see registrations
  assert.equal((await others[2].json('GET', `/api/v1/sessions/${s.body.id}/registrations`)).status, 403);
});

test('welcome path: steps, orientation with consent, CAPE creates the account and invites, statistics as CSV', async () => {
  const n = await hostc.json('POST', '/api/v1/newcomers', { cooperative_id: 1, name: 'Zoé Parcours', email: 'zoe.parcours@example.org', territory: 'Gironde', birth_year: 1990, consent: true });
  assert.equal(n.status, 201, JSON.stringify(n.body));
  const id = n.body.id;
  assert.equal((await hostc.json('POST', `/api/v1/newcomers/${id}/steps`, { code: 'welcome_interview', notes: 'Projet clair' })).status, 201);
  let r = await hostc.json('POST', `/api/v1/newcomers/${id}/steps`, { code: 'nonsense' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'code');
  r = await hostc.json('POST', `/api/v1/newcomers/${id}/orientation`, { cooperative_id: 2 });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'consent');
  // orientation then CAPE: by an admin (the host is not in cooperative 2)
  assert.equal((await admin.json('POST', `/api/v1/newcomers/${id}/orientation`, { cooperative_id: 2, consent: true })).status, 200);
  assert.equal((await admin.json('POST', `/api/v1/newcomers/${id}/steps`, { code: 'cape' })).status, 201);
  const rec = (await admin.json('GET', `/api/v1/newcomers/${id}/steps`)).body;
  assert.equal(rec.cooperative_id, 2);
  assert.ok(rec.person_id > 0);
  assert.deepEqual(rec.steps.map((s) => s.code), ['contact', 'welcome_interview', 'orientation', 'cape']);
  assert.equal(rec.steps[1].cooperative_id, 1, 'the history moved with the record');
  const invite = await srv.waitForMail((m) => m.to === 'zoe.parcours@example.org');
  assert.match(invite.text, /reset\?token=/);
  const csv = await admin.fetch('/api/v1/newcomers/stats.csv');
  assert.equal(csv.status, 200);
  const text = await csv.text();
  assert.match(text.split('\r\n')[0], /^month,cooperative,territory,age_band,referrer,step,count$/);
  assert.match(text, /,"cape",1/);
  // exit needs a reason from the list
  r = await admin.json('POST', `/api/v1/newcomers/${id}/steps`, { code: 'exit', reason: 'bored' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'reason');
});

test('newcomers\' statistics CSV: a territory or referrer starting with a tab or CR cannot run as a formula', async () => {
  const n = await hostc.json('POST', '/api/v1/newcomers', { cooperative_id: 1, name: 'Tab Formule', email: 'tab.formule@example.org', territory: '\tcmd|calc', referrer: '\r=HYPERLINK(1)', consent: true });
  assert.equal(n.status, 201, JSON.stringify(n.body));
  const text = await (await admin.fetch('/api/v1/newcomers/stats.csv')).text();
  assert.ok(text.includes('"\'\tcmd|calc"'), text);
  assert.ok(text.includes('"\'\r=HYPERLINK(1)"'), text);
  assert.ok(!text.includes('"\tcmd|calc"'));
});

test('a resource needing approval: the booking waits, a host approves it, the booker is told', async () => {
  const { resource } = await openPlace({ needs_approval: 1 });
  const d = day(10);
  const b = await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T10:00:00Z` });
  assert.equal(b.status, 201);
  assert.equal(b.body.status, 'pending');
  // a pending booking holds the slot
  assert.equal((await hostc.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T09:30:00Z`, ends_at: `${d}T10:30:00Z` })).status, 409);
  // the hosts' dashboard lists it as waiting since today, a Paris day (not the UTC one at 00:30 on 1 January)
  const since = testDay(0).split('-').reverse().join('/');
  assert.match(await (await admin.fetch('/hosts')).text(), new RegExp(`<td>${since} <form method="post" action="/bookings/${b.body.id}/approve"`));
  // the booker cannot approve their own booking; an admin of the place can
  assert.equal((await member.json('POST', `/api/v1/bookings/${b.body.id}/approve`)).status, 403);
  assert.equal((await admin.json('POST', `/api/v1/bookings/${b.body.id}/approve`)).status, 200);
  const mine = (await member.json('GET', '/api/v1/bookings')).body.bookings.find((x) => x.id === b.body.id);
  assert.equal(mine.status, 'confirmed');
  await srv.waitForMail((m) => m.to === 'membre@bigre.coop' && /confirm/i.test(m.subject));
  // check-in opens 15 minutes before the start only
  const c = await member.json('POST', `/api/v1/bookings/${b.body.id}/check-in`);
  assert.equal(c.status, 409);
  assert.equal(c.body.error.code, 'cannot_check_in');
});

test('a registrant writing in English gets the mail in English', async () => {
  const list = (await srv.json('GET', '/api/v1/public/sessions')).body.sessions;
  const open = list.find((s) => !s.full);
  const r = await srv.json('POST', `/api/v1/public/sessions/${open.id}/registrations`,
    { name: 'Jo English', email: 'jo.english@example.org', postcode: '75019', consent: true }, { 'Accept-Language': 'en-GB,en;q=0.9' });
  assert.equal(r.status, 202);
  const mail = await srv.waitForMail((m) => m.to === 'jo.english@example.org');
  assert.match(mail.subject, /your place at the information session/);
  assert.match(mail.text, /You are registered/);
});

test('places and sessions need the right roles: a member may not create a place of a cooperative, nor schedule a session', async () => {
  const p = await member.json('POST', '/api/v1/places', { name: 'Mine?', owner_type: 'cooperative', owner_id: 1 });
  assert.equal(p.status, 403);
  const own = await member.json('POST', '/api/v1/places', { name: 'Mon atelier', owner_type: 'person', owner_id: member.person.id, timezone: 'Europe/Paris' });
  assert.equal(own.status, 201, 'a member may offer a place of their own');
  const s = await member.json('POST', '/api/v1/sessions', { cooperative_id: 1, title: 'x', online_url: 'https://x.example', starts_at: `${day(5)}T10:00:00Z`, ends_at: `${day(5)}T11:00:00Z`, capacity: 5 });
  assert.equal(s.status, 403);
  const tz = await admin.json('POST', '/api/v1/places', { name: 'Bad zone', owner_type: 'cooperative', owner_id: 1, timezone: 'Mars/Olympus' });
  assert.equal(tz.status, 400);
  assert.equal(tz.body.error.field, 'timezone');
});
