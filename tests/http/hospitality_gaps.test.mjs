// hospitality_gaps.test.mjs — the third pass of hospitality: a place's
// secret, revocable calendar link for those who manage it; session times
// told in the zone of the session's place; (further tests below for the
// public URL of mails, the promoted registrant's cancel link and the
// newcomer's own choice of a welcome interview slot).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, bigre, testDay, testNow } from '../lib/server.mjs';

// The tests' instant in Unix seconds: the servers' clock, never SQLite's
// wall-clock 'now'.
const nowSeconds = () => Math.floor(testNow().getTime() / 1000);

let srv, admin, member, hostc;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
  hostc = await srv.login('accueil@bigre.coop');
});
after(async () => { await srv.stop(); });
const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();

// "YYYY-MM-DD" n days from the tests' today (Paris).
const day = testDay;

// Posts an urlencoded form as a logged-in client (the CSRF token in the form).
const postForm = (client, path, fields, csrf = true) => srv.fetch(path, {
  method: 'POST', body: new URLSearchParams(csrf ? { csrf_token: client.csrf, ...fields } : fields),
  headers: { Cookie: client.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
});

test('a place\'s calendar link: made on the place page by those who manage it, secret, revocable', async () => {
  const ruche = (await member.json('GET', '/api/v1/places?territory=Gironde')).body.places.find((p) => p.name.startsWith('La Ruche'));
  // a member who does not manage the place: no form, refused by the page and the API
  let page = await (await member.fetch(`/places/${ruche.id}`)).text();
  assert.doesNotMatch(page, /calendar-feed/);
  let r = await postForm(member, `/places/${ruche.id}/calendar-feed`, {});
  assert.equal(r.status, 403);
  const api = await member.json('POST', '/api/v1/calendar-feeds', { kind: 'place', target_id: ruche.id });
  assert.equal(api.status, 403);
  assert.equal(sql(`SELECT count(*) FROM calendar_feeds WHERE person_id = ${member.person.id} AND kind = 'place'`), '0');
  // the host of its cooperative: the form; without CSRF refused
  page = await (await hostc.fetch(`/places/${ruche.id}`)).text();
  assert.match(page, new RegExp(`action="/places/${ruche.id}/calendar-feed"`));
  r = await postForm(hostc, `/places/${ruche.id}/calendar-feed`, {}, false);
  assert.equal(r.status, 403);
  r = await postForm(hostc, `/places/${ruche.id}/calendar-feed`, {});
  assert.equal(r.status, 200);
  page = await r.text();
  const url = page.match(/<code class="feed">([^<]+)<\/code>/)[1];
  assert.match(url, /^http:\/\/[^/]+\/calendar\.ics\?token=cal_/);
  const feedPath = url.replace(/^http:\/\/[^/]+/, '');
  const ics = await (await srv.fetch(feedPath)).text();
  assert.match(ics, /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT[\s\S]*UID:booking-\d+@bigre/);
  // the VTIMEZONE bears the TZID the times name, and a time with a TZID is a local one (no "Z")
  assert.match(ics, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r\n/);
  assert.match(ics, /DTSTART;TZID=Europe\/Paris:\d{8}T\d{6}\r\n/);
  assert.doesNotMatch(ics, /;TZID=[^:]+:\d{8}T\d{6}Z/);
  // one booking of the place, at its local hour
  const [bid, starts] = sql(`SELECT b.id, b.starts_at FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE r.place_id = ${ruche.id} AND b.starts_at > ${nowSeconds()} ORDER BY b.id LIMIT 1`).split('|');
  const local = new Date(Number(starts) * 1000).toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).replace(/[-: ]/g, '').replace(/^(\d{8})/, '$1T');
  assert.match(ics, new RegExp(`UID:booking-${bid}@bigre[\\s\\S]*?DTSTART;TZID=Europe/Paris:${local}\r\n`));
  const feedId = Number(sql(`SELECT max(id) FROM calendar_feeds WHERE person_id = ${hostc.person.id} AND kind = 'place' AND target_id = ${ruche.id}`));
  // shown once: the page afterwards lists it with a revoke button, without the token
  page = await (await hostc.fetch(`/places/${ruche.id}`)).text();
  assert.ok(!page.includes(url.split('token=')[1]), 'the token is not shown again');
  assert.match(page, new RegExp(`/places/${ruche.id}/calendar-feeds/${feedId}/revoke`));
  // dated by the group's (Paris) day, not the UTC one (00:30 on 1 January is 31 December in UTC)
  assert.ok(page.includes(`Lien créé le ${testDay(0).split('-').reverse().join('/')}`), 'the link is dated today in Paris');
  // someone else cannot revoke it
  r = await postForm(member, `/places/${ruche.id}/calendar-feeds/${feedId}/revoke`, {});
  assert.equal(r.status, 404);
  assert.equal((await srv.fetch(feedPath)).status, 200);
  r = await postForm(hostc, `/places/${ruche.id}/calendar-feeds/${feedId}/revoke`, {});
  assert.equal(r.status, 303);
  assert.equal((await srv.fetch(feedPath)).status, 404);
  assert.equal(sql(`SELECT group_concat(action, ' ') FROM audit_log WHERE entity = 'calendar_feed' AND entity_id = ${feedId}`), 'create revoke');
});

test('a session is told in its place\'s time zone on the registration and cancel pages', async () => {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: 'Tiers-lieu de Cayenne', owner_type: 'cooperative', owner_id: 1, city: 'Cayenne', postcode: '97300', territory: 'Guyane', timezone: 'America/Cayenne', hours });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  // 15:00 UTC is 12:00 in Cayenne (UTC-3, no summer time), 16:00 or 17:00 in Paris
  const s = await hostc.json('POST', '/api/v1/sessions', { cooperative_id: 1, title: 'Réunion à Cayenne', place_id: p.body.id, starts_at: `${day(10)}T15:00:00Z`, ends_at: `${day(10)}T17:00:00Z`, capacity: 5 });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const [y, m, d] = day(10).split('-');
  let page = await (await srv.fetch(`/sessions/${s.body.id}/register`)).text();
  assert.ok(page.includes(`${d}/${m}/${y} 12:00`), 'the local time of Cayenne');
  assert.ok(!page.includes(`${d}/${m}/${y} 16:00`) && !page.includes(`${d}/${m}/${y} 17:00`));
  const reg = await srv.json('POST', `/api/v1/public/sessions/${s.body.id}/registrations`, { name: 'Inès Cayenne', email: 'ines.cayenne@example.org', postcode: '97300', consent: true });
  assert.equal(reg.status, 202);
  const mail = await srv.waitForMail((x) => x.to === 'ines.cayenne@example.org');
  const link = mail.text.match(/https?:\/\/\S+(\/sessions\/cancel\?token=[A-Za-z0-9_-]+)/)[1];
  page = await (await srv.fetch(link)).text();
  assert.ok(page.includes(`${d}/${m}/${y} 12:00`));
  // and on the hosts' dashboard
  page = await (await hostc.fetch('/hosts')).text();
  assert.ok(page.includes(`${d}/${m}/${y} 12:00`));
});

test('bigre serve --public-url: checked, documented in --help', () => {
  const help = bigre(['serve', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--public-url/);
  for (const bad of ['ftp://bigre.example.org', 'bigre.example.org', 'https://', 'https://bigre.example.org/?x=1',
    'https://bigre.example.org/#top', 'https://bigre.example.org x', 'https://user@bigre.example.org',
    'https://bigre.example.org:0', 'https://bigre.example.org:99999', 'https://bigre.example.org/"><script>',
    'https://.example.org', 'https://bigre.example.org//x']) {
    const r = bigre(['serve', '--db', '/nonexistent.db', '--public-url', bad]);
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /--public-url/, bad);
  }
});

// A request with a forged Host header (fetch does not let one set it).
function postWithHost(url, path, host, body) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const data = JSON.stringify(body);
    const rq = request({ host: u.hostname, port: u.port, path, method: 'POST',
      headers: { Host: host, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    rq.on('error', reject);
    rq.end(data);
  });
}

test('with --public-url, the digest, the confirmation and its cancel link carry absolute links to it, whatever the Host header', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bigre-public-'));
  const db = join(dir, 'pub.db');
  assert.equal(bigre(['demo', '--db', db]).status, 0);
  const q = (x) => execFileSync('sqlite3', [db, x]).toString().trim();
  const host = q("SELECT id FROM people WHERE email = 'accueil@bigre.coop'");
  // the welcome host wants the digest: the first tick, at start, sends it (from 07:00 Paris time)
  q(`INSERT INTO host_digest_prefs(person_id, wants, updated_at) VALUES (${host}, 1, ${Math.floor(testNow() / 1000)})`);
  const parisHour = Number(testNow().toLocaleString('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hour12: false }));
  const pub = await startServer({ db, args: ['--public-url', 'https://bigre.example.org/'] });
  try {
    if (parisHour >= 7 && parisHour < 23) {
      const digest = await pub.waitForMail((m) => m.to === 'accueil@bigre.coop' && /digest|quotidien|accueil/i.test(m.subject));
      assert.match(digest.text, /^https:\/\/bigre\.example\.org\/hosts$/m);
      const html = digest.parts.find((p) => p.type.startsWith('text/html')).text;
      assert.match(html, /<a href="https:\/\/bigre\.example\.org\/hosts">https:\/\/bigre\.example\.org\/hosts<\/a>/);
    }
    // a public registration sent with a forged Host: the link still goes to the public URL
    const s = (await pub.json('GET', '/api/v1/public/sessions')).body.sessions.find((x) => !x.full);
    assert.ok(s, 'a session with room');
    const st = await postWithHost(pub.url, `/api/v1/public/sessions/${s.id}/registrations`, 'evil.example',
      { name: 'Zoé Publique', email: 'zoe.publique@example.org', postcode: '33000', consent: true });
    assert.equal(st, 202);
    const conf = await pub.waitForMail((m) => m.to === 'zoe.publique@example.org');
    assert.doesNotMatch(conf.raw, /evil\.example/);
    const link = conf.text.match(/https:\/\/bigre\.example\.org\/sessions\/cancel\?token=[A-Za-z0-9_-]+/);
    assert.ok(link, conf.text);
    const html = conf.parts.find((p) => p.type.startsWith('text/html')).text;
    assert.ok(html.includes(`<a href="${link[0]}">`), 'a clickable link in the HTML part');
    // the link works once the public address is mapped to this server
    const page = await (await pub.fetch(link[0].replace('https://bigre.example.org', ''))).text();
    assert.match(page, /name="token"/);
  } finally {
    await pub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

// Follows a cancel link as a visitor would: the page, then its form (double-submit CSRF).
async function cancelByLink(server, link) {
  const path = link.replace(/^https?:\/\/[^/]+/, '');
  const page = await server.fetch(path);
  assert.equal(page.status, 200);
  const html = await page.text();
  const csrf = html.match(/name="csrf_token" value="([^"]+)"/)[1];
  const token = html.match(/name="token" value="([^"]+)"/)[1];
  const cookie = page.headers.get('set-cookie').split(';')[0];
  const r = await server.fetch('/sessions/cancel', { method: 'POST', body: new URLSearchParams({ csrf_token: csrf, token }),
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 303);
  return (await server.fetch(r.headers.get('location'))).text();
}

test('a registrant promoted from the waiting list gets a cancel link of their own, which works', async () => {
  const s = await hostc.json('POST', '/api/v1/sessions', { cooperative_id: 1, title: 'Réunion d\'une place', online_url: 'https://visio.example.org/une', starts_at: `${day(12)}T09:00:00Z`, ends_at: `${day(12)}T11:00:00Z`, capacity: 1 });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const reg = (name, email) => srv.json('POST', `/api/v1/public/sessions/${s.body.id}/registrations`, { name, email, postcode: '33000', consent: true });
  assert.equal((await reg('Alix Première', 'alix.premiere@example.org')).status, 202);
  assert.equal((await reg('Basile Attente', 'basile.attente@example.org')).status, 202);
  const first = await srv.waitForMail((m) => m.to === 'alix.premiere@example.org');
  const waiting = await srv.waitForMail((m) => m.to === 'basile.attente@example.org');
  const waitLink = waiting.text.match(/http:\/\/\S+\/sessions\/cancel\?token=[A-Za-z0-9_-]+/)[0];
  // Alix cancels: Basile is promoted and told, with a new link
  assert.match(await cancelByLink(srv, first.text.match(/http:\/\/\S+\/sessions\/cancel\?token=[A-Za-z0-9_-]+/)[0]), /annulée|cancelled/);
  const promoted = await srv.waitForMail((m) => m.to === 'basile.attente@example.org' && m.parts.some((p) => /METHOD:REQUEST/.test(p.text)));
  assert.match(promoted.text, /place (s'est libérée|has freed)/);
  const link = promoted.text.match(/http:\/\/127\.0\.0\.1:\d+\/sessions\/cancel\?token=(reg_[A-Za-z0-9_-]+)/);
  assert.ok(link, promoted.text);
  assert.notEqual(link[0], waitLink, 'a new token');
  assert.doesNotMatch(promoted.text, /premier courriel|first email/);
  const html = promoted.parts.find((p) => p.type.startsWith('text/html')).text;
  assert.ok(html.includes(`<a href="${link[0]}">`));
  // only its hash is stored
  const regId = sql(`SELECT id FROM session_registrations WHERE email = 'basile.attente@example.org' AND session_id = ${s.body.id}`);
  assert.equal(sql(`SELECT count(*) FROM registration_links WHERE registration_id = ${regId} AND length(token_hash) = 32`), '1');
  assert.equal(sql(`SELECT count(*) FROM registration_links WHERE CAST(token_hash AS TEXT) LIKE '%${link[1].slice(4, 20)}%'`), '0');
  assert.equal(sql(`SELECT status FROM session_registrations WHERE id = ${regId}`), 'registered');
  // following it cancels Basile's place, with the CANCEL invitation
  const done = await cancelByLink(srv, link[0]);
  assert.match(done, /Votre inscription est annulée|Your registration is cancelled/);
  assert.equal(sql(`SELECT status FROM session_registrations WHERE id = ${regId}`), 'cancelled');
  await srv.waitForMail((m) => m.to === 'basile.attente@example.org' && m.parts.some((p) => /METHOD:CANCEL/.test(p.text)));
  // the link of the waiting-list mail opens the same, cancelled, registration
  assert.match(await (await srv.fetch(waitLink.replace(/^http:\/\/[^/]+/, ''))).text(), /Votre inscription est annulée|Your registration is cancelled/);
  // a made-up token: not found
  assert.equal((await srv.fetch('/sessions/cancel?token=reg_nothing')).status, 404);
});

// A visitor's form post on a public page: the page first (for the CSRF cookie and field).
async function publicPost(server, pagePath, action, fields, withCsrf = true) {
  const page = await server.fetch(pagePath);
  const html = await page.text();
  const csrf = html.match(/name="csrf_token" value="([^"]+)"/)?.[1];
  const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
  const body = new URLSearchParams(withCsrf ? { csrf_token: csrf, ...fields } : fields);
  return server.fetch(action, { method: 'POST', body, headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
}

test('a newcomer chooses their welcome interview slot through a secret link mailed to them', async () => {
  const nc = await hostc.json('POST', '/api/v1/newcomers', { cooperative_id: 1, name: 'Noé Choisit', email: 'noe.choisit@example.org', lang: 'fr', consent: true });
  assert.equal(nc.status, 201, JSON.stringify(nc.body));
  const other = await hostc.json('POST', '/api/v1/newcomers', { cooperative_id: 1, name: 'Autre Personne', email: 'autre.personne@example.org', lang: 'fr', consent: true });
  const d = day(25);
  const slotA = (await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, place_id: 1, starts_at: `${d}T10:00`, ends_at: `${d}T11:00` })).body.id;
  const slotB = (await hostc.json('POST', '/api/v1/interview-slots', { cooperative_id: 1, online_url: 'https://visio.example.org/noe', starts_at: `${d}T14:00`, ends_at: `${d}T15:00` })).body.id;
  assert.ok(slotA && slotB);
  // someone who does not follow newcomers cannot send it
  assert.ok([403, 404].includes((await member.json('POST', `/api/v1/newcomers/${nc.body.id}/interview-link`)).status));
  assert.ok([403, 404].includes((await postForm(member, `/newcomers/${nc.body.id}/interview-link`, {})).status));
  // the host sends it from the newcomer's page
  let r = await postForm(hostc, `/newcomers/${nc.body.id}/interview-link`, {});
  assert.equal(r.status, 303);
  assert.match(await (await hostc.fetch(r.headers.get('location'))).text(), /Le lien est envoyé/);
  const mail = await srv.waitForMail((m) => m.to === 'noe.choisit@example.org' && /choisissez la date/i.test(m.subject));
  const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+(\/welcome\/interview\?token=(nwc_[A-Za-z0-9_-]+))/);
  assert.ok(link, mail.text);
  const [, path, token] = link;
  assert.equal(sql(`SELECT count(*) FROM newcomer_links WHERE newcomer_id = ${nc.body.id} AND length(token_hash) = 32 AND expires_at > ${nowSeconds()} + 29 * 86400`), '1');
  assert.ok(Number(sql(`SELECT count(*) FROM audit_log WHERE entity = 'newcomer_link' AND action = 'create' AND actor_id = ${hostc.person.id}`)) >= 1);
  // the page, no account: the cooperative's free slots
  let page = await (await srv.fetch(path)).text();
  assert.match(page, /Votre entretien d’accueil/);
  assert.ok(page.includes(`id="slot-${slotA}"`) && page.includes(`id="slot-${slotB}"`));
  assert.match(page, /name="csrf_token"/);
  // no CSRF: refused; no slot chosen: 422 with the message next to the list
  r = await publicPost(srv, path, '/welcome/interview', { token, slot_id: String(slotB) }, false);
  assert.equal(r.status, 403);
  r = await publicPost(srv, path, '/welcome/interview', { token });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /id="e-slot_id"[^>]*>[^<]*Choisissez un créneau\./);
  // slot A is taken meanwhile by a host: a clear French refusal next to the list, A no longer offered
  assert.equal((await hostc.json('POST', `/api/v1/newcomers/${other.body.id}/interview`, { slot_id: slotA })).status, 201);
  r = await publicPost(srv, path, '/welcome/interview', { token, slot_id: String(slotA) });
  assert.equal(r.status, 409);
  page = await r.text();
  assert.match(page, /id="e-slot_id"[^>]*>[^<]*Ce créneau vient d’être pris : choisissez-en un autre\./);
  assert.ok(!page.includes(`id="slot-${slotA}"`) && page.includes(`id="slot-${slotB}"`));
  assert.equal(sql(`SELECT count(*) FROM interviews WHERE newcomer_id = ${nc.body.id}`), '0');
  // slot B: booked, the invitation mailed with its own link
  r = await publicPost(srv, path, '/welcome/interview', { token, slot_id: String(slotB) });
  assert.equal(r.status, 303);
  page = await (await srv.fetch(r.headers.get('location'))).text();
  assert.match(page, /Votre entretien est réservé/);
  assert.match(page, /Annuler cet entretien/);
  assert.equal(sql(`SELECT status || ' ' || booked_by FROM interviews WHERE newcomer_id = ${nc.body.id}`), `booked ${hostc.person.id}`);
  assert.equal(sql(`SELECT a.after FROM audit_log a JOIN interviews i ON i.id = a.entity_id WHERE a.entity = 'interview' AND a.action = 'create' AND i.newcomer_id = ${nc.body.id}`),
    `{"slot_id":${slotB},"newcomer_id":${nc.body.id},"by":"newcomer"}`);
  assert.equal(sql(`SELECT current_step FROM newcomers WHERE id = ${nc.body.id}`), 'welcome_interview');
  const inv = await srv.waitForMail((m) => m.to === 'noe.choisit@example.org' && m.parts.some((p) => /METHOD:REQUEST/.test(p.text)));
  assert.match(inv.text, /http:\/\/127\.0\.0\.1:\d+\/welcome\/interview\?token=nwc_/);
  // no second booking through the link
  r = await publicPost(srv, path, '/welcome/interview', { token, slot_id: String(slotA) });
  assert.ok([409, 422].includes(r.status));
  // the host sees it on the newcomer's page
  assert.match(await (await hostc.fetch(`/newcomers/${nc.body.id}`)).text(), /class="interview-booked"/);
  // the newcomer cancels: CANCEL mailed, the slot free again
  r = await publicPost(srv, `${path}&booked=1`, '/welcome/interview/cancel', { token });
  assert.equal(r.status, 303);
  assert.match(await (await srv.fetch(r.headers.get('location'))).text(), /Votre entretien est annulé/);
  assert.equal(sql(`SELECT status FROM interviews WHERE newcomer_id = ${nc.body.id}`), 'cancelled');
  await srv.waitForMail((m) => m.to === 'noe.choisit@example.org' && m.parts.some((p) => /METHOD:CANCEL/.test(p.text)));
  // a made-up or expired link opens nothing
  assert.equal((await srv.fetch('/welcome/interview?token=nwc_nothing')).status, 404);
  sql(`UPDATE newcomer_links SET expires_at = 1 WHERE newcomer_id = ${nc.body.id}`);
  assert.equal((await srv.fetch(path)).status, 404);
});
