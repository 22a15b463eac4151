// directory.test.mjs — the directory in a real browser (playwright-core +
// Debian's chromium): a member edits the visibility of their profile and
// finds a person by a skill typed with other accents; an administrator
// creates a unit and grants a role; axe-core finds no WCAG 2.1 A/AA
// violation on the main pages; nothing scrolls sideways at 360 px.
// Screenshots of the main pages, in French, go to SCREENSHOTS (server.mjs).
// (bypassCSP: the page's Content-Security-Policy rightly refuses inline
// scripts; it is lifted in the test browser only, to inject axe-core.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, ROOT, bigre, SCREENSHOTS } from '../lib/server.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const SHOTS = SCREENSHOTS;

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  });
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); await srv.stop(); });

async function loggedIn(email, viewport = { width: 1100, height: 900 }) {
  const ctx = await browser.newContext({ viewport, locale: 'fr-FR', bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(srv.url + '/login');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('bigre-demo');
  await page.locator('main form button[type=submit]').click();
  await page.waitForURL(srv.url + '/me');
  return { ctx, page };
}

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

test('a member edits the visibility of her profile and finds a person by a skill typed with other accents', async () => {
  const { ctx, page } = await loggedIn('membre@bigre.coop');
  await page.goto(srv.url + '/me/profile');
  await page.getByLabel('Compétences', { exact: true }).fill('Identité visuelle, Sérigraphie');
  await page.getByLabel('Mes compétences').selectOption('coop');
  await page.getByLabel('Mon adresse électronique').selectOption('private');
  await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
  await page.waitForURL(/\/me\/profile\?saved=1$/);
  await page.getByText('Votre profil est enregistré.').waitFor();
  assert.equal(await page.getByLabel('Mes compétences').inputValue(), 'coop');
  await page.screenshot({ path: join(SHOTS, 'profil.png'), fullPage: true });
  // the choice holds: an anonymous visitor does not see the skill
  const anon = await (await srv.fetch('/people/2')).text();
  assert.doesNotMatch(anon, /Sérigraphie/);
  // search by a skill typed without accents and in capitals
  await page.goto(srv.url + '/directory');
  await page.getByLabel('Compétence', { exact: true }).fill('EBENISTERIE');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForURL(/skill=EBENISTERIE/);
  const count = await page.locator('p.count').innerText();
  assert.match(count, /\d+ personnes trouvées/);
  const firstSkills = await page.locator('ul.cards li.card').first().innerText();
  assert.match(firstSkills, /Ébénisterie/);
  await page.screenshot({ path: join(SHOTS, 'annuaire.png'), fullPage: true });
  // a named person, found by her skill written "identite VISUELLE"
  await page.getByLabel('Compétence', { exact: true }).fill('identite VISUELLE');
  await page.getByLabel('Nom ou mots').fill('dubois');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.getByRole('link', { name: 'Léa Dubois' }).click();
  await page.waitForURL(/\/people\/2$/);
  await page.getByRole('heading', { name: 'Léa Dubois' }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'personne.png'), fullPage: true });
  await ctx.close();
});

test('an administrator creates a unit and grants a role', async () => {
  const { ctx, page } = await loggedIn('admin@bigre.coop');
  await page.screenshot({ path: join(SHOTS, 'mon-espace.png'), fullPage: true });
  await page.goto(srv.url + '/admin/units/new');
  await page.getByLabel('Nom', { exact: true }).fill('Antenne de Créon');
  await page.getByLabel('Type', { exact: true }).selectOption('antenna');
  await page.getByLabel('Coopérative principale').selectOption({ label: 'Oxalis' });
  await page.getByLabel('S\'étend aussi à (facultatif)').selectOption({ label: 'Coopaname' });
  await page.getByLabel('Commune').fill('Créon');
  await page.getByLabel('Code postal').fill('33670');
  await page.getByLabel('Type de territoire').selectOption('rural');
  await page.getByRole('button', { name: 'Créer l\'unité' }).click();
  await page.waitForURL(/\/units\/\d+$/);
  const unitId = page.url().split('/').pop();
  await page.getByRole('heading', { name: 'Antenne de Créon' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Oxalis[\s\S]*Coopaname/);
  await page.screenshot({ path: join(SHOTS, 'unite.png'), fullPage: true });
  await page.goto(srv.url + '/admin/roles');
  await page.getByLabel('Adresse électronique de la personne').fill('membre@bigre.coop');
  await page.getByLabel('Rôle', { exact: true }).selectOption('host');
  await page.getByLabel('Périmètre').selectOption('unit');
  await page.getByLabel('Numéro de la coopérative ou de l\'unité').fill(unitId);
  await page.getByRole('button', { name: 'Attribuer le rôle' }).click();
  await page.waitForURL(/\/admin\/roles\?done=1$/);
  await page.getByText('Enregistré.').waitFor();
  const me = await (await srv.login('membre@bigre.coop')).json('GET', '/api/v1/me');
  assert.ok(me.body.roles.some((r) => r.role === 'host' && r.scope === 'unit' && r.scope_id === Number(unitId)));
  await page.screenshot({ path: join(SHOTS, 'admin-roles.png'), fullPage: true });
  // import a Windows-1252 file chosen from the disk: sent as a file (multipart), a trial run
  await page.goto(srv.url + '/admin/import');
  await page.getByLabel('Fichier CSV').setInputFiles({
    name: 'membres.csv', mimeType: 'text/csv',
    buffer: Buffer.from('courriel;nom;statut\nhelene@exemple.fr;H\u00e9l\u00e8ne Faure;associ\u00e9e\npas-une-adresse;X;membre\n', 'latin1'),
  });
  await page.getByRole('button', { name: 'Essai à blanc' }).click();
  await page.waitForURL(/\/admin\/import\/jobs\/\d+$/);
  await page.getByText('Essai à blanc : rien n\'a été enregistré').waitFor();
  assert.match(await page.locator('main').innerText(), /membres\.csv[\s\S]*Windows-1252/);
  assert.match(await page.locator('ul.errors').innerText(), /Ligne 3 : /);
  await page.screenshot({ path: join(SHOTS, 'admin-import-rapport.png'), fullPage: true });
  // a large file: its page shows the progress and reloads itself (no JavaScript needed) until the report
  await page.goto(srv.url + '/admin/import');
  let big = 'courriel;nom;statut;compétences\n';
  for (let i = 0; i < 15000; i++) big += `nav.${i}@exemple.fr;P ${i};membre;Menuiserie, Soudure\n`;
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'gros-fichier.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
  await page.getByRole('button', { name: 'Essai à blanc' }).click();
  await page.waitForURL(/\/admin\/import\/jobs\/\d+$/);
  await page.locator('progress').waitFor();
  assert.match(await page.locator('main').innerText(), /\/ 15\u202f000 lignes/);
  await page.screenshot({ path: join(SHOTS, 'admin-import-progression.png'), fullPage: true });
  await page.getByText('Essai à blanc : rien n\'a été enregistré').waitFor({ timeout: 60000 });
  assert.match(await page.locator('main').innerText(), /15\u202f000 lignes lues/);
  await ctx.close();
});

test('a new person is asked to choose who sees her profile, and accepts an invitation from /me', async () => {
  const add = bigre(['user', 'add', '--db', srv.db, '--email', 'capucine@exemple.fr', '--name', 'Capucine Morel'], 'bigre-demo\n');
  assert.equal(add.status, 0, add.stderr);
  // an administrator adds her to Oxalis by email: an invitation
  const admin = await loggedIn('admin@bigre.coop');
  await admin.page.goto(srv.url + '/admin/cooperatives/2/members');
  await admin.page.getByLabel('Adresse électronique de la personne').fill('capucine@exemple.fr');
  await admin.page.getByRole('button', { name: 'Enregistrer' }).click();
  await admin.page.getByText('Invitation envoyée').waitFor();
  await admin.ctx.close();
  const { ctx, page } = await loggedIn('capucine@exemple.fr');
  await page.getByRole('heading', { name: 'Vous n\'êtes pas encore dans l\'annuaire' }).waitFor();
  await page.getByText('Oxalis vous invite comme').waitFor();
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(SHOTS, 'mon-espace-consentement.png'), fullPage: true });
  await page.getByRole('button', { name: 'Accepter — Oxalis' }).click();
  await page.getByText('Votre réponse est enregistrée.').waitFor();
  assert.match(await page.locator('main').innerText(), /Mes coopératives[\s\S]*Oxalis/);
  // she chooses: the notice goes
  await page.getByRole('link', { name: 'Choisir qui voit mon profil' }).click();
  await page.getByLabel('Mon profil dans l\'annuaire').selectOption('group');
  await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
  await page.getByText('Votre profil est enregistré.').waitFor();
  await page.goto(srv.url + '/me');
  assert.doesNotMatch(await page.locator('main').innerText(), /pas encore dans l'annuaire/);
  await ctx.close();
});

test('no WCAG 2.1 A/AA violation on the main pages (axe-core); screenshots in French', async () => {
  const anonCtx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR', bypassCSP: true });
  const anon = await anonCtx.newPage();
  const problems = [];
  for (const [path, shot] of [['/', 'accueil'], ['/directory', null], ['/organisations', 'organisations'],
    ['/organisations/2', 'organisation'], ['/cooperatives/1', 'cooperative'], ['/units/1', null], ['/login', null]]) {
    await anon.goto(srv.url + path);
    for (const v of await axe(anon)) problems.push(`${path}: ${v}`);
    if (shot) await anon.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });
  }
  await anonCtx.close();
  const { ctx, page } = await loggedIn('admin@bigre.coop');
  for (const [path, shot] of [['/me', null], ['/me/profile', null], ['/directory?skill=ebenisterie', null],
    ['/people/2', null], ['/admin', 'admin'], ['/admin/cooperatives/1', null], ['/admin/cooperatives/1/members', 'admin-membres'],
    ['/admin/units/new', null], ['/admin/units/1', null], ['/admin/roles', null], ['/admin/import', 'admin-import'],
    ['/admin/organisations/new', null], ['/organisations/2', null], ['/directory?q=zzzz', null],
    ['/admin/cooperatives/1/members/2/end', 'admin-fin-adhesion'], ['/admin/import/jobs/1', null]]) {
    await page.goto(srv.url + path);
    for (const v of await axe(page)) problems.push(`${path}: ${v}`);
    if (shot) await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });
  }
  // a form coming back with an error is accessible too
  await page.goto(srv.url + '/me/profile');
  await page.getByLabel('Code postal').fill('123');
  await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
  await page.locator('#e-postcode').waitFor();
  for (const v of await axe(page)) problems.push(`/me/profile (error): ${v}`);
  await page.screenshot({ path: join(SHOTS, 'profil-erreur.png'), fullPage: false });
  await ctx.close();
  assert.deepEqual(problems, []);
});

test('usable at 360 px: nothing scrolls sideways', async () => {
  const { ctx, page } = await loggedIn('admin@bigre.coop', { width: 360, height: 740 });
  const wide = [];
  for (const path of ['/', '/directory?skill=ebenisterie', '/people/2', '/me/profile', '/admin', '/admin/cooperatives/1/members',
    '/organisations/2', '/admin/import/jobs/1', '/admin/cooperatives/1/members/2/end']) {
    await page.goto(srv.url + path);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 360) wide.push(`${path}: ${w}px`);
  }
  await page.goto(srv.url + '/directory?skill=ebenisterie');
  await page.screenshot({ path: join(SHOTS, 'annuaire-mobile.png'), fullPage: false });
  await ctx.close();
  assert.deepEqual(wide, []);
});
