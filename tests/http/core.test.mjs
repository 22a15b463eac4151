// core.test.mjs — the platform core over HTTP: limits, errors, sessions,
// CSRF, tokens, rate limits, password reset, static assets, shutdown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

// Sends raw bytes on one socket and collects everything until it closes
// or goes quiet.
function rawExchange(url, payload, { quietMs = 400 } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect(Number(port), hostname);
    let data = '';
    let closed = false;
    let timer;
    const finish = () => { clearTimeout(timer); sock.destroy(); resolve({ data, closed }); };
    const arm = () => { clearTimeout(timer); timer = setTimeout(finish, quietMs); };
    sock.on('data', (d) => { data += d; arm(); });
    sock.on('end', () => { closed = true; finish(); });
    sock.on('error', () => { closed = true; finish(); });
    sock.on('connect', () => { sock.write(payload); arm(); });
  });
}

test('GET /healthz answers ok with the version', async () => {
  const r = await srv.json('GET', '/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'ok');
  assert.equal(typeof r.body.version, 'string');
  assert.ok(r.body.version.length > 0);
});

test('keep-alive: two requests on one connection are both answered', async () => {
  const { hostname, port } = new URL(srv.url);
  const sock = net.connect(Number(port), hostname);
  await new Promise((r) => sock.on('connect', r));
  let data = '';
  let closed = false;
  sock.on('data', (d) => { data += d; });
  sock.on('close', () => { closed = true; });
  const waitFor = async (n) => {
    const end = Date.now() + 3000;
    while ((data.match(/HTTP\/1\.1 \d{3} /g) ?? []).length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  };
  sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  await waitFor(1);
  sock.write('GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n');
  await waitFor(2);
  await new Promise((r) => setTimeout(r, 100));
  sock.destroy();
  const statuses = [...data.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
  assert.deepEqual(statuses, ['200', '401']);
  assert.doesNotMatch(data, /connection: close/i);
  assert.equal(closed, false, 'the server kept the connection open');
});

test('unknown route → 404 with a JSON error', async () => {
  const r = await srv.json('GET', '/api/v1/nothing-here');
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, 'not_found');
  assert.equal(typeof r.body.error.message, 'string');
});

test('wrong method → 405 with Allow', async () => {
  const r = await srv.json('PUT', '/api/v1/me', {});
  assert.equal(r.status, 405);
  assert.equal(r.body.error.code, 'method_not_allowed');
  assert.match(r.headers.get('allow'), /GET/);
});

test('a body over 1 MiB → 413 body_too_large', async () => {
  const r = await srv.json('POST', '/api/v1/session', 'x'.repeat(1024 * 1024 + 1));
  assert.equal(r.status, 413);
  assert.equal(r.body.error.code, 'body_too_large');
});

test('a chunked body over 1 MiB → 413 too', async () => {
  const chunk = 'a'.repeat(256 * 1024);
  let payload = 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
  for (let i = 0; i < 5; i++) payload += `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
  payload += '0\r\n\r\n';
  const r = await rawExchange(srv.url, payload, { quietMs: 1500 });
  assert.match(r.data, /^HTTP\/1\.1 413/);
  assert.match(r.data, /body_too_large/);
});

test('a declared body far over the cap is refused at once with 413', async () => {
  const r = await rawExchange(srv.url, 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{');
  assert.match(r.data, /^HTTP\/1\.1 413/);
  assert.match(r.data, /body_too_large/);
});

test('headers too large → 431', async () => {
  const r = await rawExchange(srv.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100 * 1024)}\r\n\r\n`);
  assert.match(r.data, /^HTTP\/1\.1 431/);
});

test('malformed JSON → 400 invalid_json', async () => {
  const r = await srv.json('POST', '/api/v1/session', '{"email": ');
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'invalid_json');
});

test('JSON that is not an object → 400 invalid_json', async () => {
  const r = await srv.json('POST', '/api/v1/session', '[1,2]');
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'invalid_json');
});

test('invalid UTF-8 → 400 invalid_utf8', async () => {
  const res = await srv.fetch('/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
  });
  const body = await res.json();
  assert.equal(res.status, 400);
  assert.equal(body.error.code, 'invalid_utf8');
});

test('a missing field → 400 missing_field naming it', async () => {
  const r = await srv.json('POST', '/api/v1/session', { email: 'admin@bigre.coop' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'missing_field');
  assert.equal(r.body.error.field, 'password');
});

test('a wrongly-typed field → 400 invalid_type naming it', async () => {
  const r = await srv.json('POST', '/api/v1/session', { email: 42, password: 'x' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'invalid_type');
  assert.equal(r.body.error.field, 'email');
});

test('a body that is not JSON → 415', async () => {
  const r = await srv.json('POST', '/api/v1/session', undefined, {});
  assert.equal(r.status, 415);
  assert.equal(r.body.error.code, 'unsupported_media_type');
});

test('error messages are French by default and English on request', async () => {
  const fr = await srv.json('POST', '/api/v1/session', { email: 'admin@bigre.coop' });
  const en = await srv.json('POST', '/api/v1/session', { email: 'admin@bigre.coop' }, { 'Accept-Language': 'en-GB,en;q=0.8' });
  assert.equal(fr.body.error.message, 'Ce champ est obligatoire.');
  assert.equal(en.body.error.message, 'This field is required.');
});

test('login sets a safe session cookie and returns the CSRF token and person', async () => {
  const r = await srv.json('POST', '/api/v1/session', { email: 'ADMIN@bigre.coop ', password: 'bigre-demo' });
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /^bigre_session=[A-Za-z0-9_-]{40,};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.doesNotMatch(cookie, /Secure/);
  assert.ok(r.body.csrf_token.length >= 40);
  assert.equal(r.body.person.email, 'admin@bigre.coop');
  assert.deepEqual(r.body.person.roles, [{ role: 'admin', scope: 'group', scope_id: 0 }]);
});

test('wrong password and unknown email get the same 401', async () => {
  const a = await srv.json('POST', '/api/v1/session', { email: 'membre@bigre.coop', password: 'not the password' });
  const b = await srv.json('POST', '/api/v1/session', { email: 'nobody@bigre.coop', password: 'not the password' });
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  assert.deepEqual(a.body, b.body);
  assert.equal(a.body.error.code, 'bad_credentials');
});

test('GET /api/v1/me needs authentication and lists roles with scopes', async () => {
  const anon = await srv.json('GET', '/api/v1/me');
  assert.equal(anon.status, 401);
  assert.equal(anon.body.error.code, 'unauthenticated');
  const c = await srv.login('hote@bigre.coop');
  const me = await c.json('GET', '/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.display_name, 'Karim Benali');
  const roles = me.body.roles.map((r) => `${r.role}@${r.scope}`);
  assert.ok(roles.includes('host@unit'), roles.join());
  assert.ok(roles.includes('member@cooperative'), roles.join());
  assert.ok(!roles.some((r) => r.startsWith('admin')), 'no role he was not given');
});

test('a state change with a session cookie needs the CSRF token', async () => {
  const c = await srv.login('membre@bigre.coop');
  const noToken = await srv.json('DELETE', '/api/v1/session', undefined, { Cookie: c.cookie });
  assert.equal(noToken.status, 403);
  assert.equal(noToken.body.error.code, 'csrf_failed');
  const wrong = await srv.json('DELETE', '/api/v1/session', undefined, { Cookie: c.cookie, 'X-CSRF-Token': 'x'.repeat(43) });
  assert.equal(wrong.status, 403);
  assert.equal((await c.json('GET', '/api/v1/me')).status, 200, 'still logged in');
  const ok = await c.json('DELETE', '/api/v1/session');
  assert.equal(ok.status, 204);
  assert.equal((await c.json('GET', '/api/v1/me')).status, 401, 'logged out');
});

test('login rotates the session: each login gets a new token', async () => {
  const a = await srv.login('compta@bigre.coop');
  const b = await srv.login('compta@bigre.coop');
  assert.notEqual(a.cookie, b.cookie);
  assert.equal((await a.json('GET', '/api/v1/me')).status, 200);
});

test('personal API tokens: shown once, authenticate without CSRF, revocable', async () => {
  const c = await srv.login('accompagnement@bigre.coop');
  const created = await c.json('POST', '/api/v1/tokens', { name: 'script' });
  assert.equal(created.status, 201);
  assert.match(created.body.token, /^bgr_/);
  const bearer = { Authorization: `Bearer ${created.body.token}` };
  const me = await srv.json('GET', '/api/v1/me', undefined, bearer);
  assert.equal(me.status, 200);
  assert.equal(me.body.email, 'accompagnement@bigre.coop');
  const list = await c.json('GET', '/api/v1/tokens');
  assert.equal(list.body.tokens.length, 1);
  assert.equal(list.body.tokens[0].token, undefined, 'the secret is never listed');
  // a state change with a token needs no CSRF header
  const second = await srv.json('POST', '/api/v1/tokens', { name: 'other' }, bearer);
  assert.equal(second.status, 201);
  const revoked = await srv.json('DELETE', `/api/v1/tokens/${created.body.id}`, undefined, bearer);
  assert.equal(revoked.status, 204);
  assert.equal((await srv.json('GET', '/api/v1/me', undefined, bearer)).status, 401);
  const bad = await srv.json('GET', '/api/v1/me', undefined, { Authorization: 'Bearer bgr_nonsense' });
  assert.equal(bad.status, 401);
});

test('login is rate-limited per account with 429 and Retry-After', async () => {
  let last;
  for (let i = 0; i < 12; i++) {
    last = await srv.json('POST', '/api/v1/session', { email: 'associe@bigre.coop', password: 'wrong password!' });
    if (last.status === 429) break;
  }
  assert.equal(last.status, 429);
  assert.equal(last.body.error.code, 'rate_limited');
  assert.ok(Number(last.headers.get('retry-after')) >= 1);
});

test('password reset by an emailed one-time link', async () => {
  const unknown = await srv.json('POST', '/api/v1/password-reset', { email: 'ghost@bigre.coop' });
  const known = await srv.json('POST', '/api/v1/password-reset', { email: 'compta@bigre.coop' });
  assert.equal(unknown.status, 202);
  assert.deepEqual(unknown.body, known.body, 'no enumeration');
  const mail = await srv.waitForMail((m) => m.to === 'compta@bigre.coop');
  assert.match(mail.subject, /nouveau mot de passe/);
  const token = mail.text.match(/reset\?token=([A-Za-z0-9_-]+)/)[1];
  const weak = await srv.json('POST', '/api/v1/password-reset/confirm', { token, password: 'short' });
  assert.equal(weak.status, 400);
  assert.equal(weak.body.error.code, 'password_too_short');
  const common = await srv.json('POST', '/api/v1/password-reset/confirm', { token, password: 'motdepasse123' });
  assert.equal(common.body.error.code, 'password_too_common');
  const ok = await srv.json('POST', '/api/v1/password-reset/confirm', { token, password: 'un nouveau mot de passe sûr' });
  assert.equal(ok.status, 200);
  const again = await srv.json('POST', '/api/v1/password-reset/confirm', { token, password: 'encore un autre mot de passe' });
  assert.equal(again.status, 400);
  assert.equal(again.body.error.code, 'invalid_reset_token');
  assert.equal((await srv.json('POST', '/api/v1/session', { email: 'compta@bigre.coop', password: 'bigre-demo' })).status, 401);
  assert.equal((await srv.json('POST', '/api/v1/session', { email: 'compta@bigre.coop', password: 'un nouveau mot de passe sûr' })).status, 200);
});

test('static assets are served with ETag and cache headers, 304 when unchanged', async () => {
  const r = await srv.fetch('/static/bigre.css');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/css/);
  assert.match(r.headers.get('cache-control'), /max-age=\d+/);
  const etag = r.headers.get('etag');
  assert.ok(etag);
  const again = await srv.fetch('/static/bigre.css', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await srv.fetch('/static/nope.css')).status, 404);
});

test('the access log has one line per request and never a secret', async () => {
  const c = await srv.login('membre@bigre.coop');
  await srv.fetch('/api/v1/me?token=SECRET-IN-QUERY', { headers: { Cookie: c.cookie } });
  await new Promise((r) => setTimeout(r, 100));
  const log = srv.log();
  const lines = log.split('\n').filter((l) => l.includes('"path":"/api/v1/me"'));
  assert.ok(lines.length >= 1);
  const entry = JSON.parse(lines.at(-1));
  assert.deepEqual(Object.keys(entry).sort(), ['method', 'path', 'req', 'status', 't', 'us']);
  assert.ok(!log.includes('SECRET-IN-QUERY'));
  assert.ok(!log.includes('bigre-demo'));
  assert.ok(!log.includes(c.cookie.split('=')[1]));
  assert.ok(!log.includes(c.csrf));
});

test('a page POST without its CSRF token is refused', async () => {
  const res = await srv.fetch('/login', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'email=membre%40bigre.coop&password=bigre-demo',
  });
  assert.equal(res.status, 403);
  assert.match(await res.text(), /<html/);
});

test('a form login with the double-submit token works and redirects', async () => {
  const page = await srv.fetch('/login');
  const html = await page.text();
  const token = html.match(/name="csrf_token" value="([^"]+)"/)[1];
  const cookie = page.headers.get('set-cookie').split(';')[0];
  const res = await srv.fetch('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: `csrf_token=${token}&email=membre%40bigre.coop&password=bigre-demo&next=%2Fme`,
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/me');
  assert.match(res.headers.get('set-cookie'), /bigre_session=/);
});

test('GET never changes state: a GET on a state-changing route is refused', async () => {
  const r = await srv.json('GET', '/api/v1/session');
  assert.equal(r.status, 405);
  const l = await srv.fetch('/logout');
  assert.equal(l.status, 405);
});

test('slow clients are timed out', async () => {
  const slow = await startServer({ args: ['--timeout', '1'] });
  try {
    const t0 = Date.now();
    const r = await rawExchange(slow.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { quietMs: 5000 });
    assert.equal(r.closed, true);
    assert.ok(Date.now() - t0 < 4500, 'closed by the server, not by the test');
  } finally { await slow.stop(); }
});

test('behind a trusted proxy saying https, the cookie is Secure', async () => {
  const p = await startServer({ args: ['--trust-proxy'] });
  try {
    const r = await p.json('POST', '/api/v1/session', { email: 'admin@bigre.coop', password: 'bigre-demo' }, { 'X-Forwarded-Proto': 'https' });
    assert.match(r.headers.get('set-cookie'), /; Secure/);
  } finally { await p.stop(); }
});

test('SIGTERM stops the server cleanly: requests in flight finish, exit code 0', async () => {
  const s = await startServer();
  assert.equal((await s.json('GET', '/healthz')).status, 200);
  // a login takes a while (argon2id): stop the server while it runs
  const inflight = s.json('POST', '/api/v1/session', { email: 'admin@bigre.coop', password: 'bigre-demo' });
  await new Promise((r) => setTimeout(r, 20));
  const stopped = s.stop();
  const r = await inflight;
  assert.equal(r.status, 200, 'the request in flight was answered');
  assert.equal(await stopped, 0);
  assert.match(s.log(), /"msg":"stopped"/);
});
