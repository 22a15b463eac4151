// login.test.mjs — a person logs in through the login page and logs out,
// in French, without JavaScript being needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, screenshot } from '../lib/browser.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await srv?.stop(); });

test('log in through the login page, see my space, log out', async () => {
  const page = await browser.newPage({ locale: 'fr-FR' });
  await page.goto(`${srv.url}/`);
  await screenshot(page, 'accueil');
  await page.getByRole('link', { name: 'Se connecter' }).first().click();
  await page.waitForURL('**/login');
  await screenshot(page, 'connexion');
  // a wrong password shows the form again with the message, the email kept
  await page.getByLabel('Adresse e-mail').fill('membre@bigre.coop');
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await assert.doesNotReject(page.getByRole('alert').waitFor());
  assert.match(await page.getByRole('alert').textContent(), /Adresse e-mail ou mot de passe incorrect/);
  assert.equal(await page.getByLabel('Adresse e-mail').inputValue(), 'membre@bigre.coop');
  await screenshot(page, 'connexion-erreur');
  await page.getByLabel('Mot de passe').fill('bigre-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL('**/me');
  assert.match(await page.locator('h1').textContent(), /Mon espace/);
  assert.match(await page.locator('main').textContent(), /Léa Dubois/);
  await screenshot(page, 'mon-espace');
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'bigre_session');
  assert.ok(session.httpOnly);
  assert.equal(session.sameSite, 'Lax');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL(`${srv.url}/`);
  assert.ok(await page.getByRole('link', { name: 'Se connecter' }).first().isVisible());
  const res = await page.goto(`${srv.url}/me`);
  assert.match(page.url(), /\/login\?next=\/me/, 'my space needs a session again');
  assert.equal(res.status(), 200);
  await page.close();
});

test('the interface switches to English', async () => {
  const page = await browser.newPage({ locale: 'fr-FR' });
  await page.goto(`${srv.url}/login`);
  await page.getByRole('link', { name: 'English' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Log in');
  await page.goto(`${srv.url}/`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', 'the choice is remembered');
  await page.close();
});

test('the login page works on a 360 px wide phone screen', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
  await page.goto(`${srv.url}/login`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, 'no horizontal scrolling');
  await screenshot(page, 'connexion-mobile');
  await page.close();
});
