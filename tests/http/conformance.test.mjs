// conformance.test.mjs — the server against the RFCs it speaks: HTTP
// (conditional requests, Host, absolute-form targets, compression, asset
// caching), mail (the Date: header) and iCalendar (STATUS of a booking),
// and the help text of `bigre serve`.  Raw sockets where fetch would hide
// what is on the wire.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { gunzipSync } from 'node:zlib';
import { bigre, startServer } from '../lib/server.mjs';

// Today's instant, in milliseconds; the one place this file reads the clock.
const today = () => Date.now();
// "YYYY-MM-DD" n days from today (UTC).
const day = (n) => new Date(today() + n * 86400000).toISOString().slice(0, 10);

let srv, admin, member;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
});
after(async () => { await srv.stop(); });

// Sends one raw request and returns {status, headers (lower-case names, a
// list per name), body (Buffer)} of the answer; the connection is closed
// by the request (Connection: close) or by the server.
function raw(request) {
  const { hostname, port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    const chunks = [];
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', reject);
    sock.on('close', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, end).toString('latin1').split('\r\n');
      const headers = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        const name = line.slice(0, i).toLowerCase();
        (headers[name] ??= []).push(line.slice(i + 1).trim());
      }
      resolve({ status: Number(head[0].split(' ')[1]), headers, body: all.subarray(end + 4), head: head.join('\n') });
    });
    sock.on('connect', () => sock.write(request));
  });
}

// A GET with the given extra header lines, closing the connection.
const get = (path, extra = '') => raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`);

test('bigre serve --help names the mail folder it really uses: FILE.mail/', () => {
  const r = bigre(['serve', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /default: FILE\.mail\/ beside the database/);
  assert.doesNotMatch(r.stdout, /default: mail\//);
});

test('a mail\'s Date: header is an RFC 5322 date-time in UTC', async () => {
  assert.equal((await srv.json('POST', '/api/v1/password-reset', { email: 'compta@bigre.coop' })).status, 202);
  const mail = await srv.waitForMail((m) => m.to === 'compta@bigre.coop');
  assert.match(mail.headers.date, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  const sent = Date.parse(mail.headers.date);
  assert.ok(Math.abs(sent - today()) < 120000, mail.headers.date);
});

test('feeds: a booking awaiting approval is TENTATIVE, then CONFIRMED, then CANCELLED', async () => {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: `Approval ${Math.random()}`, owner_type: 'cooperative', owner_id: 1, city: 'Bordeaux', territory: 'Gironde', hours });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const r = await admin.json('POST', `/api/v1/places/${p.body.id}/resources`, { name: 'R', kind: 'desk', max_duration_min: 600, needs_approval: 1 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const d = day(12);
  const b = await member.json('POST', '/api/v1/bookings', { resource_id: r.body.id, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T10:00:00Z` });
  assert.equal(b.body.status, 'pending');
  const feedPath = async (client, body) => {
    const f = await client.json('POST', '/api/v1/calendar-feeds', body);
    assert.equal(f.status, 201, JSON.stringify(f.body));
    const u = new URL(f.body.url);
    return u.pathname + u.search;
  };
  const feeds = [await feedPath(member, { kind: 'person' }), await feedPath(admin, { kind: 'place', target_id: p.body.id })];
  const statusIn = async (path) => {
    const res = await srv.fetch(path);
    assert.equal(res.status, 200);
    const event = (await res.text()).split('BEGIN:VEVENT').find((e) => e.includes(`UID:booking-${b.body.id}@bigre`));
    return event.match(/STATUS:([A-Z]+)/)[1];
  };
  for (const f of feeds) assert.equal(await statusIn(f), 'TENTATIVE', f);
  assert.equal((await admin.json('POST', `/api/v1/bookings/${b.body.id}/approve`)).status, 200);
  for (const f of feeds) assert.equal(await statusIn(f), 'CONFIRMED', f);
  assert.equal((await member.json('DELETE', `/api/v1/bookings/${b.body.id}`)).status, 204);
  for (const f of feeds) assert.equal(await statusIn(f), 'CANCELLED', f);
});
