// structure.test.mjs — the shape of the code, counted, with counts that may
// only go down (docs/architecture.md, "Ratchets").
//
// Three things the architecture forbids exist today and are being removed
// (issue 10): SQL in the faces (src/web, src/api), SQL that only SQLite
// runs (so a PostgreSQL backend could not run it), and files far too long
// to read.  Each has its count in ratchet.json.  A count above it fails:
// new code must not add to the debt.  A count below it fails too, asking
// for ratchet.json to be lowered in the same commit, so that the file
// always states what is true and the progress cannot slide back:
// `make ratchet` writes the current counts there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../lib/server.mjs';

const SRC = join(ROOT, 'src');
const RATCHET = join(ROOT, 'tests', 'structure', 'ratchet.json');
const ratchet = JSON.parse(readFileSync(RATCHET, 'utf8'));
const WRITE = process.env.BIGRE_RATCHET_WRITE === '1';

function cFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...cFiles(p));
    else if (/\.[ch]$/.test(name)) out.push(p);
  }
  return out;
}

// The C text without its comments (string literals kept as they are).
function withoutComments(text) {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
    (m) => (m.startsWith('/') ? ' ' : m));
}

// Every string of the program, adjacent literals joined ("a" "b" → "ab"),
// as the compiler sees them.
function literals(text) {
  const runs = text.match(/"(?:[^"\\\n]|\\.)*"(?:\s*"(?:[^"\\\n]|\\.)*")*/g) ?? [];
  return runs.map((run) => (run.match(/"(?:[^"\\\n]|\\.)*"/g) ?? []).map((l) => l.slice(1, -1)).join(''));
}

const files = cFiles(SRC).map((p) => ({ path: relative(ROOT, p), code: withoutComments(readFileSync(p, 'utf8')) }));
// The SQLite backend itself may speak SQLite.
const portable = files.filter((f) => !/^src\/db\/(db_sqlite|migrate)\.c$/.test(f.path));

// Compares counts with ratchet.json's entry name (or, for make ratchet,
// writes them there).
function check(name, counts) {
  if (WRITE) {
    ratchet[name] = Object.fromEntries(Object.entries(counts).sort());
    writeFileSync(RATCHET, JSON.stringify(ratchet, null, 2) + '\n');
    return;
  }
  const want = ratchet[name];
  assert.ok(want, `ratchet.json has no "${name}"`);
  for (const [key, n] of Object.entries(counts)) {
    assert.ok(key in want, `${name}: "${key}" (${n}) is not in ratchet.json`);
  }
  const problems = [];
  for (const [key, max] of Object.entries(want)) {
    const n = counts[key] ?? 0;
    if (n > max) problems.push(`${key}: ${n}, more than the ${max} allowed`);
    if (n < max) problems.push(`${key}: ${n}, below ${max}: lower it in tests/structure/ratchet.json`);
  }
  assert.deepEqual(problems, [], `${name}:\n  ${problems.join('\n  ')}`);
}

test('SQL in the faces may only go down (no db_ call in src/web or src/api)', () => {
  const counts = {};
  for (const f of files.filter((f) => /^src\/(web|api)\//.test(f.path))) {
    const n = (f.code.match(/\bdb_(query|scalar|exec|exec_values|exec_script|last_id|changes)\s*\(/g) ?? []).length;
    if (n) counts[f.path] = n;
  }
  check('sql_in_faces', counts);
});

// A page is written through web/html.h's opaque `html *` alone (issue 10
// §4): the compiler refuses a buf_* call on it, and this counts the ways
// around it: naming the response's body (page.c's page_html is the one
// place; a CSV or a file is written through rs_body), making a writer with
// html_of (html.c and page.c), calling h_printf_ / h_attr_ / h_bool_
// rather than their macros (which take only a literal), and a buf_* call
// on a `b` (the page's writer by convention).  None is left: the ratchet holds no file.
test('pages are written through the HTML writer alone', () => {
  const counts = {};
  for (const f of files.filter((f) => /^src\/web\//.test(f.path) && !/^src\/web\/html\.[ch]$/.test(f.path))) {
    const page = f.path === 'src/web/page.c';
    const n = (page ? [] : f.code.match(/\brs->body\b|\bhtml_of\s*\(/g) ?? []).length
      + (f.code.match(/\bh_(printf|attr|bool)_\s*\(/g) ?? []).length
      + (f.code.match(/\bbuf_\w+\s*\(\s*(b|&\s*rs->body)\s*[,)]/g) ?? []).length;
    if (n) counts[f.path] = n;
  }
  check('page_writes_around_html', counts);
});

// Constructs of SQLite that PostgreSQL does not run, each with the portable
// way to write it.
const SQLITE_ONLY = {
  'numbered ?NNN parameter (use plain ?)': /\?\d/g,
  'INSERT OR IGNORE / REPLACE (use ON CONFLICT)': /\bINSERT\s+OR\s+(IGNORE|REPLACE)\b/gi,
  'GLOB (use LIKE or a checked C function)': /\bGLOB\b/g,
  'group_concat (aggregate in C, or string_agg)': /\bgroup_concat\s*\(/gi,
  'strftime / julianday / datetime / unixepoch (compute dates in C)': /\b(strftime|julianday|datetime|unixepoch)\s*\(/gi,
  'ifnull / iif (use coalesce / CASE)': /\b(ifnull|iif)\s*\(/gi,
  'rowid (use the id column)': /\b(_?rowid_?|oid)\b/gi,
};

test('SQLite-only SQL may only go down', () => {
  const counts = {};
  for (const f of portable) {
    // Every literal, not only those that look like a statement: SQL is
    // also written in fragments (" AND x = ?3") joined by macros.
    for (const lit of literals(f.code)) {
      for (const [what, re] of Object.entries(SQLITE_ONLY)) {
        const n = (lit.match(re) ?? []).length;
        if (n) counts[what] = (counts[what] ?? 0) + n;
      }
    }
  }
  // The id of a new row: an INSERT … RETURNING id, not db_last_id.
  const lastId = portable.reduce((n, f) => n + (f.code.match(/\bdb_last_id\s*\(/g) ?? []).length, 0);
  if (lastId) counts['db_last_id (use INSERT ... RETURNING id)'] = lastId;
  check('sqlite_only_sql', counts);
});

test('files over 1,000 lines may only shrink', () => {
  const counts = {};
  for (const f of files) {
    const lines = readFileSync(join(ROOT, f.path), 'utf8').split('\n').length - 1;
    if (lines > 1000) counts[f.path] = lines;
  }
  check('long_files', counts);
});

// Migration numbers are unique (two branches taking the same number would
// apply only one of the two files on a database that recorded the first).
test('every migration has a number of its own', () => {
  const names = readdirSync(join(SRC, 'db', 'migrations')).filter((n) => /\.sql$/.test(n));
  const seen = new Map();
  for (const n of names) {
    const num = Number.parseInt(n, 10);
    assert.ok(Number.isInteger(num) && num > 0, `${n}: no number`);
    assert.ok(!seen.has(num), `${n} and ${seen.get(num)} share the number ${num}`);
    seen.set(num, n);
  }
});

// AUTHZ_SQL_ALLOWED(ACTION, …) and AUTHZ_SQL_SOMEWHERE(ACTION, …) paste the
// action's name into the SQL ('ECONOMY_READ'): the compiler cannot see a
// misspelt one, and the query would allow no one.  Every use names an
// action of the list AUTHZ_ACTIONS (src/auth/authz.h), which names the rows
// of authz_rules.
test('every AUTHZ_SQL_* use names an action of AUTHZ_ACTIONS', () => {
  const header = readFileSync(join(SRC, 'auth', 'authz.h'), 'utf8');
  const list = header.slice(header.indexOf('#define AUTHZ_ACTIONS(X)'), header.indexOf('#define AUTHZ_ENUM_ITEM'));
  const actions = new Set([...list.matchAll(/\bX\((\w+)\)/g)].map((m) => m[1]));
  assert.ok(actions.has('ECONOMY_READ') && actions.size > 10, 'the list is read');
  const wrong = [];
  let uses = 0;
  for (const f of files) {
    for (const m of f.code.matchAll(/\bAUTHZ_SQL_(?:ALLOWED|SOMEWHERE)\(\s*(\w+)\s*,/g)) {
      if (f.path === 'src/auth/authz.h' && m[1] === 'action') continue; // the macros' own definitions
      uses++;
      if (!actions.has(m[1])) wrong.push(`${f.path}: ${m[1]}`);
    }
  }
  assert.ok(uses >= 5, `the uses are found (${uses})`);
  assert.deepEqual(wrong, []);
});
