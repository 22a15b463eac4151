// hospitality_errors.test.mjs — a list whose query fails is an error, not
// an empty list (issue 10, "Errors that cannot be dropped"): once a table
// the list reads is gone, the API answers 500 with the JSON error and the
// page its error page, where they used to answer 200 with nothing in the
// list.  The database is broken by dropping tables under the running
// server, as tests/http/cli.test.mjs breaks one for `bigre check`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';

let srv, host;
before(async () => {
  srv = await startServer();
  host = await srv.login('accueil@bigre.coop');
});
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();

test('the lists answer their rows while the database is whole', async () => {
  const waits = await host.json('GET', '/api/v1/waits');
  assert.equal(waits.status, 200, JSON.stringify(waits.body));
  assert.ok(Array.isArray(waits.body.waits));
  const coop = sql('SELECT id FROM cooperatives ORDER BY id LIMIT 1');
  const refs = await srv.json('GET', `/api/v1/public/cooperatives/${coop}/referrers`);
  assert.equal(refs.status, 200);
  assert.equal((await host.fetch('/bookings')).status, 200);
});

test('a list whose query fails answers the error, not an empty list', async () => {
  const coop = sql('SELECT id FROM cooperatives ORDER BY id LIMIT 1');
  sql('DROP TABLE booking_waits; DROP TABLE referrers;');
  const waits = await host.json('GET', '/api/v1/waits');
  assert.equal(waits.status, 500, JSON.stringify(waits.body));
  assert.equal(waits.body.error.code, 'db_error');
  assert.equal(waits.body.waits, undefined, 'no list at all');
  const refs = await srv.json('GET', `/api/v1/public/cooperatives/${coop}/referrers`);
  assert.equal(refs.status, 500, JSON.stringify(refs.body));
  assert.equal(refs.body.error.code, 'db_error');
  // the page of my bookings reads the waits too: its error page, not the
  // page without its waiting lists
  const page = await host.fetch('/bookings');
  assert.equal(page.status, 500);
  assert.doesNotMatch(await page.text(), /My calendar|Mon agenda/);
});
