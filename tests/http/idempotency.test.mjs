// idempotency.test.mjs — the Idempotency-Key of the JSON face's request
// skeleton (api_run, src/api/api.c), one test per domain: a POST retried
// with the same key answers the first answer (Idempotent-Replayed: true)
// and writes nothing; the same key with another body is a 409
// idempotency_key_reused and writes nothing either; the same key on another
// route is another request; a key that is not 1 to 200 characters is a 400.
// (The economy's payments are also tested in economy.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, testDay } from '../lib/server.mjs';

let srv, admin, member, accountant, lea;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
  accountant = await srv.login('compta@bigre.coop');
  lea = (await member.json('GET', '/api/v1/activities')).body.activities.find((a) => a.code === 'LEA-GRAPH');
});
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();
const count = (table) => Number(sql(`SELECT count(*) FROM ${table}`));

// Sends body twice under one key, then another body under it: the retry
// replays, the other is refused, and `tables` hold one row more, no more.
async function retried(who, path, body, other, tables) {
  const key = { 'Idempotency-Key': `test-${path}-${Math.random()}` };
  const before = tables.map(count);
  const first = await who.json('POST', path, body, key);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.headers.get('idempotent-replayed'), null);
  const afterFirst = tables.map(count);
  assert.ok(afterFirst.every((n, i) => n > before[i]), `${path} wrote its rows`);
  const again = await who.json('POST', path, body, key);
  assert.equal(again.status, 201);
  assert.deepEqual(again.body, first.body);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(tables.map(count), afterFirst, 'the retry wrote nothing');
  const reused = await who.json('POST', path, other, key);
  assert.equal(reused.status, 409);
  assert.equal(reused.body.error.code, 'idempotency_key_reused');
  assert.equal(reused.body.error.field, 'Idempotency-Key');
  assert.deepEqual(tables.map(count), afterFirst, 'another body under the key wrote nothing');
  return first;
}

test('economy: a manual entry and an expense report retried are written once', async () => {
  const base = { cooperative_id: lea.cooperative_id, journal: 'OD', date: '2026-12-15', label: 'Retry' };
  const lines = [{ account: '6064', activity_id: lea.id, debit_cents: 100 }, { account: '512', credit_cents: 100 }];
  await retried(accountant, '/api/v1/ledger/entries', { ...base, lines }, { ...base, label: 'Other', lines },
    ['ledger_entries', 'ledger_lines']);
  const expense = { activity_id: lea.id, title: 'Train', lines: [{ date: '2026-12-02', category: 'travel', amount_cents: 5600, vat_cents: 0 }] };
  const made = await member.json('POST', '/api/v1/expenses', expense);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  await retried(member, '/api/v1/expenses', expense, { ...expense, title: 'Bus' }, ['expense_reports', 'expense_lines']);
});

test('economy: a key is a person\'s, and one key on two routes is two requests', async () => {
  const key = { 'Idempotency-Key': 'shared-key' };
  const client = { activity_id: lea.id, kind: 'company', name: 'Retry SA', address: '1 rue du Port, 33000 Bordeaux' };
  const a = await member.json('POST', '/api/v1/clients', client, key);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const before = count('ledger_entries');
  const e = await accountant.json('POST', '/api/v1/ledger/entries', { cooperative_id: lea.cooperative_id, journal: 'OD',
    date: '2026-12-15', label: 'Key of another', lines: [{ account: '6064', debit_cents: 1 }, { account: '512', credit_cents: 1 }] }, key);
  assert.equal(e.status, 201, 'the same key from another person is theirs');
  assert.equal(count('ledger_entries'), before + 1);
  const other = await member.json('POST', '/api/v1/expenses', { activity_id: lea.id, title: 'Taxi',
    lines: [{ date: '2026-12-02', category: 'travel', amount_cents: 1200, vat_cents: 0 }] }, key);
  assert.equal(other.status, 409, 'the same key from the same person on another route is another request');
  const long = await member.json('POST', '/api/v1/clients', client, { 'Idempotency-Key': 'k'.repeat(201) });
  assert.equal(long.status, 400);
  assert.equal(long.body.error.code, 'invalid_idempotency_key');
});

test('network: a unit created again with its key is created once', async () => {
  const unit = { name: 'Antenne de Langon', kind: 'antenna', cooperative_id: 1, commune: 'Langon', postcode: '33210', area: 'rural' };
  const first = await retried(admin, '/api/v1/units', unit, { ...unit, name: 'Antenne de Cadillac' }, ['units']);
  assert.equal((await admin.json('GET', `/api/v1/units/${first.body.id}`)).body.name, 'Antenne de Langon');
});

test('hospitality: a booking retried with its key books once', async () => {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
  const p = await admin.json('POST', '/api/v1/places', { name: `Retry ${Math.random()}`, owner_type: 'cooperative', owner_id: 1, city: 'Bordeaux', territory: 'Gironde', hours });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const r = await admin.json('POST', `/api/v1/places/${p.body.id}/resources`, { name: 'R', kind: 'desk', max_duration_min: 600 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const d = testDay(3);
  const body = { resource_id: r.body.id, starts_at: `${d}T09:00:00Z`, ends_at: `${d}T10:00:00Z` };
  await retried(member, '/api/v1/bookings', body, { ...body, starts_at: `${d}T11:00:00Z`, ends_at: `${d}T12:00:00Z` }, ['bookings']);
  const mine = (await member.json('GET', '/api/v1/bookings')).body.bookings.filter((b) => b.resource_id === r.body.id);
  assert.equal(mine.length, 1, 'one booking, not two');
});
