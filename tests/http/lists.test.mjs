// lists.test.mjs — API lists are paged the one documented way (limit,
// offset; total in the answer) and a limit out of range is a 400.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let srv, accountant, coop;
before(async () => {
  srv = await startServer();
  accountant = await srv.login('compta@bigre.coop');
  coop = accountant.person.roles?.find((r) => r.scope_type === 'cooperative')?.scope_id ?? 1;
});
after(async () => { await srv.stop(); });

test('ledger entries: a limit of 501, 0, -1 or abc is a 400 on the field limit', async () => {
  for (const bad of ['501', '0', '-1', 'abc']) {
    const r = await accountant.json('GET', `/api/v1/ledger/entries?cooperative_id=${coop}&limit=${bad}`);
    assert.equal(r.status, 400, bad);
    assert.equal(r.body.error.code, 'invalid_limit', bad);
    assert.equal(r.body.error.field, 'limit', bad);
  }
});

test('ledger entries: the true total, and the last page holds the oldest entries', async () => {
  const first = (await accountant.json('GET', `/api/v1/ledger/entries?cooperative_id=${coop}&limit=50`)).body;
  assert.ok(first.total > 50, `more than one page (${first.total})`);
  assert.equal(first.limit, 50);
  assert.equal(first.offset, 0);
  assert.equal(first.entries.length, 50);
  const offset = Math.floor((first.total - 1) / 50) * 50;
  const last = (await accountant.json('GET', `/api/v1/ledger/entries?cooperative_id=${coop}&limit=50&offset=${offset}`)).body;
  assert.equal(last.total, first.total);
  assert.equal(last.entries.length, first.total - offset);
  const dates = last.entries.map((e) => e.date ?? e.entry_date);
  const oldest = dates.at(-1);
  assert.ok(first.entries.every((e) => (e.date ?? e.entry_date) >= oldest), 'the oldest are on the last page');
  // by default, 50
  const dflt = (await accountant.json('GET', `/api/v1/ledger/entries?cooperative_id=${coop}`)).body;
  assert.equal(dflt.limit, 50);
  assert.equal(dflt.entries.length, 50);
});
