// conformance.test.mjs — the server against the RFCs it speaks: HTTP
// (conditional requests, Host, absolute-form targets, compression, asset
// caching), mail (the Date: header) and iCalendar (STATUS of a booking),
// and the help text of `bigre serve`.  Raw sockets where fetch would hide
// what is on the wire.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { gunzipSync } from 'node:zlib';
import { bigre, startServer, testNow } from '../lib/server.mjs';

// The tests' instant, in milliseconds (the servers' clock).
const today = () => testNow().getTime();
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

test('304: the headers of the 200 (ETag, Cache-Control, Vary), no body metadata; If-None-Match *, lists, weak tags', async () => {
  for (const coding of ['', 'Accept-Encoding: gzip\r\n']) {
    const full = await get('/static/bigre.css', coding);
    assert.equal(full.status, 200);
    const etag = full.headers.etag[0];
    for (const inm of [etag, '*', `W/${etag}`, `"nope", ${etag}`]) {
      const r = await get('/static/bigre.css', `${coding}If-None-Match: ${inm}\r\n`);
      assert.equal(r.status, 304, `${coding} ${inm}`);
      assert.deepEqual(r.headers.etag, [etag]);
      assert.deepEqual(r.headers['cache-control'], full.headers['cache-control']);
      assert.deepEqual(r.headers.vary, ['Accept-Encoding']);
      assert.equal(r.headers['content-type'], undefined, r.head);
      assert.equal(r.headers['content-encoding'], undefined, r.head);
      // Content-Length, when sent, is the 200's (RFC 9110 §8.6)
      for (const n of r.headers['content-length'] ?? []) assert.equal(n, full.headers['content-length'][0], r.head);
      assert.equal(r.body.length, 0);
    }
    assert.equal((await get('/static/bigre.css', `${coding}If-None-Match: "other"\r\n`)).status, 200);
  }
  // the gzip form has its own tag: the identity tag does not validate it
  const plain = (await get('/static/bigre.css')).headers.etag[0];
  const gz = (await get('/static/bigre.css', 'Accept-Encoding: gzip\r\n')).headers.etag[0];
  assert.notEqual(plain, gz);
  assert.equal((await get('/static/bigre.css', `Accept-Encoding: gzip\r\nIf-None-Match: ${plain}\r\n`)).status, 200);
});

test('Host: none on HTTP/1.1, or two, is a 400 with the JSON error; HTTP/1.0 may omit it', async () => {
  for (const path of ['/healthz', '/api/v1/me', '/']) {
    for (const request of [`GET ${path} HTTP/1.1\r\nConnection: close\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
      `GET ${path} HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n`]) {
      const r = await raw(request);
      assert.equal(r.status, 400, request);
      assert.equal(JSON.parse(r.body.toString()).error.code, 'bad_host');
    }
  }
  assert.equal((await raw('GET /healthz HTTP/1.0\r\n\r\n')).status, 200);
  assert.equal((await get('/healthz')).status, 200);
});

test('an absolute-form target is routed by its path', async () => {
  const { port } = new URL(srv.url);
  for (const target of ['http://127.0.0.1/healthz', `http://127.0.0.1:${port}/healthz`, 'HTTP://example.org/healthz']) {
    const r = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    assert.equal(r.status, 200, target);
    assert.equal(JSON.parse(r.body.toString()).status, 'ok');
  }
  const me = await raw(`GET http://127.0.0.1:${port}/api/v1/me HTTP/1.1\r\nHost: x\r\nCookie: ${member.cookie}\r\nConnection: close\r\n\r\n`);
  assert.equal(me.status, 200);
  assert.equal(JSON.parse(me.body.toString()).email, 'membre@bigre.coop');
});

test('GET /healthz carries the same security and cache headers as HEAD /healthz', async () => {
  const g = await get('/healthz');
  const h = await raw('HEAD /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  for (const name of ['x-content-type-options', 'referrer-policy', 'cache-control', 'content-type', 'vary', 'content-length']) {
    assert.ok(g.headers[name], name);
    assert.deepEqual(g.headers[name], h.headers[name], name);
  }
});

// The answer to path for a client accepting coding ('' sends no header).
const fetchCoded = (path, coding, method = 'GET') => raw(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${member.cookie}\r\n`
  + `${coding === '' ? '' : `Accept-Encoding: ${coding}\r\n`}Connection: close\r\n\r\n`);

test('text answers are gzip-compressed when the client accepts it, to the identical bytes; q=0 and no header get identity', async () => {
  for (const path of ['/api/v1/people?per_page=100', '/directory.csv', '/directory', '/static/bigre.css']) {
    const plain = await fetchCoded(path, '');
    assert.equal(plain.status, 200, path);
    assert.equal(plain.headers['content-encoding'], undefined, path);
    assert.deepEqual(plain.headers.vary, ['Accept-Encoding'], path);
    for (const coding of ['gzip', 'deflate, gzip;q=0.5, br', '*']) {
      const gz = await fetchCoded(path, coding);
      assert.deepEqual(gz.headers['content-encoding'], ['gzip'], `${path} ${coding}`);
      assert.deepEqual(gz.headers.vary, ['Accept-Encoding'], path);
      assert.ok(gunzipSync(gz.body).equals(plain.body), `${path}: the same bytes once decompressed`);
      assert.ok(gz.body.length * 3 < plain.body.length, `${path}: ${plain.body.length} → ${gz.body.length}`);
      // HEAD: the same headers as GET, the gzip length
      const head = await fetchCoded(path, coding, 'HEAD');
      assert.deepEqual(head.headers['content-length'], [String(gz.body.length)], path);
      assert.deepEqual(head.headers['content-encoding'], ['gzip'], path);
    }
    for (const coding of ['gzip;q=0', 'identity', 'br;q=0, gzip;q=0', '*;q=0']) {
      const r = await fetchCoded(path, coding);
      assert.equal(r.headers['content-encoding'], undefined, `${path} ${coding}`);
      assert.ok(r.body.equals(plain.body), path);
    }
  }
  // small answers stay as they are; images are not text
  const me = await fetchCoded('/api/v1/me', 'gzip');
  assert.equal(me.headers['content-encoding'], undefined);
  assert.deepEqual(me.headers.vary, ['Accept-Encoding']);
});

test('pages link assets under versioned URLs, served immutable; the plain URL still works with a short cache', async () => {
  const page = (await fetchCoded('/', '')).body.toString();
  const css = page.match(/href="(\/static\/bigre\.[0-9a-f]{16}\.css)"/)[1];
  const icon = page.match(/href="(\/static\/favicon\.[0-9a-f]{16}\.svg)"/)[1];
  for (const url of [css, icon]) {
    const r = await get(url);
    assert.equal(r.status, 200, url);
    assert.deepEqual(r.headers['cache-control'], ['public, max-age=31536000, immutable']);
  }
  const versioned = await get(css);
  const plain = await get('/static/bigre.css');
  assert.equal(plain.status, 200);
  assert.ok(plain.body.equals(versioned.body));
  assert.doesNotMatch(plain.headers['cache-control'][0], /immutable/);
  assert.match(plain.headers['cache-control'][0], /max-age=\d{1,4}\b/);
  assert.equal((await get('/static/bigre.0123456789abcdef.css')).status, 404);
  assert.equal((await get('/static/bigre..css')).status, 404);
});
