// rights.test.mjs — defects found from outside (issue 9): rights decided
// before anything else is looked up, redirects that stay on this site,
// limits that count only failures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

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
  // 10 attempts per account and minute: 15 good logins all pass …
  for (let i = 0; i < 15; i++) {
    const r = await srv.json('POST', '/api/v1/session', { email: 'associe@bigre.coop', password: 'bigre-demo' });
    assert.equal(r.status, 200, `login ${i + 1}`);
  }
  // … and failures are still limited
  let last;
  for (let i = 0; i < 12; i++) {
    last = await srv.json('POST', '/api/v1/session', { email: 'associe@bigre.coop', password: 'wrong-password' });
    if (last.status === 429) break;
  }
  assert.equal(last.status, 429);
});
