// Issue 24, item 12: a registration (or virtual class) link with a raw CR/LF
// was stored and published as typed: the URL parser drops the line break
// without a word. It is refused at the field, in English and French, and
// nothing is stored or sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { AppFailure } from '../../shared/errors';
import { publishProblems } from '../../shared/offering-rules';
import { testServices } from '../support/services';
import { validDraft } from '../support/helpers';

const locale = (lang: 'en' | 'fr') => JSON.parse(fs.readFileSync(new URL(`../../shared/locales/${lang}.json`, import.meta.url), 'utf8')) as { validation: Record<string, string> };

for (const link of ['https://training.example.ca/register\r\nSet-Cookie: x=1', 'https://training.example.ca/reg\nister', 'https://training.example.ca/\tregister', 'https://training.example.ca/register\u0000']) {
  test(`a registration link with a control character is refused and nothing is stored: ${JSON.stringify(link)}`, (t) => {
    const { services } = testServices(t);
    assert.throws(
      () => services.catalogue.publish(null, validDraft({ registrationUrl: link })),
      (e: unknown) => {
        assert.ok(e instanceof AppFailure);
        assert.equal(e.error.code, 'validation');
        assert.deepEqual(e.error.fields?.map((f) => [f.path, f.code]), [['registrationUrl', 'url.control']]);
        return true;
      },
    );
    assert.deepEqual(services.catalogue.list(), [], 'nothing was stored');
  });
}

test('a virtual class link with a line break is refused too, and a link with only surrounding spaces is not', () => {
  const virtual = publishProblems(validDraft({ trainingStandardKey: 'JHSC-2014-1-E-V', virtualClassUrl: 'https://meet.example/x\r\ny' }));
  assert.ok(virtual.some((p) => p.path === 'virtualClassUrl' && p.code === 'url.control'));
  assert.deepEqual(publishProblems(validDraft({ registrationUrl: '  https://training.example.ca/register\n' })), []);
});

test('the refusal is worded in English and French', () => {
  assert.match(locale('en').validation['url.control']!, /line break .* type it again on one line/);
  assert.match(locale('fr').validation['url.control']!, /saut de ligne .* sur une seule ligne/);
});
