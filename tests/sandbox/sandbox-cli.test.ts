import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { toWire } from '../../electron/main/marketplace/wire';
import { validDraft, networkKey } from '../support/helpers';

test('`npm run sandbox -- --port 0` serves the contract standalone', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/main/sandbox/cli.ts', '--port', '0', '--keys', 'key-one,key-two'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Offering Desk sandbox Marketplace: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/api-v2$/);
  const wire = toWire(validDraft());
  const post = (key: string) => fetch(`${baseUrl}/class-offerings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ networkKey: key, ...wire }) });
  assert.equal((await post(networkKey())).status, 401, 'only the keys given are accepted');
  assert.equal((await post('key-one')).status, 201);
  const held = await (await fetch(`${new URL(baseUrl).origin}/__sandbox/offerings?networkKey=key-one`)).json();
  assert.deepEqual(held, [wire]);
});

test('the sandbox refuses a bad flag with a clear message', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/main/sandbox/cli.ts', '--fail503', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 2);
  assert.match(err, /--fail503 must be a share between 0 and 1, not “2”/);
});

test('`npm run sandbox -- --dialect gateway --token-ttl 60` serves the gateway with credentials to paste into Settings', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/main/sandbox/cli.ts', '--port', '0', '--dialect', 'gateway', '--token-ttl', '60', '--client-id', 'cli-client', '--client-secret', 'cli-secret-1', '--subscription-key', 'cli-key-1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (c: Buffer) => {
      text += c.toString();
      if (/Program IDs: .*\n/.test(text)) resolve(text);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  const baseUrl = /Marketplace: (\S+)/.exec(out)![1]!;
  const tokenUrl = /Token URL: (\S+)/.exec(out)![1]!;
  assert.match(baseUrl, /\/gateway$/);
  assert.match(out, /WAH-E-I → WAH-10002/);
  const token = await fetch(tokenUrl, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('cli-client:cli-secret-1').toString('base64')}` }, body: 'grant_type=client_credentials' });
  assert.deepEqual([token.status, ((await token.json()) as { expires_in: number }).expires_in], [200, 60]);
});

test('the sandbox refuses an unknown dialect', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/main/sandbox/cli.ts', '--dialect', 'soap'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  assert.equal(await new Promise<number | null>((resolve) => child.once('exit', resolve)), 2);
  assert.match(err, /--dialect must be network or gateway, not “soap”/);
});
