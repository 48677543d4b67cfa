import { UNKNOWN_REQUEST } from '../../shared/channels';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { bridgeWithServices } from '../support/bridge';

const bridge = (t: TestContext) => bridgeWithServices(t);

test('the bridge listens on loopback only and needs its token', async (t) => {
  const { url, api } = await bridge(t);
  assert.equal(url.hostname, '127.0.0.1');
  assert.match(url.searchParams.get('token') ?? '', /^[A-Za-z0-9_-]{32}$/);
  assert.equal((await api('offerings:page', {}, {})).status, 403);
  assert.equal((await api('offerings:page', {}, { 'x-desk-token': 'wrong' })).status, 403);
  const ok = await api('offerings:page', {});
  assert.deepEqual(await ok.json(), { ok: true, value: { rows: [], total: 0, more: false, nextCursor: null } });
});

test('a request for another host name is refused (DNS rebinding)', async (t) => {
  const { url } = await bridge(t);
  const http = await import('node:http');
  const status = await new Promise<number>((resolve) => {
    http.get({ host: '127.0.0.1', port: url.port, path: '/', headers: { host: `evil.example:${url.port}` } }, (res) => resolve(res.statusCode ?? 0));
  });
  assert.equal(status, 421);
});

/** A GET whose path goes out as written (fetch and URL would resolve the dots first). */
function getRaw(port: string, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: rawPath, headers: { host: `127.0.0.1:${port}` } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

test('the page is served with the strict CSP and the bridge script', async (t) => {
  const { url } = await bridge(t);
  const page = await fetch(url);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'.*connect-src 'self'/);
  assert.match(await page.text(), /<script src="\/__bridge.js"><\/script>/);
});

test('no path leaves the page folder, however its dots are written', async (t) => {
  const { url, rendererDir } = await bridge(t);
  // A real file beside the page folder: served, it would be a traversal, not a 404 for a missing file.
  const beside = `${path.basename(rendererDir)}-beside`;
  fs.mkdirSync(path.join(path.dirname(rendererDir), beside), { recursive: true });
  fs.writeFileSync(path.join(path.dirname(rendererDir), beside, 'secret.txt'), 'outside the page folder');
  for (const p of [`/../${beside}/secret.txt`, `/%2e%2e/${beside}/secret.txt`, `/..%2f${beside}%2fsecret.txt`, `/assets/../../${beside}/secret.txt`]) {
    const answer = await getRaw(url.port, p);
    assert.equal(answer.status, 404, p);
    assert.doesNotMatch(answer.body, /outside the page folder/, p);
  }
});

test('every request is validated against the contract and bad input changes nothing', async (t) => {
  const { api, services } = await bridge(t);
  const unknown = await (await api('offerings:drop-table', {})).json();
  assert.deepEqual(unknown, { ok: false, error: { code: 'bad-request', message: UNKNOWN_REQUEST } });

  const malformed = await (await api('offerings:save', { id: null, draft: { courseName: 42 } })).json();
  assert.equal(malformed.ok, false);
  assert.equal(malformed.error.code, 'bad-request');
  assert.match(malformed.error.message, /malformed “offerings:save” request: draft\.offeringId: .*draft\.courseName/);

  const extra = await (await api('settings:save', { marketplaceUrl: '', admin: true })).json();
  assert.equal(extra.error.code, 'bad-request');
  assert.match(extra.error.message, /admin/);

  const badUrl = await (await api('settings:save', { marketplaceUrl: 'http://marketplace.example.ca' })).json();
  assert.equal(badUrl.error.code, 'settings-invalid');
  assert.equal(badUrl.error.fields[0].path, 'marketplaceUrl');
  assert.equal(services.settings.marketplaceUrl(), null);
  assert.deepEqual(services.catalogue.list(), []);
});
