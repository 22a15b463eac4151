// network_consent.test.mjs — the person's consent (SPEC X5): a profile
// nobody has chosen the visibility of is seen by its person alone (and /me
// asks them to choose); a cooperative adding someone who already has an
// account only invites them, and sees their "my cooperative" fields once they
// accept; a membership ended from its page (former from a given day).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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

test('a new profile is seen by its person alone until they choose; /me asks them to', async () => {
  const add = bigre(['user', 'add', '--db', srv.db, '--email', 'noemie@exemple.fr', '--name', 'Noémie Vasseur',
    '--role', 'member', '--coop', '1'], 'un mot de passe solide\n');
  assert.equal(add.status, 0, add.stderr);
  const noemie = await srv.login('noemie@exemple.fr', 'un mot de passe solide');
  const me = await noemie.json('GET', '/api/v1/me');
  const id = me.body.id ?? me.body.person?.id;
  assert.ok(id, JSON.stringify(me.body));
  // she fills her profile through an administrator (no choice of hers): still hidden
  const r = await admin.json('PATCH', `/api/v1/people/${id}`, { skills: 'Tapisserie', visibility: { profile: 'public', skills: 'public' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  for (const who of [srv, lea, admin]) {
    assert.equal((await who.json('GET', `/api/v1/people/${id}`)).status, 404, 'hidden before she chooses');
    assert.equal((await who.json('GET', '/api/v1/people?skill=tapisserie')).body.total, 0);
  }
  assert.equal((await srv.fetch(`/people/${id}`)).status, 404);
  assert.doesNotMatch(await (await admin.fetch('/directory.csv?skill=tapisserie')).text(), /Vasseur/);
  // she sees herself, and is told why nobody else does
  const self = await noemie.json('GET', `/api/v1/people/${id}`);
  assert.equal(self.status, 200);
  assert.equal(self.body.visibility.profile, 'private');
  assert.equal(self.body.visibility_chosen, false);
  const page = await (await noemie.fetch('/me')).text();
  assert.match(page, /Vous n(&#39;|')êtes pas encore dans l(&#39;|')annuaire/);
  assert.match(page, /href="\/me\/profile#visibility"/);
  assert.match(await (await noemie.fetch('/me/profile')).text(), /Vous seul·e voyez votre profil/);
  // she chooses on her profile page: "the group" for her profile, public skills
  const form = { trades: '', skills: 'Tapisserie', presentation: '', links: '', commune: '', postcode: '', area: '',
    vis_profile: 'group', vis_email: 'private', vis_trades: 'group', vis_skills: 'group', vis_territory: 'group',
    vis_presentation: 'group', vis_links: 'group', vis_cooperate: 'group' };
  const saved = await post(noemie, '/me/profile', form);
  assert.equal(saved.status, 303, saved.text.slice(0, 300));
  assert.doesNotMatch(await (await noemie.fetch('/me')).text(), /pas encore dans l(&#39;|')annuaire/);
  assert.equal((await noemie.json('GET', `/api/v1/people/${id}`)).body.visibility_chosen, true);
  assert.equal((await srv.json('GET', `/api/v1/people/${id}`)).status, 404, 'the public: not chosen');
  const seen = await amina.json('GET', `/api/v1/people/${id}`);
  assert.equal(seen.status, 200, 'the group: chosen');
  assert.deepEqual(seen.body.skills, ['Tapisserie']);
  assert.equal(seen.body.email, undefined, 'email: only her');
  assert.equal((await amina.json('GET', '/api/v1/people?skill=TAPISSERIE')).body.total, 1);
  // the demo people have made their choices: a rich public directory
  assert.ok((await srv.json('GET', '/api/v1/people')).body.total > 300);
  const check = bigre(['check', '--db', srv.db]);
  assert.equal(check.status, 0, check.stdout);
});

test('adding someone who has an account is an invitation: their cooperative fields wait for their yes', async () => {
  // Léa (Coopaname) shows her email and skills to her cooperatives only
  const lp = await lea.json('PATCH', '/api/v1/people/2', { visibility: { profile: 'group', email: 'coop', skills: 'coop' } });
  assert.equal(lp.status, 200);
  assert.equal((await amina.json('GET', '/api/v1/people/2')).body.email, undefined, 'Amina is in Oxalis');
  // an administrator adds Léa to Oxalis: only an invitation
  const inv = await admin.json('POST', '/api/v1/cooperatives/2/memberships', { person_id: 2, status: 'member' });
  assert.equal(inv.status, 202);
  assert.equal(inv.body.status, 'invited');
  assert.equal((await amina.json('GET', '/api/v1/people/2')).body.email, undefined, 'nothing revealed yet');
  // she is told by mail, in French, with the link to her page
  const invited = await srv.waitForMail((m) => m.to === 'membre@bigre.coop' && /Oxalis/.test(m.subject));
  assert.match(invited.subject, /Oxalis vous invite à les rejoindre/);
  assert.match(invited.text, /vous invite à rejoindre Oxalis comme membre \(entrepreneur·e salarié·e\)/);
  assert.ok(invited.text.includes(`${srv.url}/me`), invited.text);
  assert.match(await (await admin.fetch('/admin/cooperatives/2/members')).text(), /Invité·es, en attente de leur réponse[\s\S]*Léa Dubois/);
  assert.ok(!(await lea.json('GET', '/api/v1/people/2/memberships')).body.memberships.some((m) => m.cooperative === 'Oxalis'));
  const me = await (await lea.fetch('/me')).text();
  assert.match(me, /Invitations à rejoindre une coopérative/);
  assert.match(me, /Oxalis vous invite comme : /);
  const action = me.match(/action="(\/me\/invitations\/\d+)"/)[1];
  // nobody else answers for her
  assert.equal((await post(amina, action, { answer: 'accept' })).status, 404);
  assert.equal((await post(lea, action, { answer: 'maybe' })).status, 400);
  assert.equal((await post(lea, action, { answer: 'accept' })).location, '/me?answered=1');
  assert.ok((await lea.json('GET', '/api/v1/people/2/memberships')).body.memberships.some((m) => m.cooperative === 'Oxalis' && m.status === 'member'));
  assert.equal((await amina.json('GET', '/api/v1/people/2')).body.email, 'membre@bigre.coop', 'now her cooperative');
  assert.doesNotMatch(await (await lea.fetch('/me')).text(), /Invitations à rejoindre/);
  // a current member's status changes at once (no invitation)
  const change = await admin.json('POST', '/api/v1/cooperatives/2/memberships', { person_id: 2, status: 'associate' });
  assert.equal(change.status, 200);
  // declining: no membership
  const inv3 = await admin.json('POST', '/api/v1/cooperatives/3/memberships', { person_id: 2, status: 'newcomer' });
  assert.equal(inv3.status, 202);
  const me3 = await (await lea.fetch('/me')).text();
  const action3 = me3.match(/action="(\/me\/invitations\/\d+)"/)[1];
  assert.equal((await post(lea, action3, { answer: 'decline' })).status, 303);
  assert.ok(!(await lea.json('GET', '/api/v1/people/2/memberships')).body.memberships.some((m) => m.cooperative === 'SMart'));
  assert.equal((await post(lea, action3, { answer: 'accept' })).status, 404, 'answered once');
  // bigre import with a known email invites too
  const csv = `${srv.dir}/known.csv`;
  (await import('node:fs')).writeFileSync(csv, 'email;nom\nmembre@bigre.coop;Léa Dubois\n');
  const imp = bigre(['import', 'people', '--db', srv.db, '--coop', '3', csv]);
  assert.equal(imp.status, 0, imp.stdout);
  assert.match(imp.stdout, /1 accepted \(1 of them invited: they had an account\)/);
  assert.match(await (await lea.fetch('/me')).text(), /SMart vous invite comme : /);
  // an import knows no address for the site: the mail says where to look
  const byImport = await srv.waitForMail((m) => m.to === 'membre@bigre.coop' && /SMart/.test(m.subject) && /Connectez-vous/.test(m.text));
  assert.doesNotMatch(byImport.text, /\/me\b/);
  // the same through the API
  const mine = await lea.json('GET', '/api/v1/me/invitations');
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.invitations.map((i) => [i.cooperative, i.status]), [['SMart', 'member']]);
  const iid = mine.body.invitations[0].id;
  assert.equal((await amina.json('POST', `/api/v1/me/invitations/${iid}`, { answer: 'accept' })).status, 404);
  const wrong = await lea.json('POST', `/api/v1/me/invitations/${iid}`, { answer: 'oui' });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.field, 'answer');
  const yes = await lea.json('POST', `/api/v1/me/invitations/${iid}`, { answer: 'accept' });
  assert.deepEqual([yes.status, yes.body.status], [200, 'accepted']);
  assert.ok((await lea.json('GET', '/api/v1/people/2/memberships')).body.memberships.some((m) => m.cooperative === 'SMart' && m.status === 'member'));
  assert.equal((await srv.json('GET', '/api/v1/me/invitations')).status, 401);
});

test('a membership ended from its page: former from the last day, audited, the fields hidden again', async () => {
  // Léa is a member of Oxalis (previous test)
  assert.equal((await lea.fetch('/admin/cooperatives/2/members/2/end')).status, 404, 'not her cooperative to manage');
  assert.equal((await amina.fetch('/admin/cooperatives/2/members/2/end')).status, 403, 'an associate cannot');
  const form = await (await admin.fetch('/admin/cooperatives/2/members/2/end')).text();
  assert.match(form, /Mettre fin à une adhésion/);
  assert.match(form, /Léa Dubois, /);
  const list = await (await admin.fetch('/admin/cooperatives/2/members?page=1')).text();
  assert.match(list, /href="\/admin\/cooperatives\/2\/members\/\d+\/end"/);
  assert.match(list, /<th scope="col">Adhésion<\/th><\/tr><\/thead>/);
  assert.doesNotMatch(list, /&lt;th/);
  const bad = await post(admin, '/admin/cooperatives/2/members/2/end', { ended_on: '31/12/2026' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="e-ended_on"/);
  assert.match(bad.text, /value="31\/12\/2026"/);
  const early = await post(admin, '/admin/cooperatives/2/members/2/end', { ended_on: '1990-01-01' });
  assert.equal(early.status, 422, 'not before the current status began');
  const ok = await post(admin, '/admin/cooperatives/2/members/2/end', { ended_on: '2099-06-30' });
  assert.equal(ok.status, 303);
  const h = (await lea.json('GET', '/api/v1/people/2/memberships')).body.memberships.filter((m) => m.cooperative === 'Oxalis');
  assert.equal(h[0].status, 'former');
  assert.equal(h[0].started_on, '2099-06-30');
  assert.ok(h.some((m) => m.status === 'associate' && m.ended_on === '2099-06-30'));
  assert.equal((await amina.json('GET', '/api/v1/people/2')).body.email, undefined, 'no longer her cooperative');
  assert.equal((await post(admin, '/admin/cooperatives/2/members/2/end', { ended_on: '2099-07-01' })).status, 404, 'already ended');
});
