// authz.test.mjs — the SQL form of the rights names only actions that exist.
//
// AUTHZ_SQL_ALLOWED(ACTION, …) and AUTHZ_SQL_SOMEWHERE(ACTION, …) paste the
// action's name into the SQL text ('ECONOMY_READ'); the compiler cannot see
// a misspelt name, and the query would then allow no one.  So every use in
// src/ is checked against the list AUTHZ_ACTIONS of src/auth/authz.h (the
// list that names the rows of authz_rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../lib/server.mjs';

const SRC = join(ROOT, 'src');

function cFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...cFiles(p));
    else if (/\.[ch]$/.test(name)) out.push(p);
  }
  return out;
}

test('every AUTHZ_SQL_* use names an action of AUTHZ_ACTIONS', () => {
  const header = readFileSync(join(SRC, 'auth', 'authz.h'), 'utf8');
  const list = header.slice(header.indexOf('#define AUTHZ_ACTIONS(X)'), header.indexOf('#define AUTHZ_ENUM_ITEM'));
  const actions = new Set([...list.matchAll(/\bX\((\w+)\)/g)].map((m) => m[1]));
  assert.ok(actions.has('ECONOMY_READ') && actions.size > 10, 'the list is read');
  const wrong = [];
  let uses = 0;
  for (const p of cFiles(SRC)) {
    const text = readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ' '); // comments may show the form
    for (const m of text.matchAll(/\bAUTHZ_SQL_(?:ALLOWED|SOMEWHERE)\(\s*(\w+)\s*,/g)) {
      if (p.endsWith('authz.h') && m[1] === 'action') continue; // the macros' own definitions
      uses++;
      if (!actions.has(m[1])) wrong.push(`${relative(ROOT, p)}: ${m[1]}`);
    }
  }
  assert.ok(uses >= 5, `the uses are found (${uses})`);
  assert.deepEqual(wrong, []);
});
