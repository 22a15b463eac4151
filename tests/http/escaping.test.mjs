// escaping.test.mjs — every page, with `"`, `'`, `<` and `&` in every text
// people type (issue 10 §4): names, titles, labels, descriptions,
// addresses, notes.  A demo database has a marker appended to each of those
// columns; then, as each demo role, the test visits every page it can reach
// from the home page by following links, and posts every form it meets
// with the marker in each text field.  No page may carry the marker raw
// (it would be markup someone else typed), and the marker must show,
// escaped, on many pages (else the test would check nothing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigre, startServer } from '../lib/server.mjs';

// What a hostile member would type: closes an attribute (either quote),
// opens an element, and carries an entity-looking ampersand.
const MARK = `"'><x-pwn a=1>&amp;`;
// The marker as the escaping writer must render it, in text and attributes.
const MARK_ESCAPED = '&quot;&#39;&gt;&lt;x-pwn a=1&gt;&amp;amp;';
const RAW = '<x-pwn';

// The text columns people type into, by table.
const TYPED = {
  cooperatives: ['name', 'address'], units: ['name', 'address', 'description'],
  people: ['display_name'], tags: ['label'], organisations: ['name', 'description'],
  places: ['name', 'address', 'city'], place_closures: ['reason'], resources: ['name'],
  bookings: ['note'], referrers: ['name'], info_sessions: ['title'],
  session_registrations: ['name'], path_steps: ['label'], newcomers: ['name'],
  newcomer_steps: ['notes'], ledger_accounts: ['label'], activities: ['name'],
  ledger_entries: ['label'], ledger_lines: ['label'], clients: ['name', 'address'],
  sales_documents: ['title', 'notes', 'client_name'], sales_lines: ['description'],
  expense_reports: ['title'], expense_lines: ['description'],
};
const ROLES = ['admin@bigre.coop', 'membre@bigre.coop', 'accueil@bigre.coop', 'hote@bigre.coop',
  'compta@bigre.coop', 'associe@bigre.coop', 'accompagnement@bigre.coop'];
// Links not to follow: leaving the session, and files that are not pages.
const SKIP = /^\/(logout|assets\/)|\.(ics|pdf|csv|xlsx|png|svg|css|js|xml)(\?|$)/;
const MAX_PAGES = 600;

let srv;
let dbDir;
before(async () => {
  dbDir = mkdtempSync(join(tmpdir(), 'bigre-escaping-'));
  const db = join(dbDir, 'hostile.db');
  const r = bigre(['demo', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  // The immutability triggers (a posted entry, a validated invoice) are
  // dropped around the update and put back: the marker must reach those
  // texts too, as if they had been typed before validation.
  const triggers = JSON.parse(execFileSync('sqlite3', ['-json', db,
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"]).toString() || '[]');
  const quoted = MARK.replaceAll("'", "''");
  const script = [
    'BEGIN;',
    ...triggers.map((t) => `DROP TRIGGER "${t.name}";`),
    ...Object.entries(TYPED).flatMap(([table, cols]) => cols.map((col) =>
      `UPDATE ${table} SET ${col} = ${col} || '${quoted}' WHERE ${col} IS NOT NULL AND ${col} <> '';`)),
    ...triggers.map((t) => `${t.sql};`),
    'COMMIT;',
  ].join('\n');
  execFileSync('sqlite3', ['-bail', db], { input: script });
  const marked = Number(execFileSync('sqlite3', [db, `SELECT count(*) FROM sales_lines WHERE description LIKE '%x-pwn%'`]).toString());
  assert.ok(marked > 0, 'the validated documents carry the marker too');
  srv = await startServer({ db });
});
after(async () => { await srv?.stop(); rmSync(dbDir, { recursive: true, force: true }); });

// The same-origin page links of a page's HTML (hrefs decoded).
function links(html) {
  const out = [];
  for (const m of html.matchAll(/href="(\/[^"#]*)/g)) {
    const href = m[1].replaceAll('&amp;', '&');
    if (!SKIP.test(href)) out.push(href);
  }
  return out;
}

// The forms of a page: action, method and their fields (name → value), the
// text ones carrying the marker.
function forms(html) {
  const out = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const method = (m[1].match(/method="([^"]*)"/)?.[1] ?? 'get').toLowerCase();
    const action = m[1].match(/action="([^"]*)"/)?.[1]?.replaceAll('&amp;', '&');
    if (method !== 'post' || !action?.startsWith('/')) continue;
    const fields = new URLSearchParams();
    for (const f of m[2].matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
      const name = f[2].match(/name="([^"]*)"/)?.[1];
      if (!name) continue;
      const type = f[2].match(/type="([^"]*)"/)?.[1] ?? (f[1] === 'input' ? 'text' : f[1]);
      const value = f[2].match(/value="([^"]*)"/)?.[1] ?? '';
      if (name === 'csrf_token' || type === 'hidden') fields.append(name, value.replaceAll('&amp;', '&'));
      else if (['text', 'textarea', 'search', 'email', 'url', 'tel'].includes(type)) fields.append(name, MARK);
      else if (type === 'checkbox' || type === 'radio') fields.set(name, value || '1');
      else if (type !== 'file' && type !== 'submit') fields.append(name, value);
    }
    out.push({ action, fields });
  }
  return out;
}

// Asserts a page carries no raw marker; returns whether it shows it escaped.
function checkPage(where, status, html) {
  assert.ok(status < 500, `${where}: ${status}`);
  const at = html.indexOf(RAW);
  assert.equal(at, -1, `${where} carries the marker raw: …${html.slice(Math.max(0, at - 160), at + 40)}…`);
  // markup escaped into text or into an attribute (the other way to get
  // the writer wrong: `<tr class=&quot;invalid&quot;>`)
  const text = html.match(/&lt;\/?(tr|td|th|table|div|span|p|a|br|small|h[1-6]|input|select|textarea|button|li|ul|ol|strong|em|option|form|fieldset|label|section|details|summary)\b[^&]{0,80}/);
  assert.equal(text, null, `${where} shows markup as text: ${text?.[0]}`);
  const attr = html.match(/<[a-z]+\b[^>]*\b[a-z-]+=&quot;[^>]*>/);
  assert.equal(attr, null, `${where} has an attribute escaped twice: ${attr?.[0]}`);
  return html.includes('&lt;x-pwn');
}

for (const email of ROLES) {
  test(`every page ${email} reaches shows what people typed escaped, and so does every form posted back`, async (t) => {
    const who = await srv.login(email);
    const seen = new Set(['/']);
    const queue = ['/'];
    const formsToPost = new Map();
    let escaped = 0;
    let fetched = 0;
    while (queue.length && fetched < MAX_PAGES) {
      const path = queue.shift();
      const res = await who.fetch(path);
      fetched++;
      const type = res.headers.get('content-type') ?? '';
      const html = await res.text();
      if (!type.startsWith('text/html')) continue;
      if (checkPage(`GET ${path}`, res.status, html)) escaped++;
      for (const l of links(html)) if (!seen.has(l)) { seen.add(l); queue.push(l); }
      for (const f of forms(html)) if (!formsToPost.has(f.action)) formsToPost.set(f.action, f);
    }
    assert.ok(escaped >= 3, `${email}: the marker shows on ${escaped} of ${fetched} pages`);
    // Forms last, since some change what the pages show.
    const statuses = {};
    for (const { action, fields } of formsToPost.values()) {
      if (action === '/logout') continue;
      const res = await who.fetch(action, { method: 'POST', body: fields });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      checkPage(`POST ${action}`, res.status, await res.text());
    }
    t.diagnostic(`${fetched} pages of ${seen.size} found, the marker escaped on ${escaped}; ${formsToPost.size} forms posted: ${JSON.stringify(statuses)}`);
  });
}
