// network.test.mjs — the structure and the directory over HTTP: rights of
// every route (a member of one cooperative cannot read or change another's
// private data), visibility choices honoured in lists, search and pages,
// bad input with exact status and code.
//
// Demo people: 1 Camille Martin (group admin), 2 Léa Dubois (member of
// Coopaname), 3 Karim Benali (host of B!bx), 4 Sophie Laurent (accountant
// of Coopaname), 5 Julien Moreau (accompanist of Coopaname), 6 Amina Diallo
// (associate of Oxalis).  Cooperatives: 1 Coopaname, 2 Oxalis, 3 SMart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let srv, admin, lea, sophie, amina, julien;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  lea = await srv.login('membre@bigre.coop');
  sophie = await srv.login('compta@bigre.coop');
  amina = await srv.login('associe@bigre.coop');
  julien = await srv.login('accompagnement@bigre.coop');
});
after(async () => { await srv.stop(); });

const names = (r) => r.body.people.map((p) => p.display_name);

test('the demo directory holds 600 people, three cooperatives and a dozen units', async () => {
  const all = await admin.json('GET', '/api/v1/people');
  assert.equal(all.status, 200);
  assert.ok(all.body.total >= 600 && all.body.total < 620, `${all.body.total} people`); // 600, plus the few the other demos add (hosts, newcomers who reached CAPE)
  assert.equal(all.body.people.length, 20);
  const coops = await srv.json('GET', '/api/v1/cooperatives');
  assert.deepEqual(coops.body.cooperatives.map((c) => c.name), ['Coopaname', 'Oxalis', 'SMart']);
  assert.equal(coops.body.cooperatives[0].legal_form, 'CAE');
  assert.equal(coops.body.cooperatives[2].legal_form, 'SCIC');
  const units = await srv.json('GET', '/api/v1/units');
  assert.ok(units.body.total >= 12);
  const areas = new Set(units.body.units.map((u) => u.territory?.area));
  assert.ok(areas.has('urban') && areas.has('rural'));
  const bibx = units.body.units.find((u) => u.name.startsWith('B!bx'));
  assert.deepEqual(bibx.cooperatives, [1, 2, 3], 'B!bx spans the three cooperatives');
});

test('anonymous visitors see public profiles only, and never a hidden field', async () => {
  const anon = await srv.json('GET', '/api/v1/people?q=Sophie%20Laurent');
  assert.equal(anon.status, 200);
  assert.equal(anon.body.total, 0, 'Sophie shows her profile to the group only');
  const member = await lea.json('GET', '/api/v1/people?q=Sophie%20Laurent');
  assert.deepEqual(names(member), ['Sophie Laurent']);
  const one = await srv.json('GET', '/api/v1/people/4');
  assert.equal(one.status, 404);
  assert.equal(one.body.error.code, 'not_found');
  const leaPublic = await srv.json('GET', '/api/v1/people/2');
  assert.equal(leaPublic.status, 200);
  assert.equal(leaPublic.body.display_name, 'Léa Dubois');
  assert.equal(leaPublic.body.email, undefined, 'the email is for her cooperative');
  assert.equal(leaPublic.body.visibility, undefined, 'choices are shown to the person only');
  const leaForSophie = await sophie.json('GET', '/api/v1/people/2');
  assert.equal(leaForSophie.body.email, 'membre@bigre.coop');
  const leaForAmina = await amina.json('GET', '/api/v1/people/2');
  assert.equal(leaForAmina.body.email, undefined, 'Amina is in another cooperative');
});

test('search is accent- and case-insensitive, by skill, trade, territory and words', async () => {
  const a = await srv.json('GET', '/api/v1/people?skill=EBENISTERIE');
  const b = await srv.json('GET', '/api/v1/people?skill=%C3%A9b%C3%A9nisterie');
  assert.ok(a.body.total > 0);
  assert.equal(a.body.total, b.body.total);
  for (const p of a.body.people) assert.ok(p.skills.includes('Ébénisterie'));
  const q = await srv.json('GET', '/api/v1/people?q=ebenist');
  assert.ok(q.body.total >= a.body.total, 'prefix words match');
  const t = await srv.json('GET', '/api/v1/people?territory=saint%20emilion');
  assert.ok(t.body.total > 0);
  for (const p of t.body.people) assert.equal(p.territory.commune, 'Saint-Émilion');
  const dep = await srv.json('GET', '/api/v1/people?territory=24');
  for (const p of dep.body.people) assert.equal(p.territory.department, '24');
  const page2 = await srv.json('GET', '/api/v1/people?page=2');
  assert.equal(page2.body.page, 2);
  assert.notDeepEqual(names(page2), names(await srv.json('GET', '/api/v1/people?page=1')));
  const odd = await srv.json('GET', '/api/v1/people?q=%22%29%20OR%20*%20NEAR');
  assert.equal(odd.status, 200, 'FTS syntax in the query is neutralised');
});

test('bad paging and bad search input → 400 with the field', async () => {
  for (const page of ['0', '-1', 'abc', '1e3']) {
    const r = await srv.json('GET', `/api/v1/people?page=${page}`);
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'invalid_page');
    assert.equal(r.body.error.field, 'page');
  }
  for (const per of ['0', '101', 'x']) {
    const r = await srv.json('GET', `/api/v1/people?per_page=${per}`);
    assert.equal(r.status, 400);
    assert.equal(r.body.error.field, 'per_page');
  }
  const hundred = await admin.json('GET', '/api/v1/people?per_page=100&page=2');
  assert.equal(hundred.body.people.length, 100);
  assert.equal(hundred.body.per_page, 100);
  const long = await srv.json('GET', `/api/v1/people?q=${'a'.repeat(201)}`);
  assert.equal(long.status, 400);
  assert.equal(long.body.error.code, 'too_long');
});

test('a person changes their visibility; lists, search and pages follow at once', async () => {
  // Léa makes her skills visible to her cooperative only, her presentation private
  const r = await lea.json('PATCH', '/api/v1/people/2', {
    skills: ['Sérigraphie', 'Identité visuelle'],
    presentation: 'Texte privé de Léa',
    visibility: { skills: 'coop', presentation: 'private' },
  });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.skills, ['Identité visuelle', 'Sérigraphie']);
  assert.equal(r.body.visibility.skills, 'coop');
  assert.equal(r.body.visibility.presentation, 'private');
  // anonymous and another cooperative: the skill is not there, search does not find it
  for (const who of [srv, amina]) {
    const s = await who.json('GET', '/api/v1/people?skill=serigraphie');
    assert.equal(s.body.total, 0);
    const q = await who.json('GET', '/api/v1/people?q=serigraphie');
    assert.equal(q.body.total, 0);
    const p = await who.json('GET', '/api/v1/people/2');
    assert.equal(p.body.skills, undefined);
    assert.equal(p.body.presentation, undefined);
    const page = await who.fetch('/people/2');
    const html = await page.text();
    assert.doesNotMatch(html, /Sérigraphie|Texte privé/);
  }
  // the same cooperative finds her by the skill, typed without accent
  const s = await sophie.json('GET', '/api/v1/people?skill=SERIGRAPHIE');
  assert.deepEqual(names(s), ['Léa Dubois']);
  const q = await sophie.json('GET', '/api/v1/people?q=serigraph');
  assert.deepEqual(names(q), ['Léa Dubois']);
  // the private presentation: nobody but her, not even her cooperative
  const p = await sophie.json('GET', '/api/v1/people/2');
  assert.equal(p.body.presentation, undefined);
  assert.ok(p.body.skills.includes('Sérigraphie'));
  const q2 = await sophie.json('GET', '/api/v1/people?q=prive');
  assert.ok(!names(q2).includes('Léa Dubois'), 'private text is not searchable by others');
  const self = await lea.json('GET', '/api/v1/people/2');
  assert.equal(self.body.presentation, 'Texte privé de Léa');
  // the export (CSV) follows the same choices
  const csvAnon = await (await srv.fetch('/directory.csv?q=dubois')).text();
  const csvSophie = await (await sophie.fetch('/directory.csv?q=dubois')).text();
  assert.match(csvAnon, /"Léa Dubois"/);
  assert.doesNotMatch(csvAnon, /Sérigraphie|Texte privé|membre@bigre\.coop/);
  assert.match(csvSophie, /Sérigraphie/);
  assert.match(csvSophie, /membre@bigre\.coop/);
  assert.doesNotMatch(csvSophie, /Texte privé/);
  // hide the whole profile from everyone
  await lea.json('PATCH', '/api/v1/people/2', { visibility: { profile: 'private' } });
  assert.equal((await sophie.json('GET', '/api/v1/people/2')).status, 404);
  assert.equal((await sophie.json('GET', '/api/v1/people?q=Dubois')).body.people.filter((x) => x.id === 2).length, 0);
  assert.equal((await sophie.fetch('/people/2')).status, 404);
  assert.doesNotMatch(await (await sophie.fetch('/directory.csv?q=dubois')).text(), /Léa Dubois/);
  await lea.json('PATCH', '/api/v1/people/2', { visibility: { profile: 'public', skills: 'public', presentation: 'public' } });
});

test('nobody changes someone else\'s profile; bad profile input is refused with its field', async () => {
  const r = await amina.json('PATCH', '/api/v1/people/2', { presentation: 'piraté' });
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, 'not_found');
  const s = await sophie.json('PATCH', '/api/v1/people/2', { presentation: 'piraté' });
  assert.equal(s.status, 404);
  const cases = [
    [{ visibility: { skills: 'everyone' } }, 'invalid_visibility', 'visibility'],
    [{ visibility: { shoe_size: 'public' } }, 'invalid_visibility', 'visibility'],
    [{ links: 'javascript:alert(1)' }, 'invalid_url', 'links'],
    [{ presentation: 'x'.repeat(2001) }, 'too_long', 'presentation'],
    [{ skills: 'a'.repeat(81) }, 'invalid_tag', 'skills'],
    [{ skills: [1, 2] }, 'invalid_tag', 'skills'],
    [{ territory: { commune: 'Bordeaux', postcode: '3300' } }, 'invalid_postcode', 'postcode'],
    [{ territory: { commune: 'Bordeaux' } }, 'missing_field', 'postcode'],
    [{ wants_cooperate: 'yes' }, 'invalid_type', 'wants_cooperate'],
  ];
  for (const [body, code, field] of cases) {
    const x = await lea.json('PATCH', '/api/v1/people/2', body);
    assert.equal(x.status, 400, JSON.stringify(body));
    assert.equal(x.body.error.code, code, JSON.stringify(body));
    assert.equal(x.body.error.field, field, JSON.stringify(body));
  }
  const anon = await srv.json('PATCH', '/api/v1/people/2', { presentation: 'x' });
  assert.equal(anon.status, 401);
});

test('memberships of a cooperative are private to it: another cooperative gets 404', async () => {
  const own = await lea.json('GET', '/api/v1/cooperatives/1/memberships');
  assert.equal(own.status, 200);
  assert.ok(own.body.total > 100);
  const other = await lea.json('GET', '/api/v1/cooperatives/2/memberships');
  assert.equal(other.status, 404);
  assert.equal(other.body.error.code, 'not_found');
  const other2 = await amina.json('GET', '/api/v1/cooperatives/1/memberships');
  assert.equal(other2.status, 404);
  const anon = await srv.json('GET', '/api/v1/cooperatives/1/memberships');
  assert.equal(anon.status, 401);
  // a member may not set statuses; an accompanist of the cooperative may
  const no = await lea.json('POST', '/api/v1/cooperatives/1/memberships', { person_id: 2, status: 'associate' });
  assert.equal(no.status, 403);
  assert.equal(no.body.error.code, 'forbidden');
  const no2 = await amina.json('POST', '/api/v1/cooperatives/1/memberships', { person_id: 2, status: 'former' });
  assert.equal(no2.status, 404);
  const yes = await julien.json('POST', '/api/v1/cooperatives/1/memberships', { person_id: 2, status: 'associate', started_on: '2026-01-15' });
  assert.equal(yes.status, 200);
  const hist = await lea.json('GET', '/api/v1/people/2/memberships');
  assert.deepEqual(hist.body.memberships.map((m) => [m.status, m.started_on, m.ended_on]),
    [['associate', '2026-01-15', null], ['member', '2021-09-01', '2026-01-15']]);
  // Amina sees no period of Coopaname in Léa's history
  const hist2 = await amina.json('GET', '/api/v1/people/2/memberships');
  assert.equal(hist2.status, 200);
  assert.equal(hist2.body.memberships.length, 0);
  const bad = await julien.json('POST', '/api/v1/cooperatives/1/memberships', { person_id: 2, status: 'boss' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'invalid_status');
  const bad2 = await julien.json('POST', '/api/v1/cooperatives/1/memberships', { person_id: 2, status: 'member', started_on: '2026-02-30' });
  assert.equal(bad2.status, 400);
  assert.equal(bad2.body.error.code, 'invalid_date');
  const early = await julien.json('POST', '/api/v1/cooperatives/1/memberships', { person_id: 2, status: 'member', started_on: '2020-01-01' });
  assert.equal(early.status, 400);
  assert.equal(early.body.error.code, 'invalid_date');
});

test('cooperatives: only the group\'s administrators create and delete; SIREN checked by its key', async () => {
  const body = { name: 'Scop des Landes', legal_form: 'SCOP', siren: '732829320', postcode: '40000', commune: 'Mont-de-Marsan', settings: { contribution_bp: 900 } };
  const no = await lea.json('POST', '/api/v1/cooperatives', body);
  assert.equal(no.status, 403);
  const anon = await srv.json('POST', '/api/v1/cooperatives', body);
  assert.equal(anon.status, 401);
  const badSiren = await admin.json('POST', '/api/v1/cooperatives', { ...body, siren: '732829321' });
  assert.equal(badSiren.status, 400);
  assert.equal(badSiren.body.error.code, 'invalid_siren');
  assert.equal(badSiren.body.error.field, 'siren');
  const badForm = await admin.json('POST', '/api/v1/cooperatives', { ...body, legal_form: 'GmbH' });
  assert.equal(badForm.body.error.code, 'invalid_legal_form');
  const badSettings = await admin.json('POST', '/api/v1/cooperatives', { ...body, settings: [1] });
  assert.equal(badSettings.body.error.code, 'invalid_settings');
  const noName = await admin.json('POST', '/api/v1/cooperatives', { ...body, name: '' });
  assert.equal(noName.body.error.code, 'invalid_name');
  const ok = await admin.json('POST', '/api/v1/cooperatives', body);
  assert.equal(ok.status, 201);
  const id = ok.body.id;
  const dup = await admin.json('POST', '/api/v1/cooperatives', body);
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.code, 'coop_exists');
  const got = await srv.json('GET', `/api/v1/cooperatives/${id}`);
  assert.equal(got.body.settings.contribution_bp, 900);
  // a member of Coopaname may not change Oxalis (404) nor Coopaname (403)
  assert.equal((await lea.json('PATCH', '/api/v1/cooperatives/2', { name: 'X' })).status, 404);
  assert.equal((await lea.json('PATCH', '/api/v1/cooperatives/1', { name: 'X' })).status, 403);
  const patched = await admin.json('PATCH', `/api/v1/cooperatives/${id}`, { short_description: 'Une SCOP landaise' });
  assert.equal(patched.status, 200);
  assert.equal(patched.body.short_description, 'Une SCOP landaise');
  const full = await admin.json('DELETE', '/api/v1/cooperatives/1');
  assert.equal(full.status, 409);
  assert.equal(full.body.error.code, 'coop_not_empty');
  assert.equal((await lea.json('DELETE', `/api/v1/cooperatives/${id}`)).status, 403);
  assert.equal((await admin.json('DELETE', `/api/v1/cooperatives/${id}`)).status, 204);
  assert.equal((await srv.json('GET', `/api/v1/cooperatives/${id}`)).status, 404);
});

test('units: created by an administrator of each cooperative they span', async () => {
  const unit = { name: 'Antenne de Bazas', kind: 'antenna', cooperative_id: 1, commune: 'Bazas', postcode: '33430', area: 'rural' };
  assert.equal((await lea.json('POST', '/api/v1/units', unit)).status, 403);
  assert.equal((await amina.json('POST', '/api/v1/units', unit)).status, 404);
  const badKind = await admin.json('POST', '/api/v1/units', { ...unit, kind: 'castle' });
  assert.equal(badKind.status, 400);
  assert.equal(badKind.body.error.code, 'invalid_kind');
  const badArea = await admin.json('POST', '/api/v1/units', { ...unit, area: 'suburb' });
  assert.equal(badArea.body.error.code, 'invalid_area');
  const noCoop = await admin.json('POST', '/api/v1/units', { ...unit, cooperative_id: 99 });
  assert.equal(noCoop.body.error.code, 'unknown_cooperative');
  const ok = await admin.json('POST', '/api/v1/units', { ...unit, other_cooperatives: [2] });
  assert.equal(ok.status, 201);
  const got = await srv.json('GET', `/api/v1/units/${ok.body.id}`);
  assert.deepEqual(got.body.cooperatives, [1, 2]);
  assert.equal(got.body.territory.area, 'rural');
  assert.equal(got.body.territory.department, '33');
  const p = await admin.json('PATCH', `/api/v1/units/${ok.body.id}`, { description: 'Permanence le jeudi' });
  assert.equal(p.body.description, 'Permanence le jeudi');
  assert.equal((await lea.json('DELETE', `/api/v1/units/${ok.body.id}`)).status, 403);
  assert.equal((await admin.json('DELETE', `/api/v1/units/${ok.body.id}`)).status, 204);
});

test('roles: granted and revoked by administrators only, and audited', async () => {
  const grant = { person_id: 2, role: 'host', scope: 'unit', scope_id: 1 };
  assert.equal((await lea.json('POST', '/api/v1/roles', grant)).status, 403);
  assert.equal((await amina.json('POST', '/api/v1/roles', grant)).status, 404);
  const bad = await admin.json('POST', '/api/v1/roles', { ...grant, role: 'king' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'invalid_role');
  const badScope = await admin.json('POST', '/api/v1/roles', { ...grant, scope: 'planet' });
  assert.equal(badScope.body.error.code, 'invalid_scope');
  const nobody = await admin.json('POST', '/api/v1/roles', { ...grant, person_id: 99999 });
  assert.equal(nobody.body.error.code, 'unknown_person');
  const ok = await admin.json('POST', '/api/v1/roles', grant);
  assert.equal(ok.status, 201);
  const me = await lea.json('GET', '/api/v1/me');
  assert.ok(me.body.roles.some((r) => r.role === 'host' && r.scope === 'unit' && r.scope_id === 1));
  const list = await admin.json('GET', '/api/v1/roles?cooperative=1&limit=500');
  assert.equal(list.body.total, list.body.roles.length, 'the demo cooperative holds fewer than 500 roles');
  assert.ok(list.body.roles.some((r) => r.person_id === 2 && r.role === 'host'));
  assert.equal((await lea.json('GET', '/api/v1/roles?cooperative=1')).status, 403);
  assert.equal((await lea.json('DELETE', '/api/v1/roles', grant)).status, 403);
  assert.equal((await admin.json('DELETE', '/api/v1/roles', grant)).status, 204);
  const again = await admin.json('DELETE', '/api/v1/roles', grant);
  assert.equal(again.status, 404);
  const { execFileSync } = await import('node:child_process');
  const audit = execFileSync('sqlite3', [srv.db, "SELECT action FROM audit_log WHERE entity = 'role' AND after LIKE '%\"host\"%' OR before LIKE '%\"host\",\"scope\":\"unit\"%'"]).toString();
  assert.match(audit, /grant/);
  assert.match(audit, /revoke/);
});

test('organisations: visibility and rights', async () => {
  const list = await srv.json('GET', '/api/v1/organisations');
  assert.equal(list.status, 200);
  assert.ok(list.body.total >= 10);
  const labs = await srv.json('GET', '/api/v1/organisations?kind=research_lab');
  assert.ok(labs.body.organisations.every((o) => o.kind === 'research_lab'));
  const badKind = await srv.json('GET', '/api/v1/organisations?kind=castle');
  assert.equal(badKind.status, 400);
  const body = { kind: 'groupement', name: 'Groupement privé Coopaname', cooperative_id: 1, visibility: 'coop' };
  assert.equal((await lea.json('POST', '/api/v1/organisations', body)).status, 403);
  assert.equal((await amina.json('POST', '/api/v1/organisations', body)).status, 404);
  const ok = await julien.json('POST', '/api/v1/organisations', body);
  assert.equal(ok.status, 201);
  const id = ok.body.id;
  assert.equal((await julien.json('POST', `/api/v1/organisations/${id}/people`, { person_id: 2, role: 'membre' })).status, 204);
  assert.equal((await lea.json('GET', `/api/v1/organisations/${id}`)).body.people[0].display_name, 'Léa Dubois');
  assert.equal((await amina.json('GET', `/api/v1/organisations/${id}`)).status, 404, 'coop-only');
  assert.equal((await srv.json('GET', `/api/v1/organisations/${id}`)).status, 404);
  assert.ok(!(await amina.json('GET', '/api/v1/organisations?q=priv')).body.organisations.length);
  const badSiren = await julien.json('PATCH', `/api/v1/organisations/${id}`, { siren: '123' });
  assert.equal(badSiren.body.error.code, 'invalid_siren');
  assert.equal((await amina.json('DELETE', `/api/v1/organisations/${id}`)).status, 404);
  assert.equal((await julien.json('DELETE', `/api/v1/organisations/${id}`)).status, 204);
});

test('unknown ids → 404; wrong types → 400', async () => {
  for (const path of ['/api/v1/cooperatives/999', '/api/v1/units/999', '/api/v1/people/99999', '/api/v1/organisations/999', '/api/v1/people/abc']) {
    const r = await admin.json('GET', path);
    assert.equal(r.status, 404, path);
    assert.equal(r.body.error.code, 'not_found');
  }
  const r = await admin.json('POST', '/api/v1/units', { name: 5, cooperative_id: 1 });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'name');
  const ct = await admin.fetch('/api/v1/units', { method: 'POST', body: 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(ct.status, 415);
});
