// bookings-client.mjs — the booking load of bench/bookings.sh (the
// availability phases run under wrk): 50 clients booking random slots,
// then 50 clients on the same 10 slots.
// Prints p50/p99 latency and throughput per phase.
const [base, secondsArg] = process.argv.slice(2);
const SECONDS = Number(secondsArg ?? 20);
const CLIENTS = 50;

async function login() {
  const r = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'membre@bigre.coop', password: 'bigre-demo' }) });
  const body = await r.json();
  return { cookie: r.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token };
}

function pct(sorted, p) { return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]; }

async function phase(name, one, clients = CLIENTS) {
  const lat = [];
  const statuses = {};
  const end = Date.now() + SECONDS * 1000;
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; Date.now() < end; i++) {
      const t = process.hrtime.bigint();
      const status = await one(c, i);
      lat.push(Number(process.hrtime.bigint() - t) / 1e6);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }));
  const secs = (Date.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  console.log(`== ${name}: ${lat.length} requests in ${secs.toFixed(1)} s = ${(lat.length / secs).toFixed(0)}/s;` +
    ` p50 ${pct(lat, 0.5).toFixed(1)} ms, p99 ${pct(lat, 0.99).toFixed(1)} ms; statuses ${JSON.stringify(statuses)}`);
}

const s = await login();
const headers = { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, 'Content-Type': 'application/json' };
const places = (await (await fetch(`${base}/api/v1/places`, { headers })).json()).places.filter((p) => p.name.startsWith('Bench'));
const resources = [];
for (const p of places.slice(0, 200)) {
  const r = await (await fetch(`${base}/api/v1/places/${p.id}/resources`, { headers })).json();
  resources.push(...r.resources.map((x) => x.id));
}
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
// mulberry32: a fixed seed, so every run asks for the same slots
let seed = 42;
const rnd = (n) => {
  seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};

await phase('bookings on random slots (POST /api/v1/bookings)', async () => {
  const d = day(170 + rnd(180));
  const h = 7 + rnd(13);
  const r = await fetch(`${base}/api/v1/bookings`, { method: 'POST', headers, body: JSON.stringify({
    resource_id: resources[rnd(resources.length)], starts_at: `${d}T${String(h).padStart(2, '0')}:00`, ends_at: `${d}T${String(h + 1).padStart(2, '0')}:00` }) });
  await r.arrayBuffer();
  return r.status;
});
await phase('50 clients on the same 10 slots (contention)', async (c, i) => {
  const d = day(365);
  const r = await fetch(`${base}/api/v1/bookings`, { method: 'POST', headers, body: JSON.stringify({
    resource_id: resources[i % 10], starts_at: `${d}T10:00`, ends_at: `${d}T11:00` }) });
  await r.arrayBuffer();
  return r.status;
});
