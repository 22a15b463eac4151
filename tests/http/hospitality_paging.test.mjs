// hospitality_paging.test.mjs — the hospitality lists are paged with their
// total, never cut at a cap (issue 9, "Lists are cut silently"): once
// there are more rows than the old caps (500 managed sessions, 200 public
// sessions, 500 interview slots, 500 newcomers, 500 places in the session
// form, 5,000 events in a calendar feed), every one is reachable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, testNow } from '../lib/server.mjs';

let srv, admin, hostc;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  hostc = await srv.login('accueil@bigre.coop');
});
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q], { maxBuffer: 64 << 20 }).toString().trim();
const now = () => Math.floor(testNow().getTime() / 1000);
// n rows numbered 1..n, for INSERT … SELECT.
const series = (n) => `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${n})`;

// Reads a whole paged API list (its array under key) through limit and
// offset; checks every page's total, limit and offset on the way.
async function readAll(client, path, key, limit = 500) {
  const sep = path.includes('?') ? '&' : '?';
  const rows = [];
  let total;
  for (let offset = 0; ; offset += limit) {
    const r = await client.json('GET', `${path}${sep}limit=${limit}&offset=${offset}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.limit, limit);
    assert.equal(r.body.offset, offset);
    if (total === undefined) total = r.body.total;
    assert.equal(r.body.total, total, 'the same total on every page');
    rows.push(...r.body[key]);
    if (offset + limit >= total) return { rows, total };
    assert.equal(r.body[key].length, limit, 'a full page before the last');
  }
}

// A bad limit is a 400 naming the field, as every paged list answers.
async function refusesBadLimit(client, path) {
  const sep = path.includes('?') ? '&' : '?';
  for (const bad of ['501', '0', 'abc']) {
    const r = await client.json('GET', `${path}${sep}limit=${bad}`);
    assert.equal(r.status, 400, `${path} limit=${bad}`);
    assert.equal(r.body.error.code, 'invalid_limit');
    assert.equal(r.body.error.field, 'limit');
  }
}

test('sessions: the hosts\' list and the public one go past 500 with their total', async () => {
  const t = now() + 2 * 86400;
  sql(`${series(520)} INSERT INTO info_sessions(cooperative_id, online_url, title, territory, starts_at, ends_at,`
    + ` capacity, host_id, created_at) SELECT 1, 'https://visio.example.org/p' || i, 'Réunion paginée ' || i,`
    + ` 'Paginie', ${t} + i * 3600, ${t} + i * 3600 + 1800, 10, (SELECT id FROM people WHERE email = 'accueil@bigre.coop'),`
    + ` ${now()} FROM k`);
  const managed = await readAll(hostc, '/api/v1/sessions', 'sessions');
  const wantManaged = Number(sql(`SELECT count(*) FROM info_sessions WHERE cooperative_id = 1 AND starts_at > ${now() - 86400}`));
  assert.ok(wantManaged > 520);
  assert.equal(managed.total, wantManaged, 'every session of the cooperative, past the old cap of 500');
  assert.equal(new Set(managed.rows.map((s) => s.id)).size, managed.total, 'no session twice, none missing');
  assert.ok(managed.rows.some((s) => s.title === 'Réunion paginée 520'), 'the last one is reachable');
  const dflt = (await hostc.json('GET', '/api/v1/sessions')).body;
  assert.equal(dflt.limit, 50);
  assert.equal(dflt.sessions.length, 50);
  await refusesBadLimit(hostc, '/api/v1/sessions');

  const pub = await readAll(srv, '/api/v1/public/sessions?territory=Paginie', 'sessions', 200);
  assert.equal(pub.total, 520, 'the public list past its old cap of 200');
  assert.deepEqual(pub.rows.map((s) => s.title), Array.from({ length: 520 }, (_, i) => `Réunion paginée ${i + 1}`),
    'by start, every one once');
  await refusesBadLimit(srv, '/api/v1/public/sessions');
});

test('the public sessions page says its total and is paged, keeping the filter', async () => {
  // the sessions of the test above: 520 in the territory "Paginie"
  let html = await (await srv.fetch('/sessions?territory=Paginie')).text();
  assert.match(html, /<p role="status" class="count">520 /);
  assert.ok(html.includes('Réunion paginée 1<'), 'the first page starts with the first');
  assert.ok(!html.includes('Réunion paginée 21<'), '20 a page');
  assert.match(html, /href="\/sessions\?territory=Paginie&amp;page=2"/, 'the next page keeps the filter');
  html = await (await srv.fetch('/sessions?territory=Paginie&page=26')).text();
  assert.ok(html.includes('Réunion paginée 520<'), 'the last one is on the last page');
  assert.ok(!html.includes('rel="next"'), 'no page after the last');
});

test('interview slots: mine and the free ones go past 500 with their total', async () => {
  const t = now() + 3 * 86400;
  const host = sql("SELECT id FROM people WHERE email = 'accueil@bigre.coop'");
  sql(`${series(510)} INSERT INTO interview_slots(host_id, cooperative_id, online_url, timezone, starts_at, ends_at,`
    + ` created_at) SELECT ${host}, 1, 'https://visio.example.org/e' || i, 'Europe/Paris', ${t} + i * 7200,`
    + ` ${t} + i * 7200 + 3600, ${now()} FROM k`);
  const mine = await readAll(hostc, '/api/v1/interview-slots', 'slots');
  const wantMine = Number(sql(`SELECT count(*) FROM interview_slots WHERE host_id = ${host} AND deleted_at IS NULL AND ends_at > ${now()}`));
  assert.ok(wantMine >= 510);
  assert.equal(mine.total, wantMine);
  assert.equal(new Set(mine.rows.map((s) => s.id)).size, wantMine);
  assert.ok(mine.rows.some((s) => s.online_url === 'https://visio.example.org/e510'), 'the last one is reachable');
  const free = await readAll(hostc, '/api/v1/interview-slots?free=1&cooperative_id=1', 'slots');
  assert.ok(free.total >= 510);
  assert.equal(new Set(free.rows.map((s) => s.id)).size, free.total);
  assert.ok(free.rows.every((s) => s.free && s.cooperative_id === 1));
  assert.ok(free.rows.some((s) => s.online_url === 'https://visio.example.org/e510'));
  await refusesBadLimit(hostc, '/api/v1/interview-slots');
  await refusesBadLimit(hostc, '/api/v1/interview-slots?free=1');
});

test('newcomers: the list goes past 500 with its total', async () => {
  sql(`${series(505)} INSERT INTO newcomers(cooperative_id, name, email, created_at, updated_at)`
    + ` SELECT 1, 'Nouvelle Page ' || i, 'page' || i || '@example.org', ${now() - 86400}, ${now() - 86400} - i FROM k`);
  const all = await readAll(hostc, '/api/v1/newcomers?cooperative_id=1', 'newcomers');
  assert.equal(all.total, Number(sql('SELECT count(*) FROM newcomers WHERE cooperative_id = 1')));
  assert.ok(all.total > 505);
  assert.equal(new Set(all.rows.map((n) => n.id)).size, all.total);
  assert.ok(all.rows.some((n) => n.name === 'Nouvelle Page 505'), 'the oldest changed is reachable');
  await refusesBadLimit(hostc, '/api/v1/newcomers');
});

test('the session form offers every place, past the old cap of 500', async () => {
  sql(`${series(510)} INSERT INTO places(name, owner_type, owner_id, created_at)`
    + ` SELECT 'Salle choisie ' || printf('%04d', i), 'cooperative', 1, ${now()} FROM k`);
  const want = Number(sql('SELECT count(*) FROM places WHERE archived = 0'));
  assert.ok(want > 510);
  const html = await (await hostc.fetch('/hosts')).text();
  const select = html.match(/<select id="f-place" name="place_id">([\s\S]*?)<\/select>/)[1];
  assert.equal((select.match(/<option value="\d+"/g) ?? []).length, want, 'every live place, the online choice apart');
  assert.ok(select.includes('Salle choisie 0510'));
});

test('a calendar feed holds every event of its window, however many', async () => {
  const res = sql("SELECT r.id FROM resources r WHERE r.place_id = 1 ORDER BY r.id LIMIT 1");
  const who = sql("SELECT id FROM people WHERE email = 'membre@bigre.coop'");
  const t = now() + 86400;
  // 5,010 bookings (cancelled ones are in the feed too), every 30 minutes
  sql(`${series(5010)} INSERT INTO bookings(resource_id, person_id, starts_at, ends_at, status, created_at, updated_at)`
    + ` SELECT ${res}, ${who}, ${t} + i * 1800, ${t} + i * 1800 + 900, 'cancelled', ${now()}, ${now()} FROM k`);
  // and one just inside each end of the window, one just outside each
  const inside = [now() - 89 * 86400, now() + 399 * 86400], outside = [now() - 91 * 86400, now() + 401 * 86400];
  for (const at of [...inside, ...outside])
    sql(`INSERT INTO bookings(resource_id, person_id, starts_at, ends_at, status, created_at, updated_at)`
      + ` VALUES (${res}, ${who}, ${at}, ${at} + 600, 'cancelled', ${now()}, ${now()})`);
  const edge = sql(`SELECT id FROM bookings WHERE resource_id = ${res} AND starts_at IN (${[...inside, ...outside].join(',')})`
    + ' ORDER BY starts_at').split('\n');
  const feed = await admin.json('POST', '/api/v1/calendar-feeds', { kind: 'place', target_id: 1 });
  assert.equal(feed.status, 201, JSON.stringify(feed.body));
  const ics = await (await srv.fetch(new URL(feed.body.url).pathname + new URL(feed.body.url).search)).text();
  const want = Number(sql(`SELECT count(*) FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE r.place_id = 1`
    + ` AND b.starts_at BETWEEN ${now() - 90 * 86400} AND ${now() + 400 * 86400}`));
  assert.ok(want > 5010);
  assert.equal((ics.match(/^BEGIN:VEVENT/gm) ?? []).length, want, 'every event of the window, past the old cap of 5,000');
  const uids = new Set(ics.match(/^UID:booking-\d+@bigre/gm).map((u) => u.slice(12, -6)));
  const [backOut, backIn, aheadIn, aheadOut] = edge;
  assert.ok(uids.has(backIn) && uids.has(aheadIn), '89 days back and 399 ahead are in');
  assert.ok(!uids.has(backOut) && !uids.has(aheadOut), '91 days back and 401 ahead are out');
});

// The part of a dashboard page under the heading title, to the next one.
function section(html, title) {
  const start = html.search(new RegExp(`<h2[^>]*>${title}</h2>`));
  assert.ok(start >= 0, `the dashboard has "${title}"`);
  const end = html.indexOf('<h2', start + 4);
  return html.slice(start, end < 0 ? undefined : end);
}

// Every page of one list of the dashboard (the one under title, paged by
// param), followed through its own "next" link: its sections, in order.
async function dashboardPages(client, title, param) {
  const pages = [];
  for (let path = '/hosts'; path;) {
    const res = await client.fetch(path);
    assert.equal(res.status, 200, path);
    const part = section(await res.text(), title);
    pages.push(part);
    const next = part.match(new RegExp(`rel="next" href="([^"]*[?&]${param}=(\\d+))"`));
    if (next) assert.equal(Number(next[2]), pages.length + 1, 'the next page is the one after');
    path = next ? next[1].replaceAll('&amp;', '&') : null;
  }
  return pages;
}

const statedTotal = (part) => Number(part.match(/<p role="status" class="count">([\d\s  ]+)/)[1].replace(/\D/g, ''));

test('the hosts\' dashboard: each list says its total and pages through all of it, by its own parameter', async () => {
  // the rows of the tests above: 520 sessions, 510 slots, 505 newcomers to book
  const sessions = await dashboardPages(hostc, 'Réunions à venir', 'sessions_page');
  const total = statedTotal(sessions[0]);
  assert.ok(total >= 520, `the sessions' total (${total}), past the old cap of 50`);
  assert.equal(sessions.length, Math.ceil(total / 20), '20 a page');
  const rows = sessions.map((p) => (p.match(/<tr><td>/g) ?? []).length);
  assert.equal(rows.reduce((a, b) => a + b, 0), total, 'every session once');
  assert.ok(sessions.at(-1).includes('Réunion paginée 520'), 'the last one is reachable');

  const slots = await dashboardPages(hostc, 'Mes créneaux d’entretien', 'slots_page');
  const slotsTotal = statedTotal(slots[0]);
  assert.ok(slotsTotal >= 510);
  assert.equal(slots.map((p) => (p.match(/class="my-slot"/g) ?? []).length).reduce((a, b) => a + b, 0), slotsTotal);
  assert.ok(slots.at(-1).includes('https://visio.example.org/e510'));

  const toBook = await dashboardPages(hostc, 'Entretiens à réserver', 'to_book_page');
  assert.ok(statedTotal(toBook[0]) >= 505, 'past the old cap of 100');
  assert.ok(toBook.some((p) => p.includes('Nouvelle Page 505 ')), 'the newcomers to book are all reachable');

  // a list's links keep the other lists' pages
  const html = await (await hostc.fetch('/hosts?slots_page=3&sessions_page=2')).text();
  assert.match(section(html, 'Réunions à venir'), /rel="next" href="\/hosts\?slots_page=3&amp;sessions_page=3"/);
  assert.match(section(html, 'Réunions à venir'), /rel="prev" href="\/hosts\?slots_page=3&amp;sessions_page=1"/);
  assert.match(section(html, 'Mes créneaux d’entretien'), /rel="next" href="\/hosts\?sessions_page=2&amp;slots_page=4"/);
  assert.match(section(html, 'Réunions à venir'), /Page 2 sur \d+/);
});

test('a newcomer\'s page and their own choice: every free slot reachable, with how many there are', async () => {
  // the 510 free slots of cooperative 1 of the test above, online
  const nc = await hostc.json('POST', '/api/v1/newcomers', { cooperative_id: 1, name: 'Créneau Lointain', email: 'creneau.lointain@example.org', consent: true });
  assert.equal(nc.status, 201, JSON.stringify(nc.body));
  const free = sql(`SELECT s.id FROM interview_slots s WHERE s.cooperative_id = 1 AND s.deleted_at IS NULL AND s.starts_at > ${now()}`
    + " AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.slot_id = s.id AND i.status = 'booked') ORDER BY s.starts_at, s.id").split('\n');
  assert.ok(free.length > 510);
  const lastPage = Math.ceil(free.length / 20);
  // the host's view: a page of the choice, its total, the pager
  let html = await (await hostc.fetch(`/newcomers/${nc.body.id}`)).text();
  assert.match(html, new RegExp(`<p role="status" class="count">${free.length} créneaux libres</p>`));
  const options = (h) => [...h.match(/<select id="f-slot_id"[^>]*>([\s\S]*?)<\/select>/)[1].matchAll(/<option value="(\d+)">/g)]
    .map((m) => m[1]);
  assert.deepEqual(options(html), free.slice(0, 20), 'the next 20 first');
  assert.match(html, new RegExp(`rel="next" href="/newcomers/${nc.body.id}\\?slots_page=2"`));
  html = await (await hostc.fetch(`/newcomers/${nc.body.id}?slots_page=${lastPage}`)).text();
  assert.deepEqual(options(html), free.slice((lastPage - 1) * 20), 'the last page holds the last ones');
  // the newcomer's own choice, through the link mailed to them
  const sent = await srv.fetch(`/newcomers/${nc.body.id}/interview-link`, {
    method: 'POST', body: new URLSearchParams({ csrf_token: hostc.csrf }),
    headers: { Cookie: hostc.cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(sent.status, 303);
  const mail = await srv.waitForMail((m) => m.to === 'creneau.lointain@example.org');
  const path = mail.text.match(/http:\/\/127\.0\.0\.1:\d+(\/welcome\/interview\?token=nwc_[A-Za-z0-9_-]+)/)[1];
  const radios = (h) => [...h.matchAll(/<input type="radio" name="slot_id" id="slot-(\d+)"/g)].map((m) => m[1]);
  html = await (await srv.fetch(path)).text();
  assert.match(html, new RegExp(`<p role="status" class="count">${free.length} créneaux libres</p>`));
  assert.deepEqual(radios(html), free.slice(0, 20));
  const next = html.match(/rel="next" href="([^"]+)"/)[1].replaceAll('&amp;', '&');
  assert.equal(next, `${path}&page=2`, 'the next page keeps the link\'s token');
  html = await (await srv.fetch(`${path}&page=${lastPage}`)).text();
  assert.deepEqual(radios(html), free.slice((lastPage - 1) * 20), 'past the old cap of 60');
});

test('my bookings: the API and the page go past the old caps (500, 200) with their total', async () => {
  const member = await srv.login('membre@bigre.coop');
  const res = sql('SELECT r.id FROM resources r WHERE r.place_id = 2 ORDER BY r.id LIMIT 1');
  const t = now() + 5 * 86400;
  sql(`${series(505)} INSERT INTO bookings(resource_id, person_id, starts_at, ends_at, status, created_at, updated_at)`
    + ` SELECT ${res}, ${member.person.id}, ${t} + i * 3600, ${t} + i * 3600 + 1800, 'confirmed', ${now()}, ${now()} FROM k`);
  const all = await readAll(member, '/api/v1/bookings', 'bookings');
  assert.equal(all.total, Number(sql(`SELECT count(*) FROM bookings WHERE person_id = ${member.person.id} AND ends_at > ${now() - 86400}`)));
  assert.ok(all.total > 505);
  assert.equal(new Set(all.rows.map((b) => b.id)).size, all.total);
  await refusesBadLimit(member, '/api/v1/bookings');
  const toCome = Number(sql(`SELECT count(*) FROM bookings WHERE person_id = ${member.person.id} AND ends_at > ${now()}`
    + " AND status IN ('pending', 'confirmed')"));
  let html = await (await member.fetch('/bookings')).text();
  assert.match(html, new RegExp(`<p role="status" class="count">${toCome} réservations à venir</p>`));
  const last = Math.ceil(toCome / 20);
  assert.match(html, new RegExp(`Page 1 sur ${last}`));
  html = await (await member.fetch(`/bookings?page=${last}`)).text();
  assert.equal((html.match(/action="\/bookings\/\d+\/cancel"/g) ?? []).length, toCome - (last - 1) * 20, 'the last page holds the rest');
});
