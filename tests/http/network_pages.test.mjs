// network_pages.test.mjs — the directory's pages and imports: rights on
// every page, forms that come back with the error next to the field,
// import reports from the command line and from the admin page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, bigre } from '../lib/server.mjs';

let srv, admin, lea, amina;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  lea = await srv.login('membre@bigre.coop');
  amina = await srv.login('associe@bigre.coop');
});
after(async () => { await srv.stop(); });

// Posts a form as a logged-in client; returns { status, text, location }.
async function post(client, path, fields) {
  const body = new URLSearchParams({ csrf_token: client.csrf, ...fields }).toString();
  const res = await client.fetch(path, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

test('public pages answer in French, with the structure', async () => {
  for (const path of ['/', '/directory', '/organisations', '/cooperatives/1', '/units/1', '/people/2', '/organisations/2']) {
    const res = await srv.fetch(path);
    assert.equal(res.status, 200, path);
    const html = await res.text();
    assert.match(html, /<html lang="fr">/, path);
  }
  const home = await (await srv.fetch('/')).text();
  assert.match(home, /Coopaname/);
  assert.match(home, /Comment nous rejoindre/);
  assert.match(home, /B!bx — Bordeaux/);
  const dir = await (await srv.fetch('/directory?skill=EBENISTERIE')).text();
  assert.match(dir, /personnes trouvées/);
  assert.match(dir, /Ébénisterie/);
  const csv = await srv.fetch('/directory.csv?skill=ebenisterie');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, for spreadsheets');
  const rows = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  assert.match(rows[0], /^"Nom";"Métiers";"Compétences"/);
  assert.ok(rows.length > 10);
  assert.ok(rows.slice(1).every((r) => r.includes('Ébénisterie')));
  const en = await (await srv.fetch('/directory?lang=en')).text();
  assert.match(en, /Directory/);
});

test('administration pages: 403 for members, 404 for another cooperative', async () => {
  assert.equal((await srv.fetch('/admin')).status, 303, 'anonymous → login');
  assert.equal((await lea.fetch('/admin')).status, 403);
  assert.equal((await lea.fetch('/admin/cooperatives/1')).status, 403);
  assert.equal((await lea.fetch('/admin/cooperatives/2')).status, 404);
  assert.equal((await lea.fetch('/admin/cooperatives/2/members')).status, 404);
  assert.equal((await amina.fetch('/admin/cooperatives/1/members')).status, 404);
  assert.equal((await lea.fetch('/admin/cooperatives/1/members')).status, 200, 'her own cooperative, read only');
  const html = await (await lea.fetch('/admin/cooperatives/1/members')).text();
  assert.doesNotMatch(html, /name="status"/, 'no status form for a member');
  assert.equal((await admin.fetch('/admin')).status, 200);
  const r = await post(lea, '/admin/units', { name: 'X', kind: 'antenna', cooperative_id: '1' });
  assert.equal(r.status, 403);
  const r2 = await post(amina, '/admin/cooperatives/1', { name: 'Piraté' });
  assert.equal(r2.status, 404);
  const r3 = await post(lea, '/admin/roles', { email: 'membre@bigre.coop', role: 'admin', scope: 'group' });
  assert.equal(r3.status, 403);
  const noCsrf = await lea.fetch('/me/profile', { method: 'POST', body: 'skills=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': '' } });
  assert.equal(noCsrf.status, 403);
});

test('my profile form: saved, then refused with the message next to the field (422)', async () => {
  const ok = await post(lea, '/me/profile', {
    trades: 'Graphiste', skills: 'Identité visuelle, Linogravure', presentation: 'Bonjour', links: 'https://lea.example\r\n',
    commune: 'Bègles', postcode: '33130', area: 'urban', wants_cooperate: '1',
    vis_profile: 'public', vis_email: 'coop', vis_trades: 'public', vis_skills: 'group', vis_territory: 'public',
    vis_presentation: 'public', vis_links: 'public', vis_cooperate: 'public',
  });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/me/profile?saved=1');
  const me = await lea.json('GET', '/api/v1/people/2');
  assert.deepEqual(me.body.skills, ['Identité visuelle', 'Linogravure']);
  assert.equal(me.body.links, 'https://lea.example\n');
  assert.equal(me.body.visibility.skills, 'group');
  assert.equal(me.body.territory.commune, 'Bègles');
  // group-only skills are not on the public page
  const pub = await (await srv.fetch('/people/2')).text();
  assert.doesNotMatch(pub, /Linogravure/);
  const grp = await (await amina.fetch('/people/2')).text();
  assert.match(grp, /Linogravure/);
  const bad = await post(lea, '/me/profile', { postcode: '3313', commune: 'Bègles', skills: 'X', vis_skills: 'group' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="e-postcode"/);
  assert.match(bad.text, /Un code postal compte 5 chiffres/);
  assert.match(bad.text, /value="3313"/, 'what was typed comes back');
  const bad2 = await post(lea, '/me/profile', { vis_email: 'everyone' });
  assert.equal(bad2.status, 422);
  assert.match(bad2.text, /id="e-vis_email"/);
});

test('an administrator creates a unit and grants a role from the pages (audited)', async () => {
  const u = await post(admin, '/admin/units', { name: 'Antenne de Bazas', kind: 'antenna', cooperative_id: '1', other_cooperative: '3', commune: 'Bazas', postcode: '33430', area: 'rural', description: '' });
  assert.equal(u.status, 303);
  assert.match(u.location, /^\/units\/\d+$/);
  const page = await (await srv.fetch(u.location)).text();
  assert.match(page, /Antenne de Bazas/);
  assert.match(page, /SMart/);
  const bad = await post(admin, '/admin/units', { name: '', kind: 'antenna', cooperative_id: '1' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="e-name"/);
  const unitId = u.location.split('/').pop();
  const g = await post(admin, '/admin/roles', { email: 'membre@bigre.coop', role: 'host', scope: 'unit', scope_id: unitId });
  assert.equal(g.status, 303);
  const me = await lea.json('GET', '/api/v1/me');
  assert.ok(me.body.roles.some((r) => r.role === 'host' && r.scope_id === Number(unitId)));
  const unknown = await post(admin, '/admin/roles', { email: 'personne@nulle.part', role: 'host', scope: 'unit', scope_id: unitId });
  assert.equal(unknown.status, 422);
  assert.match(unknown.text, /Aucun compte n(&#39;|')utilise cette adresse/);
  const rv = await post(admin, '/admin/roles/revoke', { person_id: '2', role: 'host', scope: 'unit', scope_id: unitId });
  assert.equal(rv.status, 303);
  const me2 = await lea.json('GET', '/api/v1/me');
  assert.ok(!me2.body.roles.some((r) => r.role === 'host' && r.scope_id === Number(unitId)));
});

test('membership status changed from the members page', async () => {
  const r = await post(admin, '/admin/cooperatives/1/members', { person_id: '2', status: 'associate', page: '1' });
  assert.equal(r.status, 303);
  const h = await lea.json('GET', '/api/v1/people/2/memberships');
  assert.equal(h.body.memberships[0].status, 'associate');
  const bad = await post(admin, '/admin/cooperatives/1/members', { person_id: '2', status: 'king' });
  assert.equal(bad.status, 422);
  // add a person of another cooperative by email (the "add" form)
  // she already has an account: invited, a member once she accepts on /me
  const add = await post(admin, '/admin/cooperatives/1/members', { email: 'associe@bigre.coop', status: 'member', started_on: '2026-02-01' });
  assert.equal(add.status, 303);
  assert.match(add.location, /invited=1/);
  assert.ok(!(await amina.json('GET', '/api/v1/people/6/memberships')).body.memberships.some((m) => m.cooperative === 'Coopaname'));
  const me = await (await amina.fetch('/me')).text();
  const inv = me.match(/action="(\/me\/invitations\/\d+)"/)[1];
  assert.equal((await post(amina, inv, { answer: 'accept' })).status, 303);
  const h2 = await amina.json('GET', '/api/v1/people/6/memberships');
  assert.ok(h2.body.memberships.some((m) => m.cooperative === 'Coopaname' && m.status === 'member' && m.started_on === '2026-02-01'));
  const nobody = await post(admin, '/admin/cooperatives/1/members', { email: 'personne@nulle.part', status: 'member' });
  assert.equal(nobody.status, 422);
  assert.match(nobody.text, /id="e-email"/);
  const badDay = await post(admin, '/admin/cooperatives/1/members', { email: 'associe@bigre.coop', status: 'associate', started_on: '01/02/2026' });
  assert.equal(badDay.status, 422);
  assert.match(badDay.text, /id="e-started_on"/);
  assert.equal((await post(lea, '/admin/cooperatives/1/members', { email: 'associe@bigre.coop', status: 'former' })).status, 403);
});

test('a unit edited from its page by its administrator only', async () => {
  assert.equal((await lea.fetch('/admin/units/1')).status, 403);
  assert.equal((await amina.fetch('/admin/units/3')).status, 404);
  const form = await (await admin.fetch('/admin/units/1')).text();
  assert.match(form, /value="B!bx — Bordeaux"/);
  const r = await post(admin, '/admin/units/1', { name: 'B!bx — Bordeaux', kind: 'establishment', cooperative_id: '1', other_cooperative: '2', address: '12 rue des Faures', commune: 'Bordeaux', postcode: '33000', area: 'urban', description: 'Le lieu partagé de Bordeaux.' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/units/1');
  const u = await srv.json('GET', '/api/v1/units/1');
  assert.equal(u.body.description, 'Le lieu partagé de Bordeaux.');
  assert.deepEqual(u.body.cooperatives, [1, 2]);
  const bad = await post(admin, '/admin/units/1', { name: 'B!bx', kind: 'palace', cooperative_id: '1' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="e-kind"/);
  assert.equal((await post(lea, '/admin/units/1', { name: 'X', cooperative_id: '1' })).status, 403);
});

test('bigre import: every rejected line with its number and reason; nothing written unless --partial', async () => {
  const csv = join(srv.dir, 'people.csv');
  writeFileSync(csv, Buffer.from(
    'Courriel;Nom;Prénom;Statut;Compétences;Commune;Code postal;Zone\n' +
    'ines.garcia@exemple.fr;Garcia;Inès;associée;Maroquinerie, Cuir;Créon;33670;rural\n' +
    'pas-une-adresse;X;Y;membre;;;;\n' +
    'tom@exemple.fr;Tom;;chef;;;;\n', 'latin1'));   // Windows-1252 bytes
  const dry = bigre(['import', 'people', '--db', srv.db, '--coop', '1', '--dry-run', csv]);
  assert.equal(dry.status, 1);
  assert.match(dry.stdout, /line 3: This email address is not valid\. \[field email\] \(invalid_email\)/);
  assert.match(dry.stdout, /line 4: Unknown membership status\. \[field status\] \(invalid_status\)/);
  assert.match(dry.stdout, /Windows-1252, separator ';': 3 lines read, 1 accepted, 2 rejected, 0 written/);
  const all = bigre(['import', 'people', '--db', srv.db, '--coop', '1', csv]);
  assert.equal(all.status, 1);
  assert.match(all.stdout, /0 written/);
  assert.equal((await admin.json('GET', '/api/v1/people?skill=maroquinerie')).body.total, 0);
  const part = bigre(['import', 'people', '--db', srv.db, '--coop', '1', '--partial', csv]);
  assert.equal(part.status, 0);
  assert.match(part.stdout, /1 written/);
  // written, but not listed: Inès has not chosen who sees her profile (consent)
  assert.equal((await admin.json('GET', '/api/v1/people?skill=MAROQUINERIE')).body.total, 0);
  const members = await admin.json('GET', '/api/v1/cooperatives/1/memberships?page=1');
  assert.ok(members.body.total > 0);
  const check = bigre(['check', '--db', srv.db]);
  assert.equal(check.status, 0, check.stdout);
  assert.match(check.stdout, /ok {5}\[network\]/);
  const usage = bigre(['import', 'people', '--db', srv.db, csv]);
  assert.equal(usage.status, 2);
  const orgs = join(srv.dir, 'orgs.csv');
  writeFileSync(orgs, 'name,kind,siren,commune,postcode\n"Les Ateliers, SCOP",entreprise collective,732829320,Pessac,33600\nMauvais,castle,,,\nBad siren,groupement,123,,\n');
  const o = bigre(['import', 'organisations', '--db', srv.db, '--coop', '2', '--partial', orgs]);
  assert.equal(o.status, 0);
  assert.match(o.stdout, /line 3: Unknown kind of organisation/);
  assert.match(o.stdout, /line 4: A SIREN is 9 digits/);
  assert.match(o.stdout, /separator ',': 3 lines read, 1 accepted, 2 rejected, 1 written/);
  const list = await srv.json('GET', '/api/v1/organisations?q=Ateliers');
  assert.equal(list.body.organisations[0].name, 'Les Ateliers, SCOP');
});

// Posts an import (pasted text) and follows to its job's page.
async function importPasted(client, fields) {
  const sent = await post(client, '/admin/import', fields);
  if (sent.status !== 303) return sent;
  assert.match(sent.location, /^\/admin\/import\/jobs\/\d+$/);
  const res = await client.fetch(sent.location);
  return { status: res.status, text: await res.text() };
}

test('import from the admin page: trial run, then refusal, with the report in French', async () => {
  const csv = 'email;nom;statut\nzoe@exemple.fr;Zoé Blanc;membre\nnope;X;membre\n';
  const dry = await importPasted(admin, { kind: 'people', cooperative_id: '2', csv, dry_run: '1' });
  assert.equal(dry.status, 200, "a trial run's report is a page, rejected lines included");
  assert.match(dry.text, /Essai à blanc : rien n&#39;a été enregistré/);
  assert.match(dry.text, /Ligne 3 : Cette adresse e-mail n(&#39;|')est pas valide\. \(email\)/);
  const ok = await importPasted(admin, { kind: 'people', cooperative_id: '2', csv: 'email;nom\nzoe@exemple.fr;Zoé Blanc\n' });
  assert.equal(ok.status, 200);
  assert.match(ok.text, /Import effectué/);
  assert.equal((await admin.json('GET', '/api/v1/people?q=zoe%20blanc')).body.total, 0, 'not listed before she chooses');
  const no = await post(lea, '/admin/import', { kind: 'people', cooperative_id: '1', csv });
  assert.equal(no.status, 403);
  const other = await post(amina, '/admin/import', { kind: 'people', cooperative_id: '1', csv });
  assert.equal(other.status, 404);
});

test('organisations: created and linked from the pages by those who manage them', async () => {
  const julien = await srv.login('accompagnement@bigre.coop');
  assert.equal((await lea.fetch('/admin/organisations/new')).status, 403);
  const bad = await post(julien, '/admin/organisations', { name: 'Atelier Sud', kind: 'collective_enterprise', cooperative_id: '1', visibility: 'public', siren: '12345' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="e-siren"/);
  const other = await post(julien, '/admin/organisations', { name: 'Atelier Sud', kind: 'collective_enterprise', cooperative_id: '2', visibility: 'public' });
  assert.equal(other.status, 404, 'not his cooperative');
  const ok = await post(julien, '/admin/organisations', { name: 'Atelier Sud', kind: 'collective_enterprise', cooperative_id: '1', visibility: 'group', commune: 'Bègles', postcode: '33130', area: 'urban' });
  assert.equal(ok.status, 303);
  const id = ok.location.split('/').pop();
  assert.equal((await srv.fetch(`/organisations/${id}`)).status, 404, 'group only');
  const link = await post(julien, `/organisations/${id}/people`, { email: 'membre@bigre.coop', role: 'cogérante' });
  assert.equal(link.status, 303);
  const page = await (await amina.fetch(`/organisations/${id}`)).text();
  assert.match(page, /Léa Dubois<\/a> — cogérante/);
  assert.doesNotMatch(page, /name="role"/, 'no link form for a member of another cooperative');
  assert.equal((await post(lea, `/organisations/${id}/people`, { email: 'membre@bigre.coop', role: 'x' })).status, 403);
  assert.equal((await post(julien, `/organisations/${id}/people`, { email: 'nobody@nowhere.fr', role: 'x' })).status, 422);
});

test('deletions from the pages: rights, and refusal while still in use', async () => {
  const julien = await srv.login('accompagnement@bigre.coop');
  const full = await post(admin, '/admin/cooperatives/1/delete', {});
  assert.equal(full.status, 409);
  assert.match(full.text, /encore des unités/);
  assert.equal((await post(lea, '/admin/cooperatives/3/delete', {})).status, 403);
  const u = await post(admin, '/admin/units', { name: 'Antenne éphémère', kind: 'antenna', cooperative_id: '3' });
  const unitId = u.location.split('/').pop();
  assert.match(await (await admin.fetch(`/admin/units/${unitId}`)).text(), /Supprimer cette unité/);
  assert.equal((await post(lea, `/admin/units/${unitId}/delete`, {})).status, 404, "a unit of SMart, where Léa holds no role");
  assert.equal((await post(admin, `/admin/units/${unitId}/delete`, {})).status, 303);
  assert.equal((await srv.fetch(`/units/${unitId}`)).status, 404);
  const o = await post(julien, '/admin/organisations', { name: 'Collectif provisoire', kind: 'groupement', cooperative_id: '1', visibility: 'public' });
  const orgId = o.location.split('/').pop();
  await post(julien, `/organisations/${orgId}/people`, { email: 'membre@bigre.coop', role: 'membre' });
  assert.equal((await post(amina, `/organisations/${orgId}/people/2/delete`, {})).status, 404);
  assert.equal((await post(julien, `/organisations/${orgId}/people/2/delete`, {})).status, 303);
  assert.doesNotMatch(await (await srv.fetch(`/organisations/${orgId}`)).text(), /Léa Dubois/);
  assert.equal((await post(lea, `/organisations/${orgId}/delete`, {})).status, 403);
  assert.equal((await post(julien, `/organisations/${orgId}/delete`, {})).status, 303);
  assert.equal((await srv.fetch(`/organisations/${orgId}`)).status, 404);
});
