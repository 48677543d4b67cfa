// The app's address rules, from shared/url-rules: what learners follow, what the app connects to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionUrlProblem, isLoopbackHost, linkProblem } from '../../shared/url-rules';
import { externalUrlToOpen } from '../../electron/main/shell/security';

test('an address the app connects to is https, or plain http to this computer only, with nothing in it but a path', () => {
  for (const url of ['https://marketplace.example/api-v2', 'http://127.0.0.1:4010/api', 'http://localhost:9/x', 'http://[::1]:8080/', 'https://127.0.0.1/']) assert.equal(connectionUrlProblem(url), null, url);
  assert.equal(connectionUrlProblem('http://marketplace.example/api'), 'scheme');
  assert.equal(connectionUrlProblem('http://127.0.0.1.evil.example/api'), 'scheme', 'only a loopback address, not a name that starts like one');
  assert.equal(connectionUrlProblem('ftp://127.0.0.1/'), 'scheme');
  for (const url of ['https://user:pw@marketplace.example/api', 'https://marketplace.example/api?key=1', 'https://marketplace.example/api#x']) assert.equal(connectionUrlProblem(url), 'parts', url);
  assert.equal(connectionUrlProblem('marketplace.example'), 'unreadable');
  assert.equal(isLoopbackHost('127.10.0.1'), true);
  assert.equal(isLoopbackHost('128.0.0.1'), false);
});

test('a link learners follow is plain https, and the shell opens exactly the links that are', () => {
  for (const url of ['https://training.example.ca/register', 'http://training.example.ca/register', 'http://127.0.0.1/x', 'https://u:p@training.example.ca/', 'mailto:a@b.ca', 'https://training.example.ca/a b']) {
    assert.equal(externalUrlToOpen(url) !== null, linkProblem(url) === null, url);
  }
  assert.equal(linkProblem('http://127.0.0.1/x'), 'url.https', 'no loopback exception for a published link');
});
