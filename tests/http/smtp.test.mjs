// smtp.test.mjs — mail goes through a real SMTP relay (npm's smtp-server,
// started here), and is kept and retried while the relay is down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { SMTPServer } from 'smtp-server';
import { startServer } from '../lib/server.mjs';

function startRelay(port = 0) {
  const received = [];
  const relay = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d) => { raw += d; });
      stream.on('end', () => { received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw }); callback(); });
    },
  });
  return new Promise((resolve) => relay.listen(port, '127.0.0.1', () => resolve({ relay, received, port: relay.server.address().port })));
}

// The text of a single-part base64 mail as bigre writes it.
const decode = (raw) => Buffer.from(raw.split('\r\n\r\n').slice(1).join('').replace(/\r\n/g, ''), 'base64').toString('utf8');

const waitFor = async (cond, ms = 10000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (cond()) return true; await new Promise((r) => setTimeout(r, 100)); }
  return false;
};

test('a password reset mail is delivered through the SMTP relay', async () => {
  const { relay, received, port } = await startRelay();
  const srv = await startServer({ args: ['--smtp', `smtp://127.0.0.1:${port}`, '--mail-from', 'bigre@bigre.coop'] });
  try {
    const r = await srv.json('POST', '/api/v1/password-reset', { email: 'membre@bigre.coop' });
    assert.equal(r.status, 202);
    const mine = () => received.find((m) => m.to.includes('membre@bigre.coop') && /reset/.test(decode(m.raw)));
    assert.ok(await waitFor(() => mine()), 'the relay received the mail');
    const mail = mine();
    assert.deepEqual(mail.to, ['membre@bigre.coop']);
    assert.match(mail.raw, /^From: bigre@bigre\.coop/m);
    const body = decode(mail.raw);
    assert.match(body, /reset\?token=[A-Za-z0-9_-]{43}/);
    assert.equal(srv.mails().length, 0, 'nothing written to the folder when a relay is set');
  } finally { await srv.stop(); relay.close(); }
});

test('while the relay is down the mail waits in the outbox and is not lost', async () => {
  const { relay, port } = await startRelay();
  await new Promise((r) => relay.close(r)); // a port with nobody behind it
  const srv = await startServer({ keep: true, args: ['--smtp', `smtp://127.0.0.1:${port}`] });
  try {
    assert.equal((await srv.json('POST', '/api/v1/password-reset', { email: 'hote@bigre.coop' })).status, 202);
    const q = (s) => execFileSync('sqlite3', [srv.db, s]).toString().trim();
    assert.ok(await waitFor(() => q("SELECT attempts FROM outbox WHERE to_addr = 'hote@bigre.coop'") >= '1'));
    assert.equal(q("SELECT status FROM outbox WHERE to_addr = 'hote@bigre.coop'"), 'pending');
    assert.notEqual(q("SELECT last_error FROM outbox WHERE to_addr = 'hote@bigre.coop'"), '');
  } finally { await srv.stop(); }
});
