// places_map.test.mjs — the map of places: a place's optional position
// (latitude/longitude in the API and on the management page, validated,
// managers only, audited), the map drawn by the server above the list
// (one dot per place with a metropolitan position or postcode, linking to
// the place, the same filters as the list), places overseas or without a
// position listed under it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';

let srv, admin, member;
before(async () => {
  srv = await startServer();
  admin = await srv.login('admin@bigre.coop');
  member = await srv.login('membre@bigre.coop');
});
after(async () => { await srv.stop(); });
const sql = (q) => execFileSync('sqlite3', [srv.db, q]).toString().trim();

const postForm = (client, path, fields, csrf = true) => srv.fetch(path, {
  method: 'POST', body: new URLSearchParams(csrf ? { csrf_token: client.csrf, ...fields } : fields),
  headers: { Cookie: client.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
});

const newPlace = (fields) => admin.json('POST', '/api/v1/places', { owner_type: 'cooperative', owner_id: 1, ...fields });

// The dots of the map in a page: [{ href, label, approximate }].
function dots(html) {
  const svg = html.match(/<svg class="fr-map"[\s\S]*?<\/svg>/)?.[0] ?? '';
  return [...svg.matchAll(/<a class="map-dot( approximate)?" href="([^"]+)" aria-label="([^"]+)"><title>/g)]
    .map((m) => ({ approximate: !!m[1], href: m[2], label: m[3] }));
}
const cards = (html) => [...html.matchAll(/<h4><a href="(\/places\/\d+)">/g)].map((m) => m[1]);

test('the API takes, shows, changes and clears a place\'s position; bad values are refused naming the field', async () => {
  let r = await newPlace({ name: 'Carte — Bègles', postcode: '33130', city: 'Bègles', territory: 'Gironde', latitude: 44.8086, longitude: '-0,5478' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  r = await member.json('GET', `/api/v1/places/${id}`);
  assert.equal(r.body.latitude, 44.8086);
  assert.equal(r.body.longitude, -0.5478);
  // refused, and nothing written
  for (const [body, field] of [[{ latitude: 91, longitude: 0 }, 'latitude'], [{ latitude: 45, longitude: -180.5 }, 'longitude'],
    [{ latitude: '45°N', longitude: 1 }, 'latitude'], [{ latitude: 45 }, 'longitude'], [{ latitude: null, longitude: 2 }, 'latitude'],
    [{ latitude: true, longitude: 2 }, 'latitude'], [{}, 'latitude']]) {
    const x = await admin.json('PATCH', `/api/v1/places/${id}`, body);
    assert.equal(x.status, 400, JSON.stringify(body));
    assert.equal(x.body.error.field, field, JSON.stringify(body));
  }
  assert.equal((await newPlace({ name: 'x', latitude: 12 })).body.error.field, 'longitude');
  // a member who does not manage it: refused
  assert.equal((await member.json('PATCH', `/api/v1/places/${id}`, { latitude: 45, longitude: 1 })).status, 403);
  assert.equal(sql(`SELECT latitude_e6 || ' ' || longitude_e6 FROM places WHERE id = ${id}`), '44808600 -547800');
  // the Greenwich meridian is a longitude like any other
  r = await admin.json('PATCH', `/api/v1/places/${id}`, { latitude: 44.5, longitude: 0 });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.longitude, 0);
  assert.equal(sql(`SELECT latitude_e6 || ' ' || longitude_e6 FROM places WHERE id = ${id}`), '44500000 0');
  r = await admin.json('PATCH', `/api/v1/places/${id}`, { latitude: null, longitude: null });
  assert.equal(r.status, 200);
  assert.equal(r.body.latitude, null);
  assert.equal(sql(`SELECT count(*) FROM places WHERE id = ${id} AND latitude_e6 IS NULL AND longitude_e6 IS NULL`), '1');
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE entity = 'place' AND entity_id = ${id} AND action = 'position'`), '2');
  // the demo's places have theirs
  const list = (await member.json('GET', '/api/v1/places?territory=Gironde')).body.places;
  const ruche = list.find((p) => p.name.startsWith('La Ruche'));
  assert.ok(ruche.latitude > 44.8 && ruche.latitude < 44.9 && ruche.longitude > -0.6 && ruche.longitude < -0.5, JSON.stringify(ruche));
});

test('the map: a dot per place linking to it, the same filters as the list, department centres, overseas under the map', async () => {
  const ids = {};
  for (const [key, fields] of Object.entries({
    centre: { name: 'Sans position — Libourne', postcode: '33500', city: 'Libourne', territory: 'Gironde' },
    ajaccio: { name: 'Ajaccio sans position', postcode: '20090', city: 'Ajaccio', territory: 'Corse' },
    bastia: { name: 'Bastia sans position', postcode: '20200', city: 'Bastia', territory: 'Corse' },
    cayenne: { name: 'Guyane — Cayenne', postcode: '97300', city: 'Cayenne', territory: 'Guyane', timezone: 'America/Cayenne' },
    montreal: { name: 'Montréal', postcode: 'H2X 1Y4', city: 'Montréal', territory: 'Québec', latitude: 45.5, longitude: -73.57 },
  })) {
    const r = await newPlace(fields);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids[key] = `/places/${r.body.id}`;
  }
  let html = await (await member.fetch('/places')).text();
  let d = dots(html);
  const c = cards(html);
  const off = [ids.cayenne, ids.montreal];
  assert.equal(d.length, c.length - off.length, 'a dot for every place that can be drawn');
  assert.deepEqual(d.map((x) => x.href).sort(), c.filter((h) => !off.includes(h)).sort());
  assert.match(html, /<title id="map-title">Carte des lieux<\/title>/);
  // each dot is named after its place; without a position, after its department's centre
  const ruche = d.find((x) => x.label.startsWith('La Ruche'));
  assert.equal(ruche.label, 'La Ruche — Chartrons, Bordeaux');
  assert.equal(ruche.approximate, false);
  const centre = d.find((x) => x.href === ids.centre);
  assert.equal(centre.approximate, true);
  assert.match(centre.label, /centre de son département : Gironde/);
  assert.match(d.find((x) => x.href === ids.ajaccio).label, /Corse-du-Sud/);
  assert.match(d.find((x) => x.href === ids.bastia).label, /Haute-Corse/);
  // overseas and abroad: listed under the map, with their links
  const offMap = html.match(/<section class="off-map"[\s\S]*?<\/section>/)[0];
  assert.match(offMap, /Lieux hors de la carte/);
  for (const h of off) assert.ok(offMap.includes(`href="${h}"`), h);
  assert.match(html, /\d+ lieux sur la carte\./);
  // the filters of the list apply to the map
  html = await (await member.fetch('/places?territory=Gironde')).text();
  d = dots(html);
  assert.equal(d.length, cards(html).length);
  assert.ok(d.length >= 4, 'the demo\'s 3 and Libourne');
  assert.ok(d.some((x) => x.href === ids.centre) && !d.some((x) => x.href === ids.ajaccio));
  html = await (await member.fetch('/places?territory=Guyane')).text();
  assert.equal(dots(html).length, 0);
  assert.match(html, /off-map/);
  html = await (await member.fetch('/places?kind=machine')).text();
  assert.equal(dots(html).length, cards(html).length);
  assert.ok(dots(html).length >= 1 && dots(html).length < cards(await (await member.fetch("/places")).text()).length);
  // the outline is drawn by the server: no tile server, no image fetched
  assert.match(html, /<path class="land" d="M-?\d+ -?\d+( L-?\d+ -?\d+){100,} Z M-?\d+ -?\d+/);
  assert.match(html, /La carte est agrandie sur ces lieux\./);
  assert.doesNotMatch(await (await member.fetch('/places')).text(), /agrandie/);
  assert.doesNotMatch(html, /tile|openstreetmap|<script/i);
});

test('the management page sets the position: CSRF, errors in French next to the field, managers only', async () => {
  const id = (await member.json('GET', '/api/v1/places?territory=Dordogne')).body.places[0].id;
  let page = await (await admin.fetch(`/places/${id}/manage`)).text();
  assert.match(page, new RegExp(`action="/places/${id}/position"`));
  assert.match(page, /id="f-latitude"[^>]*value="45.1842"/);
  assert.match(page, /Dordogne/);
  assert.equal((await postForm(admin, `/places/${id}/position`, { latitude: '45', longitude: '0.7' }, false)).status, 403);
  let r = await postForm(admin, `/places/${id}/position`, { latitude: '145,2', longitude: '0,72' });
  assert.equal(r.status, 422);
  page = await r.text();
  assert.match(page, /<p class="error" id="e-latitude">La latitude est un nombre de degrés entre -90 et 90/);
  assert.match(page, /id="f-latitude"[^>]*value="145,2"[^>]*aria-invalid="true"/);
  r = await postForm(admin, `/places/${id}/position`, { latitude: '45,18', longitude: '' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /<p class="error" id="e-longitude">Indiquez la latitude et la longitude, ou aucune des deux\./);
  assert.equal(sql(`SELECT latitude_e6 FROM places WHERE id = ${id}`), '45184200');
  // a member who does not manage it
  assert.equal((await postForm(member, `/places/${id}/position`, { latitude: '45', longitude: '1' })).status, 403);
  r = await postForm(admin, `/places/${id}/position`, { latitude: '45,19', longitude: '0,7' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/places/${id}/manage?position=saved#position`);
  assert.equal(sql(`SELECT latitude_e6 || ' ' || longitude_e6 FROM places WHERE id = ${id}`), '45190000 700000');
  assert.match(await (await admin.fetch(`/places/${id}/manage?position=saved`)).text(), /La position est enregistrée\./);
  // both empty: back to the centre of the department
  r = await postForm(admin, `/places/${id}/position`, { latitude: '', longitude: ' ' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT count(*) FROM places WHERE id = ${id} AND latitude_e6 IS NULL`), '1');
  const d = dots(await (await member.fetch('/places?territory=Dordogne')).text());
  assert.equal(d.length, 1);
  assert.equal(d[0].approximate, true);
});
