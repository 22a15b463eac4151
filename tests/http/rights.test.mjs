// rights.test.mjs — defects found from outside (issue 9): rights decided
// before anything else is looked up, redirects that stay on this site,
// limits that count only failures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, bigre, testDay, testNow } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

// Logs in through the login page with `next`, as a browser does; returns the answer.
async function pageLogin(next, email = 'membre@bigre.coop', password = 'bigre-demo') {
  const page = await srv.fetch(`/login?next=${encodeURIComponent(next)}`);
  const html = await page.text();
  const token = html.match(/name="csrf_token" value="([^"]+)"/)[1];
  const formNext = html.match(/name="next" value="([^"]*)"/)[1].replace(/&amp;/g, '&');
  const cookie = page.headers.get('set-cookie').split(';')[0];
  return srv.fetch('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams({ csrf_token: token, email, password, next: formNext }).toString(),
  });
}

test('after login, next is followed only to a plain local path', async () => {
  for (const [next, where] of [
    ['/\t/evil.example', '/'], ['/\n/evil.example', '/'], ['//evil.example', '/'],
    ['/\\evil.example', '/'], ['https://evil.example/', '/'], ['/ /x', '/'],
    ['/places?x=1#top', '/places?x=1#top'], ['/me', '/me'], ['', '/me'],
  ]) {
    const res = await pageLogin(next);
    assert.equal(res.status, 303, JSON.stringify(next));
    assert.equal(res.headers.get('location'), where, JSON.stringify(next));
  }
});

test('the login rate limit counts failed attempts only', async () => {
  const own = await startServer(); // its limits are its own
  try {
  // 10 attempts per account and minute: 15 good logins all pass …
  for (let i = 0; i < 15; i++) {
    const r = await own.json('POST', '/api/v1/session', { email: 'associe@bigre.coop', password: 'bigre-demo' });
    assert.equal(r.status, 200, `login ${i + 1}`);
  }
  // … and failures are still limited
  let last;
  for (let i = 0; i < 12; i++) {
    last = await own.json('POST', '/api/v1/session', { email: 'associe@bigre.coop', password: 'wrong-password' });
    if (last.status === 429) break;
  }
  assert.equal(last.status, 429);
  } finally { await own.stop(); }
});

// A place of cooperative 1 open day and night whose bookings need a check-in.
async function checkInPlace(admin) {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: `Check-in ${Math.random()}`, owner_type: 'cooperative', owner_id: 1,
    city: 'Bordeaux', territory: 'Gironde', hours, checkin_release_min: 30 });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const r = await admin.json('POST', `/api/v1/places/${p.body.id}/resources`, { name: 'Poste', kind: 'desk', max_duration_min: 600 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

test('check-in: rights first (404), then the window (409); the button only while it is open', async () => {
  const admin = await srv.login('admin@bigre.coop');
  const member = await srv.login('membre@bigre.coop');
  const other = await srv.login('associe@bigre.coop');
  const resource = await checkInPlace(admin);
  // a booking two weeks away: no check-in offered, and a refusal if asked
  const d = testDay(14);
  const far = await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T10:00:00Z` });
  assert.equal(far.status, 201, JSON.stringify(far.body));
  assert.equal((await other.json('POST', `/api/v1/bookings/${far.body.id}/check-in`)).status, 404);
  assert.equal((await member.json('POST', '/api/v1/bookings/99999999/check-in')).status, 404);
  const refused = await member.json('POST', `/api/v1/bookings/${far.body.id}/check-in`);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.code, 'cannot_check_in');
  const checkInForm = (id) => `action="/bookings/${id}/check-in"`;
  let page = await (await member.fetch('/bookings')).text();
  assert.ok(page.includes(`/bookings/${far.body.id}/move`), 'the booking is listed');
  assert.ok(!page.includes(checkInForm(far.body.id)), 'no check-in two weeks ahead');
  // a booking starting within 15 minutes: offered, and accepted
  const start = new Date(Math.ceil((testNow().getTime() + 60000) / 300000) * 300000);
  const end = new Date(start.getTime() + 3600000);
  const near = await member.json('POST', '/api/v1/bookings', { resource_id: resource, starts_at: start.toISOString().replace('.000', ''),
    ends_at: end.toISOString().replace('.000', '') });
  assert.equal(near.status, 201, JSON.stringify(near.body));
  page = await (await member.fetch('/bookings')).text();
  assert.ok(page.includes(checkInForm(near.body.id)), 'check-in offered when open');
  // through the page's own form: back to the list, which offers it no more
  const done = await member.fetch(`/bookings/${near.body.id}/check-in`, { method: 'POST', body: new URLSearchParams({ csrf_token: member.csrf }) });
  assert.equal(done.status, 303);
  page = await (await member.fetch('/bookings')).text();
  assert.ok(!page.includes(checkInForm(near.body.id)), 'checked in: offered no more');
  assert.equal((await member.json('POST', `/api/v1/bookings/${near.body.id}/check-in`)).status, 409, 'only once');
});

test('granting a role: rights are checked before the person is looked up (no oracle of ids)', async () => {
  const member = await srv.login('membre@bigre.coop');
  const ask = (person_id) => member.json('POST', '/api/v1/roles', { person_id, role: 'admin', scope: 'cooperative', scope_id: 1 });
  const missing = await ask(99999999);
  const real = await ask(1);
  assert.equal(missing.status, 403, JSON.stringify(missing.body));
  assert.equal(real.status, 403);
  assert.equal(missing.body.error.code, real.body.error.code);
  // an administrator still hears that the person does not exist
  const admin = await srv.login('admin@bigre.coop');
  const r = await admin.json('POST', '/api/v1/roles', { person_id: 99999999, role: 'host', scope: 'cooperative', scope_id: 1 });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'unknown_person');
});

test("the roles page of a cooperative where one holds no role is a 404, without the grant form", async () => {
  const acc = await srv.login('accompagnement@bigre.coop');
  const res = await acc.fetch('/admin/roles?cooperative=2');
  assert.equal(res.status, 404);
  assert.ok(!(await res.text()).includes('action="/admin/roles"'), 'no grant form');
  assert.equal((await acc.fetch('/admin/roles?cooperative=1')).status, 403);
});

// ---- the hosts' dashboard follows authz_check ----

const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();
const hostsLink = 'href="/hosts"';

test('/hosts shows the waiting lists only to those who manage the sessions', async () => {
  const accompanist = await srv.login('accompagnement@bigre.coop');
  assert.equal((await accompanist.json('GET', '/api/v1/sessions/2/registrations')).status, 403);
  const waiting = sql("SELECT name FROM session_registrations WHERE session_id = 2 AND status = 'waiting'").split('\n').filter(Boolean);
  assert.ok(waiting.length > 0, 'the demo has people waiting for session 2');
  const res = await accompanist.fetch('/hosts');
  assert.equal(res.status, 200, 'an accompanist follows newcomers');
  const page = await res.text();
  // the table "who waits for what" (newcomers may be listed elsewhere: he follows them)
  const waits = (html) => html.slice(html.indexOf('<h2>Qui attend quoi</h2>'), html.indexOf('<h2>', html.indexOf('<h2>Qui attend quoi</h2>') + 4));
  for (const name of waiting) assert.ok(!waits(page).includes(name), `${name} is not shown to the accompanist`);
  assert.doesNotMatch(page, /id="f-s-coop"[^>]*>\s*<option/, 'no cooperative to schedule a session in');
  // the host of Coopaname sees them
  const host = await srv.login('accueil@bigre.coop');
  const hostPage = await (await host.fetch('/hosts')).text();
  for (const name of waiting) assert.ok(waits(hostPage).includes(name), `${name} is shown to the host`);
});

test('/hosts: 404 with no role at all, 403 for a plain member; the menu links it only for host work', async () => {
  const r = bigre(['user', 'add', '--db', srv.db, '--email', 'sans-role@example.org', '--name', 'Sans Rôle'], 'un mot de passe assez long\n');
  assert.equal(r.status, 0, r.stderr);
  const nobody = await srv.login('sans-role@example.org', 'un mot de passe assez long');
  const none = await nobody.fetch('/hosts');
  assert.equal(none.status, 404);
  const html = await none.text();
  for (const place of sql('SELECT name FROM places WHERE archived = 0 LIMIT 5').split('\n'))
    assert.ok(!html.includes(place), `no place name (${place}) on a 404`);
  const member = await srv.login('membre@bigre.coop');
  const refused = await member.fetch('/hosts');
  assert.equal(refused.status, 403);
  assert.doesNotMatch(await refused.text(), /action="\/hosts\/sessions/, 'no hosts forms for a member');
  assert.ok(!(await (await member.fetch('/sessions')).text()).includes(hostsLink), 'no hosts link for a member');
  const host = await srv.login('accueil@bigre.coop');
  assert.ok((await (await host.fetch('/sessions')).text()).includes(hostsLink), 'the hosts link for a host');
});

test("a unit's host works for the cooperatives of the unit", async () => {
  const host = await srv.login('hote@bigre.coop');
  const res = await host.fetch('/hosts');
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, /Réunion d(&#39;|')information à Darwin/, 'the Bordeaux sessions of Coopaname');
  // B!bx spans Coopaname, Oxalis and SMart: all three in the slot form's list
  const slotCoops = page.match(/id="f-i-coop" name="cooperative_id">(.*?)<\/select>/s)[1];
  for (const coop of ['Coopaname', 'Oxalis', 'SMart']) assert.ok(slotCoops.includes(coop), coop);
  assert.ok(!slotCoops.includes('value="0"'));
  // publishing a slot for Oxalis works
  const publish = await host.fetch('/hosts/interview-slots', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: host.csrf, cooperative_id: '2', place_id: '', online_url: 'https://visio.example/bigre',
      day: testDay(5), starts_at: '09:00', ends_at: '10:00' }).toString() });
  assert.equal(publish.status, 303, await publish.text());
  // the free slots of Oxalis, as the hosts who follow its newcomers see them, list it
  const free = await host.json('GET', '/api/v1/interview-slots?free=1&cooperative_id=2');
  assert.ok(free.body.slots.some((x) => x.cooperative_id === 2 && x.online_url === 'https://visio.example/bigre'),
    'the slot is among the free slots of Oxalis for the unit host');
  // and the API agrees: the unit's host manages Oxalis's sessions
  const s = await host.json('POST', '/api/v1/sessions', { cooperative_id: 2, title: 'Réunion à B!bx pour Oxalis',
    starts_at: `${testDay(6)}T08:00:00Z`, ends_at: `${testDay(6)}T10:00:00Z`, capacity: 10, online_url: 'https://visio.example/oxalis' });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  // the hosts' list decides alike (it read the roles of the cooperative only,
  // so the session just created for Oxalis was missing from it)
  const listed = await host.json('GET', '/api/v1/sessions?limit=500');
  assert.equal(listed.status, 200);
  const titles = listed.body.sessions.map((x) => x.title);
  assert.ok(titles.includes('Réunion à B!bx pour Oxalis'), 'the Oxalis session is in the unit host\'s list');
  // and still not a session of a cooperative the unit does not span
  const admin = await srv.login('admin@bigre.coop');
  const coop = await admin.json('POST', '/api/v1/cooperatives', { name: 'Scop hors de B!bx', legal_form: 'SCOP' });
  assert.equal(coop.status, 201, JSON.stringify(coop.body));
  const far = await admin.json('POST', '/api/v1/sessions', { cooperative_id: coop.body.id,
    title: 'Réunion hors de B!bx', starts_at: `${testDay(6)}T08:00:00Z`, ends_at: `${testDay(6)}T10:00:00Z`,
    capacity: 10, online_url: 'https://visio.example/ailleurs' });
  assert.equal(far.status, 201, JSON.stringify(far.body));
  const again = (await host.json('GET', '/api/v1/sessions?limit=500')).body.sessions.map((x) => x.title);
  assert.ok(!again.includes('Réunion hors de B!bx'), 'not a session of another cooperative');
});

test("a unit's host follows the newcomers of the unit's cooperatives in the lists too", async () => {
  // B!bx spans Oxalis: authz_check lets its host take in a newcomer there …
  const host = await srv.login('hote@bigre.coop');
  const made = await host.json('POST', '/api/v1/newcomers', { cooperative_id: 2, name: 'Ines Oxalis', email: 'ines.oxalis@example.org',
    territory: 'Gironde', birth_year: 1991, consent: true });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  // … and the lists read the same rule (they read the cooperative's roles only)
  const list = await host.json('GET', '/api/v1/newcomers?cooperative_id=2');
  assert.equal(list.status, 200);
  assert.ok(list.body.newcomers.some((x) => x.id === made.body.id), 'the newcomer is in the host\'s list');
  const stats = await host.fetch('/api/v1/newcomers/stats.csv');
  assert.equal(stats.status, 200);
  assert.match(await stats.text(), /"Oxalis"/, 'Oxalis is counted in the statistics');
  // a member of Oxalis follows no one
  const associate = await srv.login('associe@bigre.coop');
  const none = await associate.json('GET', '/api/v1/newcomers?cooperative_id=2');
  assert.equal(none.body.newcomers.length, 0);
});

test("receipts: only one's own activity's, attached to one report; others' are not even downloadable", async () => {
  const lea = await srv.login('membre@bigre.coop');
  const karim = await srv.login('hote@bigre.coop');
  const acts = async (c) => (await c.json('GET', '/api/v1/activities')).body.activities;
  const leaAct = (await acts(lea)).find((a) => a.code === 'LEA-GRAPH');
  const karimAct = (await acts(karim)).find((a) => a.code === 'KARIM-CUISINE');
  assert.ok(leaAct && karimAct);
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000200015e2f3a0a0000000049454e44ae426082', 'hex');
  const up = await lea.fetch(`/api/v1/receipts?activity_id=${leaAct.id}&filename=ticket.png`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: png });
  assert.equal(up.status, 201);
  const receipt = (await up.json()).id;
  const line = { date: testDay(0), category: 'travel', amount_cents: 1200, vat_cents: 200, receipt_id: receipt };
  // another member, on their own activity: the receipt does not exist for them
  const stolen = await karim.json('POST', '/api/v1/expenses', { activity_id: karimAct.id, kind: 'expense', title: 'Train', lines: [line] });
  assert.equal(stolen.status, 400, JSON.stringify(stolen.body));
  assert.equal(stolen.body.error.code, 'unknown_receipt');
  assert.equal((await karim.fetch(`/economy/receipts/${receipt}`)).status, 404);
  // its owner attaches it once; one report may use it on two lines, a second report may not
  const first = await lea.json('POST', '/api/v1/expenses', { activity_id: leaAct.id, kind: 'expense', title: 'Hôtel', lines: [line, { ...line, category: 'meals' }] });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  const second = await lea.json('POST', '/api/v1/expenses', { activity_id: leaAct.id, kind: 'expense', title: 'Encore', lines: [line] });
  assert.equal(second.status, 400);
  assert.equal(second.body.error.field, 'lines[0].receipt_id');
  assert.equal((await karim.fetch(`/economy/receipts/${receipt}`)).status, 404);
  assert.equal((await lea.fetch(`/economy/receipts/${receipt}`)).status, 200);
});

test('the database itself refuses a receipt on lines of two expense reports', async () => {
  const { execFileSync } = await import('node:child_process');
  const sql = (q) => execFileSync('sqlite3', [srv.db, q], { stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  const line = sql('SELECT report_id || \'|\' || receipt_id FROM expense_lines WHERE receipt_id IS NOT NULL LIMIT 1');
  assert.match(line, /^\d+\|\d+$/, 'an attached receipt to start from');
  const [report, receipt] = line.split('|');
  const lea = await srv.login('membre@bigre.coop');
  const act = (await lea.json('GET', '/api/v1/activities')).body.activities.find((a) => a.code === 'LEA-GRAPH');
  const draft = await lea.json('POST', '/api/v1/expenses', { activity_id: act.id, kind: 'expense', title: 'Autre',
    lines: [{ date: testDay(0), category: 'travel', amount_cents: 100, vat_cents: 0 }] });
  assert.equal(draft.status, 201);
  const other = draft.body.id;
  assert.notEqual(String(other), report);
  assert.throws(() => sql(`INSERT INTO expense_lines(report_id, line_date, category, account, amount_ttc, receipt_id)`
    + ` VALUES (${other}, '2026-12-01', 'travel', '6251', 100, ${receipt})`), /another expense report/);
});
