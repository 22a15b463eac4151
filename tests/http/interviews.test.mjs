// interviews.test.mjs — welcome interviews booked in hosts' availability
// slots (issue 4, H4): slots published by hosts (never overlapping one
// host's other slots, never in the past, end after start), booked by a
// host of the newcomer's cooperative (never two newcomers in one slot,
// even under concurrent requests), the path's step, the invitation mail
// with its .ics (REQUEST, then CANCEL with the same UID and a higher
// SEQUENCE), the slot freed by a cancellation, the host's calendar feed,
// and the rights (a member cannot publish; another cooperative's host
// cannot book into yours).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, testDay } from '../lib/server.mjs';

let srv, admin, member, hostc;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
  hostc = await srv.login('accueil@bigre.coop');
});
after(async () => { await srv.stop(); });
const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();

// A day n days from the tests' today (Paris), "YYYY-MM-DD".
const day = testDay;
const ics = (mail) => mail.parts.find((p) => p.type.startsWith('text/calendar'))?.text ?? '';
// Every page of one list of the hosts' dashboard, paged by its own
// parameter (?to_book_page=2…), followed through its "next" links.
const hostsPages = async (client, param) => {
  const pages = [];
  for (let path = '/hosts'; path;) {
    const html = await (await client.fetch(path)).text();
    pages.push(html);
    const next = html.match(new RegExp(`rel="next" href="([^"]*[?&]${param}=\\d+)"`));
    path = next ? next[1].replaceAll('&amp;', '&') : null;
  }
  return pages.join('\n');
};
const newcomer = async (name, email, lang = 'fr') => {
  const r = await hostc.json('POST', '/api/v1/newcomers', { cooperative_id: 1, name, email, lang, consent: true });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
};

test('slots: published by a host, overlap refused with 409 naming the field, bad input refused, free ones listed, deleted', async () => {
  const d = day(20);
  let r = await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: `${d}T09:00`, ends_at: `${d}T10:00` });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const first = r.body.id;
  r = await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: `${d}T09:30`, ends_at: `${d}T10:30` });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'slot_overlap');
  assert.equal(r.body.error.field, 'starts_at');
  // touching is not overlapping
  r = await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, online_url: 'https://visio.example.org/accueil', starts_at: `${d}T10:00`, ends_at: `${d}T11:00` });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  // bad input: end before start, in the past, neither place nor link, bad time
  r = await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: `${d}T15:00`, ends_at: `${d}T14:00` });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'ends_at');
  r = await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: `${day(-2)}T09:00`, ends_at: `${day(-2)}T10:00` });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'in_the_past');
  assert.equal(r.body.error.field, 'starts_at');
  r = await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, starts_at: `${d}T16:00`, ends_at: `${d}T17:00` });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'online_url');
  r = await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: 'demain', ends_at: `${d}T17:00` });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'starts_at');
  // rights: a member may not publish slots
  r = await member.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: `${d}T09:00`, ends_at: `${d}T10:00` });
  assert.equal(r.status, 403);
  assert.equal(sql(`SELECT count(*) FROM interview_slots WHERE host_id = ${member.person.id}`), '0');
  // listed: mine, and the free ones of my cooperatives
  r = await hostc.json('GET', '/api/v1/interview-slots');
  assert.equal(r.status, 200);
  const mine = r.body.slots.filter((s) => s.starts_at.startsWith(d));
  assert.equal(mine.length, 2);
  assert.equal(mine[0].starts_at, `${d}T09:00:00${mine[0].starts_at.slice(19)}`, 'local time of the place');
  assert.equal(mine[0].free, true);
  r = await hostc.json('GET', '/api/v1/interview-slots?free=1&cooperative_id=1');
  assert.ok(r.body.slots.some((s) => s.id === first));
  // delete a free slot; someone else's: not found
  r = await member.json('DELETE', `/api/v1/interview-slots/${first}`);
  assert.equal(r.status, 404);
  r = await hostc.json('DELETE', `/api/v1/interview-slots/${first}`);
  assert.equal(r.status, 204);
  r = await hostc.json('GET', '/api/v1/interview-slots');
  assert.ok(!r.body.slots.some((s) => s.id === first));
  assert.equal(sql(`SELECT group_concat(action, ',') FROM audit_log WHERE entity = 'interview_slot' AND entity_id = ${first}`), 'create,delete');
});

test('booking: the slot is taken, the path records the step, the mail carries a REQUEST; cancelling frees it with a CANCEL', async () => {
  const d = day(21);
  // a colleague of the same cooperative (the admin) publishes; the host books into it
  let r = await admin.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: `${d}T14:00`, ends_at: `${d}T15:00` });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const slot = r.body.id;
  const id = await newcomer('Nina Entretien', 'nina.entretien@example.org', 'en');
  r = await hostc.json('POST', `/api/v1/newcomers/${id}/interview`, { slot_id: slot });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const iv = r.body.id;
  assert.equal(r.body.uid, `interview-${iv}@bigre`);
  // taken: not in the free list, a second newcomer refused
  r = await hostc.json('GET', '/api/v1/interview-slots?free=1');
  assert.ok(!r.body.slots.some((s) => s.id === slot));
  const other = await newcomer('Omar Second', 'omar.second@example.org');
  r = await hostc.json('POST', `/api/v1/newcomers/${other}/interview`, { slot_id: slot });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'slot_taken');
  assert.equal(r.body.error.field, 'slot_id');
  // the path: welcome interview, dated the interview's day
  const rec = (await hostc.json('GET', `/api/v1/newcomers/${id}`)).body;
  const step = rec.steps.find((s) => s.code === 'welcome_interview');
  assert.ok(step, JSON.stringify(rec.steps));
  assert.equal(step.day, d);
  assert.match(step.notes, /Planned: .*14:00/);
  // the mail, in the newcomer's language (English), with its invitation
  const mail = await srv.waitForMail((m) => m.to === 'nina.entretien@example.org');
  assert.equal(mail.subject, 'Bigre: your welcome interview');
  assert.match(mail.text, /Hello Nina Entretien/);
  assert.match(mail.text, /14:00/);
  let cal = ics(mail);
  assert.match(cal, /METHOD:REQUEST/);
  assert.match(cal, new RegExp(`UID:interview-${iv}@bigre`));
  assert.match(cal, /SEQUENCE:0/);
  assert.match(cal, /DTSTART;TZID=Europe\/Paris:\d{8}T140000/);
  assert.ok(mail.parts.some((p) => p.type.startsWith('text/html')));
  // the host's calendar feed (of the slot's host: the admin) has it
  const feed = await admin.json('POST', '/api/v1/calendar-feeds', { kind: 'person' });
  assert.equal(feed.status, 201, JSON.stringify(feed.body));
  const feedText = await (await srv.fetch(new URL(feed.body.url).pathname + new URL(feed.body.url).search)).text();
  assert.match(feedText, new RegExp(`UID:interview-${iv}@bigre`));
  assert.match(feedText, /SUMMARY:Nina Entretien/);
  // a member cannot cancel it; the host can
  r = await member.json('DELETE', `/api/v1/interviews/${iv}`);
  assert.equal(r.status, 404);
  r = await hostc.json('DELETE', `/api/v1/interviews/${iv}`);
  assert.equal(r.status, 204);
  const cancel = await srv.waitForMail((m) => m.to === 'nina.entretien@example.org' && /METHOD:CANCEL/.test(ics(m)));
  assert.equal(cancel.subject, 'Bigre: welcome interview cancelled');
  cal = ics(cancel);
  assert.match(cal, new RegExp(`UID:interview-${iv}@bigre`), 'the same UID');
  assert.match(cal, /SEQUENCE:1/, 'a higher SEQUENCE');
  assert.match(cal, /STATUS:CANCELLED/);
  // the slot is free again: the second newcomer gets it (French mail)
  r = await hostc.json('GET', '/api/v1/interview-slots?free=1');
  assert.ok(r.body.slots.some((s) => s.id === slot));
  r = await hostc.json('POST', `/api/v1/newcomers/${other}/interview`, { slot_id: slot });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.notEqual(r.body.id, iv, 'a new interview, a new UID');
  const fr = await srv.waitForMail((m) => m.to === 'omar.second@example.org');
  assert.equal(fr.subject, 'Bigre : votre entretien d’accueil');
  assert.equal(sql(`SELECT group_concat(action, ',') FROM audit_log WHERE entity = 'interview' AND entity_id = ${iv}`), 'create,cancel');
  // a taken slot cannot be deleted
  r = await admin.json('DELETE', `/api/v1/interview-slots/${slot}`);
  assert.equal(r.status, 409);
});

test('double booking under concurrency: 30 newcomers for one slot, exactly one gets it', async () => {
  const d = day(22);
  let r = await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: `${d}T09:00`, ends_at: `${d}T10:00` });
  assert.equal(r.status, 201);
  const slot = r.body.id;
  const ids = [];
  for (let i = 0; i < 30; i++) ids.push(await newcomer(`Concurrent ${i}`, `concurrent${i}@example.org`));
  const answers = await Promise.all(ids.map((id) => hostc.json('POST', `/api/v1/newcomers/${id}/interview`, { slot_id: slot })));
  const statuses = answers.map((a) => a.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(','));
  assert.equal(statuses.filter((s) => s === 409).length, 29, statuses.join(','));
  assert.ok(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'slot_taken'));
  assert.equal(sql(`SELECT count(*) FROM interviews WHERE slot_id = ${slot} AND status = 'booked'`), '1');
  assert.equal(sql(`SELECT count(*) FROM newcomer_steps st JOIN newcomers n ON n.id = st.newcomer_id WHERE n.name LIKE 'Concurrent %' AND st.code = 'welcome_interview'`), '1');
});

test('rights: another cooperative\'s host cannot book into yours (404), nor see your slots as free', async () => {
  const d = day(23);
  let r = await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: `${d}T09:00`, ends_at: `${d}T10:00` });
  const slot = r.body.id;
  // the member becomes host of cooperative 3, with a newcomer there
  const g = await admin.json('POST', '/api/v1/roles', { person_id: member.person.id, role: 'host', scope: 'cooperative', scope_id: 3 });
  assert.ok([200, 201].includes(g.status), JSON.stringify(g.body));
  const n3 = await member.json('POST', '/api/v1/newcomers', { cooperative_id: 3, name: 'Zoé Ailleurs', email: 'zoe.ailleurs@example.org', consent: true });
  assert.equal(n3.status, 201, JSON.stringify(n3.body));
  r = await member.json('POST', `/api/v1/newcomers/${n3.body.id}/interview`, { slot_id: slot });
  assert.equal(r.status, 404);
  assert.equal(r.body.error.field, 'slot_id');
  // nor book for one of cooperative 1's newcomers
  const n1 = await newcomer('Paul Chezvous', 'paul.chezvous@example.org');
  r = await member.json('POST', `/api/v1/newcomers/${n1}/interview`, { slot_id: slot });
  assert.equal(r.status, 404);
  r = await member.json('GET', '/api/v1/interview-slots?free=1');
  assert.ok(!r.body.slots.some((s) => s.id === slot));
  assert.equal(sql(`SELECT count(*) FROM interviews WHERE slot_id = ${slot}`), '0');
  // a slot in the past cannot be booked
  sql(`UPDATE interview_slots SET starts_at = starts_at - 40 * 86400, ends_at = ends_at - 40 * 86400 WHERE id = ${slot}`);
  r = await hostc.json('POST', `/api/v1/newcomers/${n1}/interview`, { slot_id: slot });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'in_the_past');
});

// Posts an urlencoded form as a logged-in client (the CSRF token in the form).
const postForm = (client, path, fields) => srv.fetch(path, {
  method: 'POST', body: new URLSearchParams({ csrf_token: client.csrf, ...fields }),
  headers: { Cookie: client.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
});

test('pages: the dashboard publishes a slot (errors next to the field), the newcomer page books and cancels it', async () => {
  const d = day(25);
  let r = await postForm(hostc, '/hosts/interview-slots', { cooperative_id: '1', place_id: '1', day: d, starts_at: '11:00', ends_at: '12:00' });
  assert.equal(r.status, 303, await r.text());
  let page = await (await hostc.fetch('/hosts')).text();
  assert.match(page, /Mes créneaux d’entretien/);
  assert.match(page, /class="my-slot"[^]*?11:00–12:00/);
  // overlap: 409, the form back with the message next to the start
  r = await postForm(hostc, '/hosts/interview-slots', { cooperative_id: '1', place_id: '1', day: d, starts_at: '11:30', ends_at: '12:30' });
  assert.equal(r.status, 409);
  page = await r.text();
  assert.match(page, /<p class="error" id="e-starts_at">Ce créneau chevauche un autre de vos créneaux d’entretien\.<\/p><input id="f-i-starts_at"[^>]*value="11:30"[^>]*aria-invalid="true"/);
  // end before start: 422 next to the end
  r = await postForm(hostc, '/hosts/interview-slots', { cooperative_id: '1', place_id: '1', day: d, starts_at: '15:00', ends_at: '14:00' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-ends_at"/);
  // a member: refused
  r = await postForm(member, '/hosts/interview-slots', { cooperative_id: '1', place_id: '1', day: d, starts_at: '08:00', ends_at: '09:00' });
  assert.ok([403, 404].includes(r.status));
  // without the CSRF token: refused
  r = await srv.fetch('/hosts/interview-slots', { method: 'POST', body: new URLSearchParams({ cooperative_id: '1', place_id: '1', day: d, starts_at: '16:00', ends_at: '17:00' }),
    headers: { Cookie: hostc.cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 403);
  const slot = Number(sql(`SELECT id FROM interview_slots WHERE host_id = ${hostc.person.id} AND deleted_at IS NULL ORDER BY id DESC LIMIT 1`));
  // the newcomer is in "interviews to book", with the link
  const id = await newcomer('Inès Page', 'ines.page@example.org');
  assert.ok((await hostsPages(hostc, 'to_book_page')).includes(`href="/newcomers/${id}#interview"`));
  page = await (await hostc.fetch(`/newcomers/${id}`)).text();
  assert.match(page, new RegExp(`<option value="${slot}">`));
  r = await postForm(hostc, `/newcomers/${id}/interview`, { slot_id: String(slot) });
  assert.equal(r.status, 303, await r.text());
  page = await (await hostc.fetch(`/newcomers/${id}`)).text();
  assert.match(page, /class="interview-booked">Réservé :/);
  assert.match(page, /Annuler l’entretien/);
  assert.ok(!(await hostsPages(hostc, 'to_book_page')).includes(`href="/newcomers/${id}#interview"`), 'no longer to book');
  assert.match(await hostsPages(hostc, 'interviews_page'), /class="my-interview"[^]*?Inès Page/);
  // another newcomer: the slot is no longer offered; forcing it → 409 next to the list
  const other = await newcomer('Hugo Trop Tard', 'hugo.tard@example.org');
  page = await (await hostc.fetch(`/newcomers/${other}`)).text();
  assert.ok(!page.includes(`<option value="${slot}">`));
  r = await postForm(hostc, `/newcomers/${other}/interview`, { slot_id: String(slot) });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /id="e-slot_id">Ce créneau vient d’être pris/);
  // cancel from the page: the slot is offered again
  const iv = sql(`SELECT id FROM interviews WHERE newcomer_id = ${id} AND status = 'booked'`);
  r = await postForm(hostc, `/interviews/${iv}/cancel`, {});
  assert.equal(r.status, 303);
  page = await (await hostc.fetch(`/newcomers/${other}`)).text();
  assert.match(page, new RegExp(`<option value="${slot}">`));
  const mail = await srv.waitForMail((m) => m.to === 'ines.page@example.org' && /METHOD:CANCEL/.test(ics(m)));
  assert.equal(mail.subject, 'Bigre : entretien d’accueil annulé');
});
