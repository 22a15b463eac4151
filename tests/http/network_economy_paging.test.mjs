// network_economy_paging.test.mjs — the roles (API and /admin/roles) and an
// activity's documents (its page) are paged with their total, never cut
// at a cap (issue 9): once there are more rows than the old caps (500
// roles, 200 documents), every one is reachable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';

let srv, admin, member, lea;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
  const acts = await member.json('GET', '/api/v1/activities');
  lea = acts.body.activities.find((a) => a.code === 'LEA-GRAPH');
});
after(async () => { await srv.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();

// Grants the role `partner` in cooperative 1 to people who do not hold it
// yet, until the cooperative and its units hold more than `atLeast` roles.
async function growRolesOfCoop1(atLeast) {
  const held = () => Number(sql("SELECT count(*) FROM roles r LEFT JOIN units u ON r.scope_type = 'unit' AND u.id = r.scope_id"
    + " WHERE (r.scope_type = 'cooperative' AND r.scope_id = 1) OR (r.scope_type = 'unit' AND u.cooperative_id = 1)"));
  const need = atLeast + 1 - held();
  if (need <= 0) return held();
  const people = sql("SELECT id FROM people WHERE id NOT IN (SELECT person_id FROM roles WHERE role = 'partner'"
    + ` AND scope_type = 'cooperative' AND scope_id = 1) ORDER BY id LIMIT ${need}`).split('\n').map(Number);
  assert.equal(people.length, need, 'enough people in the demo');
  for (const id of people) {
    const r = await admin.json('POST', '/api/v1/roles', { person_id: id, role: 'partner', scope: 'cooperative', scope_id: 1 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  return held();
}

const roleKey = (r) => `${r.person_id}/${r.role}/${r.scope}/${r.scope_id}`;

test('roles API: more than 500 roles, all reachable through limit and offset, with the total', async () => {
  const held = await growRolesOfCoop1(500);
  const first = await admin.json('GET', '/api/v1/roles?cooperative=1&limit=500');
  assert.equal(first.status, 200);
  assert.equal(first.body.total, held, 'the true total, past the old cap of 500');
  assert.equal(first.body.limit, 500);
  assert.equal(first.body.offset, 0);
  assert.equal(first.body.roles.length, 500);
  const rest = (await admin.json('GET', '/api/v1/roles?cooperative=1&limit=500&offset=500')).body;
  assert.equal(rest.total, held);
  assert.equal(rest.offset, 500);
  assert.equal(rest.roles.length, held - 500, 'the last page holds the rest');
  const keys = new Set([...first.body.roles, ...rest.roles].map(roleKey));
  assert.equal(keys.size, held, 'no role twice, none missing');
  // a window is the same slice of the whole list
  const window = (await admin.json('GET', '/api/v1/roles?cooperative=1&limit=3&offset=498')).body;
  assert.deepEqual(window.roles.map(roleKey), [...first.body.roles, ...rest.roles].slice(498, 501).map(roleKey));
  // by default, 50
  const dflt = (await admin.json('GET', '/api/v1/roles?cooperative=1')).body;
  assert.equal(dflt.limit, 50);
  assert.equal(dflt.roles.length, 50);
  // the group's roles are paged the same way
  const group = (await admin.json('GET', '/api/v1/roles')).body;
  assert.equal(group.total, group.roles.length);
  assert.ok(group.roles.every((r) => r.scope === 'group'));
});

test('roles API: a bad limit or offset is a 400 naming the field', async () => {
  for (const bad of ['501', '0', '-1', 'abc']) {
    const r = await admin.json('GET', `/api/v1/roles?cooperative=1&limit=${bad}`);
    assert.equal(r.status, 400, bad);
    assert.equal(r.body.error.code, 'invalid_limit', bad);
    assert.equal(r.body.error.field, 'limit', bad);
  }
  for (const bad of ['-1', 'abc', '1.5']) {
    const r = await admin.json('GET', `/api/v1/roles?cooperative=1&offset=${bad}`);
    assert.equal(r.status, 400, bad);
    assert.equal(r.body.error.code, 'invalid_offset', bad);
    assert.equal(r.body.error.field, 'offset', bad);
  }
});

test('/admin/roles: "page N of M" under the list, and the last page holds the last roles', async () => {
  const held = await growRolesOfCoop1(500);
  const pages = Math.ceil(held / 20);
  const first = await (await admin.fetch('/admin/roles?cooperative=1')).text();
  assert.match(first, new RegExp(`Page 1 sur ${pages}`));
  assert.match(first, /rel="next" href="\/admin\/roles\?cooperative=1&amp;page=2"/, 'the next page keeps the cooperative');
  const rowsOf = (html) => (html.match(/action="\/admin\/roles\/revoke"/g) ?? []).length;
  assert.equal(rowsOf(first), 20);
  const last = await (await admin.fetch(`/admin/roles?cooperative=1&page=${pages}`)).text();
  assert.match(last, new RegExp(`Page ${pages} sur ${pages}`));
  assert.equal(rowsOf(last), held - (pages - 1) * 20, 'the last page holds the rest');
  assert.doesNotMatch(last, /rel="next"/);
  // the last role of the API's list is on the last page
  const api = (await admin.json('GET', `/api/v1/roles?cooperative=1&limit=1&offset=${held - 1}`)).body.roles[0];
  assert.ok(last.includes(`name="person_id" value="${api.person_id}"`), 'the last role is reachable');
});

test("an activity's page: its documents past the old cap of 200, paged by 50 with their total", async () => {
  const c = await member.json('POST', '/api/v1/clients', {
    activity_id: lea.id, kind: 'company', name: 'Papeterie du Port', siren: '552120222',
    address: '1 quai des Chartrons, 33000 Bordeaux', payment_terms_days: 30,
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const had = Number(sql(`SELECT count(*) FROM sales_documents WHERE activity_id = ${lea.id}`));
  for (let i = had; i <= 200; i++) {
    const r = await member.json('POST', '/api/v1/quotes', {
      activity_id: lea.id, client_id: c.body.id, title: `Devis ${i}`,
      lines: [{ description: 'Affiche', quantity: '1', unit_price_cents: 1000 + i, vat_bp: 2000 }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const total = Number(sql(`SELECT count(*) FROM sales_documents WHERE activity_id = ${lea.id}`));
  assert.ok(total > 200, `${total} documents`);
  const pages = Math.ceil(total / 50);
  const rowsOf = (html) => (html.match(/<tr><td><a href="\/economy\/documents\/\d+">/g) ?? []).length;
  const first = await (await member.fetch(`/economy/activities/${lea.id}`)).text();
  assert.match(first, new RegExp(`Page 1 sur ${pages}`));
  assert.equal(rowsOf(first), 50);
  const last = await (await member.fetch(`/economy/activities/${lea.id}?page=${pages}`)).text();
  assert.match(last, new RegExp(`Page ${pages} sur ${pages}`));
  assert.equal(rowsOf(last), total - (pages - 1) * 50, 'the last page holds the rest');
  // the oldest document (the demo's first) is on the last page
  const oldest = sql(`SELECT id FROM sales_documents WHERE activity_id = ${lea.id} ORDER BY issue_date, id LIMIT 1`);
  assert.ok(last.includes(`href="/economy/documents/${oldest}"`), 'the oldest document is reachable');
  assert.ok(!first.includes(`href="/economy/documents/${oldest}"`));
});
