// The list's dates are written without Intl (its first date formatter costs the window's first frame
// ~50 ms of ICU loading): they must read exactly as Intl writes them, every day, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatHours, formatWeekday, locales } from '../renderer/src/lib/format';

test('a calendar date reads as Intl writes a short weekday and month, every day of four years, in English and French', () => {
  for (const language of ['en', 'fr'] as const) {
    const intl = new Intl.DateTimeFormat(locales[language], { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    for (let t = Date.UTC(2026, 0, 1, 12); t < Date.UTC(2030, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      assert.equal(formatDate(language, date), intl.format(new Date(t)), `${language} ${date}`);
    }
  }
  assert.equal(formatDate('en', '2027-03-15'), 'Mon, Mar 15, 2027');
  assert.equal(formatDate('fr', '2027-03-15'), 'lun. 15 mars 2027');
});

test('weekdays by number, Sunday first, in English and French', () => {
  assert.deepEqual([0, 1, 6].map((d) => formatWeekday('en', d as 0 | 1 | 6)), ['Sunday', 'Monday', 'Saturday']);
  assert.deepEqual([0, 1, 6].map((d) => formatWeekday('fr', d as 0 | 1 | 6)), ['dimanche', 'lundi', 'samedi']);
});

test('hours read as Intl writes them with at most two decimals, in English and French', () => {
  for (const language of ['en', 'fr'] as const) {
    const intl = new Intl.NumberFormat(locales[language], { maximumFractionDigits: 2 });
    const values = [
      ...Array.from({ length: 200_001 }, (_, k) => k / 100), // every hundredth up to 2,000 hours
      ...Array.from({ length: 6_001 }, (_, m) => m / 60), // class minutes as hours (7.3333…)
      ...Array.from({ length: 4_000 }, (_, k) => k / 1000 + 0.0005), // halves: rounded away from zero
      1.005, 2.675, 0.125, 1e-7, 12_345_678.9, -2.5, -0.001,
    ];
    for (const hours of values) assert.equal(formatHours(language, hours), intl.format(hours), `${language} ${hours}`);
  }
  assert.equal(formatHours('en', 1234.5), '1,234.5');
  assert.equal(formatHours('fr', 1234.5), '1\u00a0234,5');
});
