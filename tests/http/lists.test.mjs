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

test("the accountant's ledger page says its total and pages down to the oldest entries", async () => {
  const compta = await srv.login('compta@bigre.coop');
  const first = await (await compta.fetch('/economy/ledger?cooperative_id=1')).text();
  const total = Number(first.match(/<p>([\d\u202f]+) écritures<\/p>/)[1].replace(/\u202f/g, ''));
  const api = await compta.json('GET', '/api/v1/ledger/entries?cooperative_id=1&limit=1');
  assert.equal(total, api.body.total, 'the page counts what the API counts');
  const pages = Math.ceil(total / 100);
  assert.ok(pages >= 2, `${total} entries`);
  assert.match(first, new RegExp(`Page 1 sur ${pages}`));
  const last = await (await compta.fetch(`/economy/ledger?cooperative_id=1&page=${pages}`)).text();
  const shown = (last.match(/<tr class="entry">/g) ?? []).length;
  assert.equal(shown, total - (pages - 1) * 100, 'the last page holds the rest');
  assert.match(last, /Facture 2026-000001/, 'the first invoices are reachable');
});

test('invoices, quotes and expenses: paged with their total; a limit over 500 is a 400', async () => {
  for (const kind of ['invoices', 'quotes', 'expenses']) {
    const bad = await accountant.json('GET', `/api/v1/${kind}?limit=501`);
    assert.equal(bad.status, 400, kind);
    assert.equal(bad.body.error.field, 'limit');
    const all = (await accountant.json('GET', `/api/v1/${kind}?limit=500`)).body;
    assert.equal(all.total, all[kind].length, `${kind}: all of them fit in 500 in the demo`);
    const page = (await accountant.json('GET', `/api/v1/${kind}?limit=2&offset=1`)).body;
    assert.equal(page.total, all.total);
    assert.deepEqual(page[kind].map((d) => d.id), all[kind].slice(1, 3).map((d) => d.id), kind);
  }
});
