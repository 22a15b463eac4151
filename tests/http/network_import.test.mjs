// network_import.test.mjs — imports from the administration page: a real
// file upload (multipart/form-data, Windows-1252, an error line), the file's
// type checked by its bytes, large files run as a job whose page shows the
// progress ("n / N lignes") and reloads itself until the report, the dry run
// and the all-or-nothing rule kept, a job's page private to its author.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let srv, admin, amina;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  amina = await srv.login('associe@bigre.coop');
});
after(async () => { await srv.stop(); });

// Sends the import form with a file as multipart/form-data; returns the answer.
async function upload(client, fields, name, bytes) {
  const fd = new FormData();
  fd.append('csrf_token', client.csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([bytes], { type: 'text/csv' }), name);
  const res = await client.fetch('/admin/import', { method: 'POST', body: fd });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

// Reads a job's page until it stops reloading itself; returns every view.
async function follow(client, location, timeoutMs = 60000) {
  const views = [];
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.fetch(location);
    const view = { status: res.status, refresh: res.headers.get('refresh'), text: await res.text() };
    views.push(view);
    if (!view.refresh) return views;
    assert.ok(Date.now() < end, 'the import should end');
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Current memberships of a cooperative, as its administrator counts them.
async function members(coop) {
  return (await admin.json('GET', `/api/v1/cooperatives/${coop}/memberships`)).body.total;
}

test('a Windows-1252 file uploaded: report with the rejected line, nothing written, then --partial', async () => {
  const csv = Buffer.from('courriel;nom;prénom;statut;métiers\r\n'
    + 'helene.faure@exemple.fr;Faure;Hélène;associée;Céramique\r\n'
    + 'pas-une-adresse;Roux;Émile;membre;\r\n'
    + 'gaelle.noel@exemple.fr;Noël;Gaëlle;entrepreneure salariée;Ébénisterie\r\n', 'latin1');
  assert.ok(!csv.includes(Buffer.from('é', 'utf8')), 'really Windows-1252');
  const before = await members(1);
  const sent = await upload(admin, { kind: 'people', cooperative_id: '1' }, 'membres.csv', csv);
  assert.equal(sent.status, 303);
  assert.match(sent.location, /^\/admin\/import\/jobs\/\d+$/);
  const [report] = await follow(admin, sent.location);
  assert.equal(report.status, 200, 'a report page is an answer, not a refusal');
  assert.match(report.text, /Rien n(&#39;|')a été enregistré/);
  assert.match(report.text, /3 lignes lues, 2 acceptées, 1 refusées, 0 enregistrées/);
  assert.match(report.text, /Windows-1252/);
  assert.match(report.text, /Ligne 3 : Cette adresse e-mail n(&#39;|')est pas valide\. \(email\)/);
  assert.match(report.text, /membres\.csv/);
  assert.equal(await members(1), before, 'all or nothing');
  // the same file with "write the accepted lines"
  const part = await upload(admin, { kind: 'people', cooperative_id: '1', partial: '1' }, 'membres.csv', csv);
  const [done] = await follow(admin, part.location);
  assert.match(done.text, /2 enregistrées/);
  assert.equal(await members(1), before + 2);
  // the form lists the author's last imports, each a link to its report
  const form = await (await admin.fetch('/admin/import')).text();
  assert.match(form, /Mes derniers imports/);
  assert.ok(form.includes(`<a href="${part.location}">membres.csv</a> — Personnes, 3 lignes lues, 2 enregistrées (terminé)`));
  assert.doesNotMatch(await (await amina.fetch('/admin/import')).text(), /membres\.csv/);
  // the page of a job is its author's only
  assert.equal((await amina.fetch(part.location)).status, 404);
  assert.equal((await admin.fetch('/admin/import/jobs/999999')).status, 404);
});

test('the file is judged by its bytes: a spreadsheet named .csv is refused next to the field', async () => {
  const xlsx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 1)]);
  const sent = await upload(admin, { kind: 'people', cooperative_id: '1' }, 'membres.csv', xlsx);
  assert.equal(sent.status, 422);
  assert.match(sent.text, /id="e-file"[^>]*>[^<]*enregistrez-le d(&#39;|')abord en CSV/);
  assert.match(sent.text, /aria-invalid="true" aria-describedby="e-file"/);
  const nothing = await admin.fetch('/admin/import', {
    method: 'POST', body: new URLSearchParams({ csrf_token: admin.csrf, kind: 'people', cooperative_id: '1' }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(nothing.status, 422);
});

test('a large file runs as a job: its page shows "n / N lignes" and reloads itself until the report', async () => {
  const n = 6000;
  let csv = 'email;nom;statut;compétences\n';
  for (let i = 0; i < n; i++) csv += `gros.import.${i}@exemple.fr;Personne ${i};membre;Menuiserie, Soudure\n`;
  const before = await members(3);
  // a trial run first: the progress, then a report, and nothing written
  const dry = await upload(admin, { kind: 'people', cooperative_id: '3', dry_run: '1' }, 'gros.csv', Buffer.from(csv));
  assert.equal(dry.status, 303, dry.text);
  const views = await follow(admin, dry.location);
  assert.ok(views.length >= 2, 'seen while it ran');
  const first = views[0];
  assert.equal(first.status, 200);
  assert.match(first.refresh, /^\d+$/);
  assert.match(first.text, /En attente de démarrage|Import en cours/);
  const progress = views.find((v) => /<progress max="6000" value="\d+">/.test(v.text));
  assert.ok(progress, 'a progress bar was shown');
  assert.match(progress.text, /\d[\d\u202f]* \/ 6\u202f000 lignes/);
  const last = views.at(-1);
  assert.equal(last.status, 200);
  assert.match(last.text, /Essai à blanc : rien n(&#39;|')a été enregistré/);
  assert.match(last.text, /6\u202f000 lignes lues, 6\u202f000 acceptées, 0 refusées, 0 enregistrées/);
  assert.equal(await members(3), before, 'a trial run writes nothing');
  // one bad line among thousands: nothing written, the line named
  const bad = csv.replace('gros.import.4321@exemple.fr', 'gros.import.4321.exemple.fr');
  const refused = await upload(admin, { kind: 'people', cooperative_id: '3' }, 'gros.csv', Buffer.from(bad));
  const end = (await follow(admin, refused.location)).at(-1);
  assert.equal(end.status, 200);
  assert.match(end.text, /Ligne 4\u202f323 : /);
  assert.match(end.text, /0 enregistrées/);
  assert.equal(await members(3), before, 'all or nothing');
  // a trial run that finds a bad line: its report page is a 200 too
  const dryBad = await upload(admin, { kind: 'people', cooperative_id: '3', dry_run: '1' }, 'gros.csv', Buffer.from(bad));
  const dryEnd = (await follow(admin, dryBad.location)).at(-1);
  assert.equal(dryEnd.status, 200);
  assert.match(dryEnd.text, /Essai à blanc : rien n(&#39;|')a été enregistré/);
  assert.match(dryEnd.text, /5 999 acceptées, 1 refusées/);
});

test('the report of a trial run is a page (200) with its counts, rejected lines included', async () => {
  const csv = 'email;nom;statut\nessai.une@exemple.fr;Une Essai;membre\npas-une-adresse;Deux Essai;membre\n';
  const before = await members(3);
  const sent = await upload(admin, { kind: 'people', cooperative_id: '3', dry_run: '1' }, 'essai.csv', Buffer.from(csv));
  assert.equal(sent.status, 303);
  const report = (await follow(admin, sent.location)).at(-1);
  assert.equal(report.status, 200);
  assert.match(report.text, /Essai à blanc : rien n(&#39;|')a été enregistré/);
  assert.match(report.text, /2 lignes lues, 1 acceptées, 1 refusées, 0 enregistrées/);
  assert.match(report.text, /Ligne 3 : Cette adresse e-mail n(&#39;|')est pas valide\. \(email\)/);
  assert.equal(await members(3), before, 'a trial run writes nothing');
});

test('the report tells apart the lines that invited someone who already has an account', async () => {
  const csv = 'email;nom;statut\nmembre@bigre.coop;Léa Dubois;membre\nnouvelle.venue@exemple.fr;Nouvelle Venue;membre\n';
  const sent = await upload(admin, { kind: 'people', cooperative_id: '3' }, 'mixte.csv', Buffer.from(csv));
  assert.equal(sent.status, 303);
  const last = (await follow(admin, sent.location)).at(-1);
  assert.equal(last.status, 200);
  assert.match(last.text, /2 lignes lues, 2 acceptées, 0 refusées, 2 enregistrées/);
  assert.match(last.text, /Parmi les lignes acceptées, 1 nommait une personne qui a déjà un compte : elle est invitée/);
});

test('an import left queued by a server that stopped runs when the server starts again', async () => {
  const { execFileSync } = await import('node:child_process');
  const { bigre } = await import('../lib/server.mjs');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const db = join(mkdtempSync(join(tmpdir(), 'bigre-resume-')), 'resume.db');
  assert.equal(bigre(['demo', '--db', db]).status, 0);
  const sql = (q) => execFileSync('sqlite3', [db, q]).toString().trim();
  const adminId = sql("SELECT id FROM people WHERE email = 'admin@bigre.coop'");
  // the job as the page leaves it: queued, with its file, never started
  const csv = 'email;nom;statut\nreprise.une@exemple.fr;Une Reprise;membre\nreprise.deux@exemple.fr;Deux Reprise;membre\n';
  sql(`INSERT INTO import_jobs(person_id, cooperative_id, kind, dry_run, partial, filename, data, created_at)
       VALUES (${adminId}, 3, 'people', 0, 0, 'reprise.csv', CAST(X'${Buffer.from(csv).toString('hex')}' AS BLOB), 0)`);
  const again = await startServer({ db });
  try {
    let status = '';
    for (let i = 0; i < 100 && status !== 'done'; i++) {
      status = sql("SELECT status FROM import_jobs WHERE filename = 'reprise.csv'");
      if (status !== 'done') await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 'done');
    assert.equal(sql("SELECT written FROM import_jobs WHERE filename = 'reprise.csv'"), '2');
    assert.equal(sql("SELECT count(*) FROM people WHERE email LIKE 'reprise.%@exemple.fr'"), '2');
  } finally {
    await again.stop();
  }
});
