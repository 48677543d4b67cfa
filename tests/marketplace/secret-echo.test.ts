// A Marketplace or gateway that echoes the request in its error (URL, headers,
// body), against the sandbox over real HTTP with the real keychain, catalogue
// and log file: no secret the desk holds or was given — the network key, the
// client secret, the subscription key, the gateway's Bearer token — lands in
// the catalogue (call log, offering error, raw bodies), backups, Activity and
// its CSV, or the log file.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import log from 'electron-log/node';
import { configureFileLog, echoedForms, redactCut, redactText } from '../../electron/main/platform/logging';
import { redactOutcome } from '../../electron/main/marketplace/marketplace-client';
import { gatewaySettings, testSandbox, testServices } from '../support/services';
import { ipcFor } from '../support/roster';
import { tempDir, validDraft } from '../support/helpers';
import type { Services } from '../../electron/main/services';

/** A file logger like the app's, into its own folder, cleaned by the app's own hook. */
function fileLog() {
  const dir = tempDir();
  const logger = log.create({ logId: `echo-${randomBytes(4).toString('hex')}` });
  logger.transports.console.level = false;
  let secrets: () => readonly string[] = () => [];
  configureFileLog(logger, { dir, secrets: () => secrets() });
  return { dir, logger, useSecretsOf: (services: Services) => void (secrets = () => services.credentials.knownSecrets()) };
}

async function echoingServices(t: TestContext, sandboxUrl: string) {
  const files = fileLog();
  const { services } = testServices(t, { marketplaceUrlPreset: sandboxUrl, requestTimeoutMs: 2000, log: files.logger, queue: { baseDelayMs: 10, maxDelayMs: 20, maxAttempts: 2 } });
  files.useSecretsOf(services);
  return { services, ipc: ipcFor(services).ipc, logDir: files.dir };
}

async function publish(services: Services, draft = validDraft({ offeringId: `echo-${randomBytes(3).toString('hex')}` })) {
  const record = services.catalogue.publish(null, draft);
  await services.queue.drain();
  return services.catalogue.get(record.id);
}

/** Everything the desk stored, showed or logged after the echoes: files (catalogue, WAL, backups, log) and answers. */
async function everything(services: Services, ipc: ReturnType<typeof ipcFor>['ipc'], logDir: string) {
  await ipc('backups:create', {});
  const activity: { message: string | null }[] = await ipc('activity:list', { failuresOnly: false, limit: 200 });
  const csv: { text: string } = await ipc('export:csv', { rows: activity.map((e) => [e.message ?? '']) });
  const offerings = services.catalogue.list();
  const files = [services.dataDir, logDir].flatMap(function walk(d: string): string[] {
    return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  });
  const shown = JSON.stringify({ activity, offerings, csv: csv.text });
  return { activity, shown, files };
}

/** Which of `secrets`, in any form a server echoes them, are in the text or the files. */
function leaks(secrets: Record<string, string>, shown: string, files: string[]): string[] {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    for (const form of echoedForms(secret)) {
      if (shown.includes(form)) found.push(`${name} as ${JSON.stringify(form)} in what is shown`);
      for (const file of files) if (fs.readFileSync(file).includes(Buffer.from(form))) found.push(`${name} as ${JSON.stringify(form)} in ${path.basename(file)}`);
    }
  }
  return found;
}

test('network API: a Marketplace echoing the request (JSON and HTML errors, a DELETE URL) leaves the network key nowhere', async (t) => {
  // Characters JSON, URLs and HTML each escape, so every echoed form is tried.
  const key = `nk-"<&>/+'${randomBytes(8).toString('hex')}`;
  const sandbox = await testSandbox(t, { keys: [key] });
  const { services, ipc, logDir } = await echoingServices(t, sandbox.baseUrl);
  await ipc('settings:save', { networkKey: key });
  const listed = await publish(services);
  assert.equal(listed.status, 'published');

  sandbox.setFaults({ echoRequest: 'json' });
  const refused = await publish(services);
  assert.equal(refused.error?.code, 'marketplace-invalid', JSON.stringify(refused.error));
  assert.match(refused.error!.message, /Request refused: POST .*\[redacted\]/, 'the echo is kept, the key taken out of it');
  assert.match(refused.error!.fields![0]!.message, /cannot read .*\[redacted\]/);
  services.catalogue.delete(listed.id);
  await services.queue.drain();
  sandbox.setFaults({ echoRequest: 'html' });
  const page = await publish(services);
  assert.match(page.error?.raw ?? '', /<pre>POST .*\[redacted\]/, JSON.stringify(page.error));

  const { activity, shown, files } = await everything(services, ipc, logDir);
  assert.ok(activity.filter((e) => e.message?.includes('[redacted]')).length >= 2, 'the echoes were stored, cleaned');
  assert.ok(sandbox.requests().some((r) => r.method === 'DELETE' && r.status === 400), 'the DELETE, with the key in its URL, was echoed');
  assert.deepEqual(leaks({ 'network key': key }, shown, files), []);
});

test('ministry gateway: an echo of the Bearer token, the subscription key and the Basic credentials leaves none of them anywhere', async (t) => {
  const acct = {
    clientId: `provider-${randomBytes(3).toString('hex')}`,
    clientSecret: `cs-${randomBytes(16).toString('hex')}`,
    subscriptionKey: randomBytes(16).toString('hex'),
    programIds: { 'WAH-10083': 'WAH-E-I' as const },
  };
  const sandbox = await testSandbox(t, { dialect: 'gateway', gateway: acct });
  const { services, ipc, logDir } = await echoingServices(t, sandbox.baseUrl);
  await ipc('settings:save', gatewaySettings(sandbox, acct, { 'WAH-E-I': 'WAH-10083' }));
  sandbox.setFaults({ echoRequest: 'json' });
  const refused = await publish(services);
  assert.match(refused.error?.message ?? '', /authorization: Bearer \[redacted\] key: \[redacted\]/, JSON.stringify(refused.error));
  sandbox.setFaults({ echoRequest: 'html' });
  const page = await publish(services);
  assert.match(page.error?.raw ?? '', /authorization: Bearer \[redacted\] key: \[redacted\]/, JSON.stringify(page.error));
  // The log says what failed, with the echo in it, and no token.
  services.log.warn('a careless line', `Authorization: Basic ${Buffer.from(`${acct.clientId}:${acct.clientSecret}`).toString('base64')}`);

  const { shown, files } = await everything(services, ipc, logDir);
  const tokens = services.credentials.knownSecrets().filter((s) => ![acct.clientSecret, acct.subscriptionKey].includes(s));
  assert.ok(tokens.length >= 2, 'the Basic credentials and at least one token are known to the desk');
  const secrets = { 'client secret': acct.clientSecret, 'subscription key': acct.subscriptionKey, ...Object.fromEntries(tokens.map((s, i) => [`token ${i}`, s])) };
  assert.deepEqual(leaks(secrets, shown, files), []);
  const logText = fs.readdirSync(logDir).map((f) => fs.readFileSync(path.join(logDir, f), 'utf8')).join('\n');
  assert.match(logText, /Marketplace add of .* failed/);
  assert.doesNotMatch(logText, /(Bearer|Basic) (?!\[redacted\])\S/, 'no Authorization value in the log');
});

test('redaction finds a secret in the forms a server echoes it', () => {
  const secret = `k"<&>'/+${'x'.repeat(4)}`;
  for (const form of echoedForms(secret)) assert.equal(redactText(`said: ${form}!`, [secret]), 'said: [redacted]!', form);
  assert.equal(redactText(JSON.stringify({ m: JSON.stringify({ networkKey: secret }) }), [secret]).includes('x'.repeat(4)), false, 'JSON in JSON');
  assert.equal(redactText('Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2ln', []), 'Authorization: Bearer [redacted]', 'any Bearer token, known or not');
  assert.equal(redactText('Basic dXNlcjpwYXNzd29yZA==', []), 'Basic [redacted]');
  assert.equal(redactText('WAH Basic theory, Bearer of certificates', []), 'WAH Basic theory, Bearer of certificates', 'words are not tokens');
  assert.equal(redactText('short abc stays', ['abc']), 'short abc stays', 'a secret under 4 characters is not one');
});

test('an answer kept to its first characters that ends inside a secret loses that beginning too', () => {
  const secret = `tok-${randomBytes(16).toString('hex')}`;
  const raw = `{"message":"refused ${secret.slice(0, 12)}`;
  const outcome = redactOutcome({ ok: false, status: 400, raw, error: { code: 'marketplace-invalid', message: 'x', raw } }, [secret]);
  assert.equal(outcome.raw, '{"message":"refused [redacted]');
  assert.equal(!outcome.ok && outcome.error.raw, '{"message":"refused [redacted]');
  assert.equal(redactCut('ends with tok', [secret]), 'ends with tok', 'under 4 characters of it is not a leak');
});
