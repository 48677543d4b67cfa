// The one reader of typed numbers: prices as English and French offices type
// them, exact to the cent, and a specific refusal for what cannot be known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCents, readDecimal, readPrice, readWholeNumber, showNumber, MAX_WHOLE_DIGITS } from '../../shared/number-text';
import en from '../../shared/locales/en.json';
import fr from '../../shared/locales/fr.json';

test('prices typed the English and the French way read as exact cents', () => {
  const cases: [string, number | null][] = [
    ['149,99', 14999],
    ['149.99', 14999],
    ['$1,200.50', 120050],
    ['1 200,50 $', 120050],
    ['1\u00a0200,50\u00a0$', 120050],
    ['1\u202f200,50\u202f$', 120050],
    ['1\u2009200,50', 120050],
    ['1.200,50', 120050],
    ['1200', 120000],
    ['1 200', 120000],
    ['1,234,567.89', 123456789],
    ['1.234.567', 123456700],
    ['CAD 89,5', 8950],
    ['89,50 $CA', 8950],
    ['CA$19.99', 1999],
    ['  4.35  ', 435],
    ['0', 0],
    ['0,5', 50],
    ['1200,5', 120050],
    ['', null],
    ['   ', null],
  ];
  for (const [typed, cents] of cases) assert.deepEqual(readCents(typed), { ok: true, units: cents }, JSON.stringify(typed));
  assert.deepEqual(readPrice('149,99'), { ok: true, value: 149.99 });
  assert.equal(JSON.stringify(readPrice('19,99')), '{"ok":true,"value":19.99}', 'no float residue: 19.99, not 19.990000000000002');
});

test('what cannot be known is refused, each for its own reason', () => {
  const cases: [string, string][] = [
    ['1,200', 'number.ambiguous'],
    ['1.200', 'number.ambiguous'],
    ['$1,200', 'number.ambiguous'],
    ['999,999', 'number.ambiguous'],
    ['1.200,5.0', 'number.unreadable'],
    ['1,200.50.1', 'number.unreadable'],
    ['12,00,000', 'number.unreadable'],
    ['12 34', 'number.unreadable'],
    ['1  200', 'number.unreadable'],
    ['1 200.000,50', 'number.unreadable'],
    ['149.', 'number.unreadable'],
    ['.5', 'number.unreadable'],
    ['about 100', 'number.unreadable'],
    ['$', 'number.unreadable'],
    ['1e3', 'number.unreadable'],
    ['0x10', 'number.unreadable'],
    ['149,999', 'number.ambiguous'],
    ['0,500', 'number.decimals'],
    ['1200,500', 'number.decimals'],
    ['1 200,500', 'number.decimals'],
    ['149.9999', 'number.decimals'],
    ['-5', 'number.negative'],
    ['\u22125,00', 'number.negative'],
    ['1'.repeat(MAX_WHOLE_DIGITS + 1), 'number.tooLarge'],
  ];
  for (const [typed, code] of cases) assert.deepEqual(readCents(typed), { ok: false, code }, JSON.stringify(typed));
  assert.deepEqual(readCents('0'.repeat(20) + '5'), { ok: true, units: 500 }, 'leading zeros are not digits that count');
});

test('seats are whole numbers; hours and scores take either decimal mark', () => {
  assert.deepEqual(readWholeNumber('12'), { ok: true, value: 12 });
  assert.deepEqual(readWholeNumber('1 200'), { ok: true, value: 1200 });
  assert.deepEqual(readWholeNumber('12,5'), { ok: false, code: 'number.whole' });
  assert.deepEqual(readWholeNumber('12.5'), { ok: false, code: 'number.whole' });
  assert.deepEqual(readWholeNumber('1,200'), { ok: false, code: 'number.ambiguous' });
  assert.deepEqual(readWholeNumber('$12'), { ok: false, code: 'number.unreadable' }, 'no currency on seats');
  assert.deepEqual(readDecimal('2,5'), { ok: true, value: 2.5 });
  assert.deepEqual(readDecimal('87.5'), { ok: true, value: 87.5 });
  assert.deepEqual(readDecimal('2,25'), { ok: true, value: 2.25 });
  assert.deepEqual(readDecimal('2,255'), { ok: false, code: 'number.ambiguous' });
  assert.deepEqual(readDecimal('-1'), { ok: false, code: 'number.negative' });
});

test('every refusal has a message in English and French', () => {
  for (const code of ['number.unreadable', 'number.ambiguous', 'number.decimals', 'number.whole', 'number.negative', 'number.tooLarge']) {
    for (const locale of [en, fr]) assert.ok((locale.validation as Record<string, string>)[code], code);
  }
});

const cents = fc.integer({ min: 0, max: 10 ** (MAX_WHOLE_DIGITS + 2) - 1 });
const group = (digits: string, mark: string) => digits.replace(/\B(?=(\d{3})+$)/g, mark);

test('property: any amount written as English or French offices write it reads back as the same cents', () => {
  fc.assert(
    fc.property(cents, fc.constantFrom(',', ' ', '\u00a0', '\u202f'), fc.constantFrom('', ' $', '\u00a0$'), (n, frGroup, sign) => {
      const whole = String(Math.floor(n / 100));
      const fraction = String(n % 100).padStart(2, '0');
      assert.deepEqual(readCents(`$${group(whole, ',')}.${fraction}`), { ok: true, units: n });
      assert.deepEqual(readCents(`${group(whole, frGroup === ',' ? '.' : frGroup)},${fraction}${sign}`), { ok: true, units: n });
      assert.deepEqual(readCents(`${whole}.${fraction}`), { ok: true, units: n });
    }),
  );
});

test('property: what the field shows reads back as the value, in both languages', () => {
  fc.assert(
    fc.property(cents, fc.constantFrom('en', 'fr') as fc.Arbitrary<'en' | 'fr'>, (n, language) => {
      const value = n / 100;
      assert.deepEqual(readPrice(showNumber(language, value, 2, { fixed: true })), { ok: true, value });
      assert.deepEqual(readDecimal(showNumber(language, value, 2)), { ok: true, value });
    }),
  );
});

test('property: the reader never throws and never answers a number for text with letters in it', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const reading = readCents(s);
      if (reading.ok && reading.units !== null) {
        assert.ok(Number.isSafeInteger(reading.units) && reading.units >= 0);
        assert.doesNotMatch(s.replace(/CA\$|\$CA|CAD/gi, ''), /[a-z]/i);
      }
    }),
    { numRuns: 2000 },
  );
});
