// economy_codes.test.mjs — the economy API says what docs/api.md says:
// the documented error code for a missing parameter, optional fields
// absent rather than empty (issue 9).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, testDay } from '../lib/server.mjs';

let srv, accountant;
before(async () => {
  srv = await startServer();
  accountant = await srv.login('compta@bigre.coop');
});
after(async () => { await srv.stop(); });

test('a missing parameter is missing_field everywhere, naming the field', async () => {
  for (const path of ['/api/v1/ledger/entries', '/api/v1/ledger/balances']) {
    const r = await accountant.json('GET', path);
    assert.equal(r.status, 400, path);
    assert.equal(r.body.error.code, 'missing_field', path);
    assert.equal(r.body.error.field, 'cooperative_id', path);
  }
});

test('a ledger line without an analytic code has no "activity" at all', async () => {
  const posted = await accountant.json('POST', '/api/v1/ledger/entries', {
    cooperative_id: 1, journal: 'OD', date: testDay(0), label: 'Reclassement',
    lines: [{ account: '512', debit_cents: 1000 }, { account: '467', credit_cents: 1000 }],
  });
  assert.equal(posted.status, 201, JSON.stringify(posted.body));
  const d = testDay(0);
  const r = await accountant.json('GET', `/api/v1/ledger/entries?cooperative_id=1&journal=OD&from=${d}&to=${d}`);
  assert.equal(r.status, 200);
  const entry = r.body.entries.find((e) => e.id === posted.body.id);
  assert.ok(entry, JSON.stringify(r.body).slice(0, 300));
  for (const l of entry.lines) assert.ok(!('activity' in l), JSON.stringify(l));
  const b = await accountant.json('GET', '/api/v1/ledger/balances?cooperative_id=1&by=activity');
  assert.equal(b.status, 200);
  assert.ok(b.body.balances.every((x) => x.activity !== ''), 'never an empty string');
});
