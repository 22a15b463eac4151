// server.mjs — starts a real `bigre serve` on a fresh database, on a free
// port, for HTTP and browser tests.  Each test file gets its own server and
// its own temporary folder (database, mail folder).
//
// The clock: the tests' "today" is BIGRE_TEST_NOW ("YYYY-MM-DDTHH:MM:SSZ",
// set by tests/run.sh; DEFAULT_TEST_NOW when unset).  testNow() runs from
// that instant as the tests run; every server is given it (bigre demo
// --now, bigre serve --now), so the demo data, the server and the test
// agree on the day.  Tests never read the wall clock for a date.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIGRE = join(ROOT, 'build', 'bigre');
export const DEMO_PASSWORD = 'bigre-demo';
// Where browser tests save their screenshots: BIGRE_SCREENSHOTS when set
// (make screenshots: docs/screenshots, the committed pictures), else
// build/screenshots (make test: untracked, the work tree stays clean).
export const SCREENSHOTS = process.env.BIGRE_SCREENSHOTS ?? join(ROOT, 'build', 'screenshots');
export const DEFAULT_TEST_NOW = '2026-11-28T15:04:05Z';

const TEST_NOW = process.env.BIGRE_TEST_NOW || DEFAULT_TEST_NOW;
if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(TEST_NOW) || Number.isNaN(Date.parse(TEST_NOW)))
  throw new Error(`BIGRE_TEST_NOW is not YYYY-MM-DDTHH:MM:SSZ: ${TEST_NOW}`);
const clockStart = performance.now();

// The tests' current instant: BIGRE_TEST_NOW plus the time the tests have run.
export function testNow() {
  return new Date(Date.parse(TEST_NOW) + Math.floor(performance.now() - clockStart));
}

// testNow() as the servers' --now takes it, to the second.
export function testNowIso() {
  return testNow().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// 'YYYY-MM-DD' of the day n days from the tests' today, in Europe/Paris
// (the places' time zone): testDay(0) is today there.
export function testDay(n = 0) {
  const today = testNow().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
  return new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
}

// Runs a bigre subcommand synchronously; returns {status, stdout, stderr}.
// A demo database is dated from the tests' clock (--now testNowIso()).
export function bigre(args, input) {
  if (!args.includes('--now') && (args[0] === 'demo' || (args[0] === 'import' && isDemoDb(args[args.indexOf('--db') + 1]))))
    args = [...args, '--now', testNowIso()];
  try {
    const stdout = execFileSync(BIGRE, args, { input: input ?? '', stdio: ['pipe', 'pipe', 'pipe'] });
    return { status: 0, stdout: stdout.toString(), stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout?.toString() ?? '', stderr: e.stderr?.toString() ?? '' };
  }
}

// Is this database a demo one (meta demo = 1), the only kind whose server
// takes --now?
function isDemoDb(db) {
  if (!existsSync(db)) return false;
  try {
    return execFileSync('sqlite3', [db, "SELECT value FROM meta WHERE key = 'demo'"], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString().trim() === '1';
  } catch { return false; }
}

// Starts a server.  options: { demo: true (default), db: path, args: [] }.
export async function startServer(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bigre-test-'));
  const db = options.db ?? join(dir, 'test.db');
  if (!options.db) {
    const r = options.demo === false ? bigre(['migrate', '--db', db]) : bigre(['demo', '--db', db]);
    if (r.status !== 0) throw new Error(`cannot create the database: ${r.stderr}`);
  }
  const mailDir = join(dir, 'mail');
  // a database that is not a demo refuses --now: its server reads the system's time
  const clock = isDemoDb(db) ? ['--now', testNowIso()] : [];
  const args = ['serve', '--db', db, '--listen', '127.0.0.1:0', '--mail-dir', mailDir, ...clock, ...(options.args ?? [])];
  const child = spawn(BIGRE, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${log}`)), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[0-9.]+:[0-9]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${log}`)); });
  });
  const server = {
    url, dir, db, mailDir, child,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const done = new Promise((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      const code = await done;
      if (!options.keep) rmSync(dir, { recursive: true, force: true });
      return code;
    },
    // fetch relative to the server
    fetch(path, init = {}) { return fetch(url + path, { redirect: 'manual', ...init }); },
    // JSON request helper: returns { status, headers, body }
    async json(method, path, body, headers = {}) {
      const init = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
      }
      const res = await server.fetch(path, init);
      const text = await res.text();
      let parsed = null;
      try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    // Logs in through the API; returns a client whose calls carry the
    // session cookie and the CSRF token.
    async login(email, password = DEMO_PASSWORD) {
      const r = await server.json('POST', '/api/v1/session', { email, password });
      if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
      const cookie = r.headers.get('set-cookie').split(';')[0];
      const csrf = r.body.csrf_token;
      return {
        cookie, csrf, person: r.body.person,
        json: (method, path, body, headers = {}) =>
          server.json(method, path, body, { Cookie: cookie, 'X-CSRF-Token': csrf, ...headers }),
        fetch: (path, init = {}) => server.fetch(path, { ...init, headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(init.headers ?? {}) } }),
      };
    },
    // Mail written to the mail folder (no SMTP relay configured), oldest first.
    mails() {
      if (!existsSync(mailDir)) return [];
      return readdirSync(mailDir).filter((f) => f.endsWith('.eml')).sort()
        .map((f) => decodeMail(readFileSync(join(mailDir, f), 'utf8')));
    },
    async waitForMail(predicate, timeoutMs = 8000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const m = server.mails().find(predicate);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no such mail arrived');
    },
  };
  return server;
}

// Decodes an .eml written by bigre: headers, and the text of every base64 part.
export function decodeMail(raw) {
  const [head] = raw.split('\r\n\r\n');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const subject = (headers.subject ?? '').replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
  const parts = [];
  const re = /Content-Type: ([^\r\n]+)\r\nContent-Transfer-Encoding: base64\r\n(?:Content-Disposition: [^\r\n]+\r\n)?\r\n([A-Za-z0-9+/=\r\n]+)/g;
  let m;
  while ((m = re.exec(raw))) parts.push({ type: m[1], text: Buffer.from(m[2].replace(/\r\n/g, ''), 'base64').toString('utf8') });
  const text = parts.find((p) => p.type.startsWith('text/plain'))?.text ?? '';
  return { raw, headers, to: headers.to, subject, parts, text };
}
