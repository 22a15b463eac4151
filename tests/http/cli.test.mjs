// cli.test.mjs — the bigre command: help and usage errors, migrations,
// accounts from the shell, online backup and restore, check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigre, startServer } from '../lib/server.mjs';

const sql = (db, q) => execFileSync('sqlite3', [db, q]).toString().trim();
const tmp = () => mkdtempSync(join(tmpdir(), 'bigre-cli-'));

test('every subcommand answers --help with exit code 0', () => {
  for (const cmd of ['serve', 'migrate', 'demo', 'user', 'backup', 'restore', 'check']) {
    const r = bigre([cmd, '--help']);
    assert.equal(r.status, 0, cmd);
    assert.match(r.stdout, /usage: bigre/, cmd);
  }
  assert.equal(bigre(['--help']).status, 0);
});

test('bad usage exits 2 with a message', () => {
  assert.equal(bigre(['nonsense']).status, 2);
  assert.equal(bigre(['migrate']).status, 2);
  assert.equal(bigre(['serve', '--frobnicate']).status, 2);
  const r = bigre(['user', 'add', '--db', 'x.db', '--email', 'a@b.fr', '--name', 'A', '--role', 'king']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown role/);
});

test('serve --now runs the clock from that instant on a demo database, and is refused on any other', async () => {
  const dir = tmp();
  const real = join(dir, 'real.db');
  assert.equal(bigre(['migrate', '--db', real]).status, 0);
  const refused = bigre(['serve', '--db', real, '--listen', '127.0.0.1:0', '--now', '2031-05-06T07:08:09Z']);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--now is accepted by demo databases only/);
  const malformed = bigre(['demo', '--db', join(dir, 'd.db'), '--now', '2031-02-29T07:08:09Z']);
  assert.equal(malformed.status, 2);
  assert.match(malformed.stderr, /YYYY-MM-DDTHH:MM:SSZ/);
  // the last --now given wins over the tests' own
  const srv = await startServer({ args: ['--now', '2031-05-06T07:08:09Z'] });
  try {
    assert.equal((await srv.fetch('/login')).status, 200);
    assert.match(srv.log(), /"t":"2031-05-06T07:08:/, 'the access log is dated by the server\'s clock');
  } finally { await srv.stop(); }
  rmSync(dir, { recursive: true });
});

test('migrate creates, is idempotent, and refuses a newer database', () => {
  const dir = tmp();
  const db = join(dir, 'm.db');
  const first = bigre(['migrate', '--db', db]);
  assert.equal(first.status, 0);
  const version = sql(db, 'PRAGMA user_version');
  const schema = sql(db, 'SELECT group_concat(sql) FROM sqlite_master');
  const second = bigre(['migrate', '--db', db]);
  assert.equal(second.status, 0);
  assert.match(second.stdout, /0 migrations applied/);
  assert.equal(sql(db, 'PRAGMA user_version'), version);
  assert.equal(sql(db, 'SELECT group_concat(sql) FROM sqlite_master'), schema);
  assert.equal(sql(db, 'PRAGMA journal_mode'), 'wal');
  sql(db, 'PRAGMA user_version = 999');
  const newer = bigre(['migrate', '--db', db]);
  assert.equal(newer.status, 1);
  assert.match(newer.stderr, /newer version/);
  assert.equal(bigre(['serve', '--db', db, '--listen', '127.0.0.1:0']).status, 1);
  rmSync(dir, { recursive: true });
});

test('demo refuses to overwrite, and its password works only on demo databases', () => {
  const dir = tmp();
  const db = join(dir, 'd.db');
  assert.equal(bigre(['demo', '--db', db]).status, 0);
  assert.equal(bigre(['demo', '--db', db]).status, 1);
  assert.equal(sql(db, "SELECT count(*) FROM people WHERE email = 'admin@bigre.coop'"), '1');
  assert.equal(sql(db, "SELECT role || '/' || scope_type FROM roles r JOIN people p ON p.id = r.person_id WHERE p.email = 'admin@bigre.coop'"), 'admin/group');
  // a non-demo database refuses the demo password
  const real = join(dir, 'real.db');
  bigre(['migrate', '--db', real]);
  const r = bigre(['user', 'add', '--db', real, '--email', 'x@bigre.coop', '--name', 'X'], 'bigre-demo\n');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /12 characters/);
  rmSync(dir, { recursive: true });
});

test('user add, passwd, disable and enable from the shell', async () => {
  const dir = tmp();
  const db = join(dir, 'u.db');
  bigre(['migrate', '--db', db]);
  const add = bigre(['user', 'add', '--db', db, '--email', 'Nadia@Bigre.coop', '--name', 'Nadia Haddad', '--role', 'admin'], 'un mot de passe solide\n');
  assert.equal(add.status, 0, add.stderr);
  assert.equal(bigre(['user', 'add', '--db', db, '--email', 'nadia@bigre.coop', '--name', 'Again'], 'un mot de passe solide\n').status, 1);
  assert.equal(sql(db, "SELECT password_hash LIKE '$argon2id$%' FROM people WHERE email = 'nadia@bigre.coop'"), '1');
  const srv = await startServer({ db });
  try {
    assert.equal((await srv.json('POST', '/api/v1/session', { email: 'nadia@bigre.coop', password: 'un mot de passe solide' })).status, 200);
    assert.equal(bigre(['user', 'passwd', '--db', db, '--email', 'nadia@bigre.coop'], 'un autre mot de passe\n').status, 0);
    assert.equal((await srv.json('POST', '/api/v1/session', { email: 'nadia@bigre.coop', password: 'un autre mot de passe' })).status, 200);
    const c = await srv.login('nadia@bigre.coop', 'un autre mot de passe');
    assert.equal(bigre(['user', 'disable', '--db', db, '--email', 'nadia@bigre.coop']).status, 0);
    assert.equal((await c.json('GET', '/api/v1/me')).status, 401, 'sessions end when disabled');
    assert.equal((await srv.json('POST', '/api/v1/session', { email: 'nadia@bigre.coop', password: 'un autre mot de passe' })).status, 401);
    assert.equal(bigre(['user', 'enable', '--db', db, '--email', 'nadia@bigre.coop']).status, 0);
    assert.equal((await srv.json('POST', '/api/v1/session', { email: 'nadia@bigre.coop', password: 'un autre mot de passe' })).status, 200);
  } finally { await srv.stop(); }
  assert.ok(Number(sql(db, "SELECT count(*) FROM audit_log WHERE entity = 'person'")) >= 4);
  rmSync(dir, { recursive: true });
});

test('backup while the server writes, then restore', async () => {
  const srv = await startServer({ keep: true });
  const backup = join(srv.dir, 'copy.db');
  // keep writing (logins create sessions) while the backup runs
  let writing = true;
  const writer = (async () => { let n = 0; while (writing && n < 200) { await srv.json('POST', '/api/v1/password-reset', { email: 'membre@bigre.coop' }); n++; } })();
  const r = bigre(['backup', '--db', srv.db, '--to', backup]);
  writing = false;
  await writer;
  assert.equal(r.status, 0, r.stderr);
  assert.equal(sql(backup, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(backup, "SELECT count(*) FROM people WHERE email = 'admin@bigre.coop'"), '1');
  assert.equal(bigre(['backup', '--db', srv.db, '--to', backup]).status, 1, 'never overwrites');
  await srv.stop();
  // damage the live database's data, then restore the backup over it
  sql(srv.db, "UPDATE people SET display_name = 'Changed' WHERE email = 'admin@bigre.coop'");
  const rs = bigre(['restore', '--from', backup, '--db', srv.db]);
  assert.equal(rs.status, 0, rs.stderr);
  assert.equal(sql(srv.db, "SELECT display_name FROM people WHERE email = 'admin@bigre.coop'"), 'Camille Martin');
  assert.equal(bigre(['check', '--db', srv.db]).status, 0);
  assert.equal(bigre(['restore', '--from', join(srv.dir, 'missing.db'), '--db', srv.db]).status, 1);
  rmSync(srv.dir, { recursive: true });
});

test('the rights in authz_rules: written by migrate, checked by check', () => {
  const dir = tmp();
  const db = join(dir, 'r.db');
  assert.equal(bigre(['migrate', '--db', db]).status, 0);
  const rules = sql(db, 'SELECT count(*) FROM authz_rules');
  assert.ok(Number(rules) > 50, rules);
  assert.equal(sql(db, "SELECT group_concat(role, ' ') FROM (SELECT role FROM authz_rules WHERE action = 'LEDGER_POST' ORDER BY role)"), 'accountant admin');
  // (that a current database is not written again: tests/unit/test_authz_sql.c)
  // a changed rule: check names it, migrate puts the binary's back
  sql(db, "INSERT INTO authz_rules(action, role) VALUES ('LEDGER_POST', 'member')");
  const bad = bigre(['check', '--db', db]);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /BROKEN \[rights\] the rights in authz_rules are not this binary's/);
  assert.equal(bigre(['migrate', '--db', db]).status, 0);
  assert.equal(sql(db, "SELECT count(*) FROM authz_rules WHERE action = 'LEDGER_POST' AND role = 'member'"), '0');
  assert.equal(sql(db, 'SELECT count(*) FROM authz_rules'), rules);
  assert.equal(bigre(['check', '--db', db]).status, 0);
  rmSync(dir, { recursive: true });
});

// issue 10 §2: a check whose query fails used to read as "no row, no
// problem" and bigre check passed; each such check now reports it.
test('check fails when a check cannot run its query', () => {
  const dir = tmp();
  const db = join(dir, 'q.db');
  bigre(['demo', '--db', db]);
  // tables that one check of each domain reads, gone
  sql(db, 'DROP TABLE sessions; DROP TABLE quota_uses; DROP TABLE people_fts; DROP TABLE sales_refunds;');
  const r = bigre(['check', '--db', db]);
  assert.equal(r.status, 1, r.stdout);
  for (const c of ['accounts', 'hospitality', 'network', 'economy'])
    assert.match(r.stdout, new RegExp(`BROKEN \\[${c}\\] this check could not run \\(the query failed\\)`), c);
  rmSync(dir, { recursive: true });
});

test('check passes on a sound database and names what is broken', () => {
  const dir = tmp();
  const db = join(dir, 'c.db');
  bigre(['demo', '--db', db]);
  const ok = bigre(['check', '--db', db]);
  assert.equal(ok.status, 0, ok.stdout);
  assert.match(ok.stdout, /all invariants hold/);
  sql(db, "UPDATE people SET password_hash = 'plain text' WHERE email = 'membre@bigre.coop'");
  sql(db, "INSERT INTO roles(person_id, role, scope_type, scope_id, granted_at) VALUES (1, 'host', 'unit', 999, 0)");
  const bad = bigre(['check', '--db', db]);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /BROKEN \[accounts\] a password is not hashed with argon2id/);
  assert.match(bad.stdout, /BROKEN \[accounts\] a role is held in a scope that does not exist/);
  assert.match(bad.stdout, /2 problems found/);
  assert.equal(bigre(['check', '--db', join(dir, 'none.db')]).status, 1);
  assert.ok(!existsSync(join(dir, 'none.db')), 'check does not create a database');
  rmSync(dir, { recursive: true });
});
