// The list's dates are written without Intl (its first date formatter costs the window's first frame
// ~50 ms of ICU loading): they must read exactly as Intl writes them, every day, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatHours, formatWeekday, locales } from '../../renderer/src/lib/format';

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

test('one way to write a time per language: 8:30 a.m. in English; 8 h 30 and 8 h in French, with non-breaking spaces', async () => {
  const { formatClock } = await import('../../renderer/src/lib/format');
  assert.deepEqual(['00:05', '08:00', '08:30', '12:00', '16:30', '23:59'].map((t) => formatClock('en', t)), ['12:05\u00a0a.m.', '8:00\u00a0a.m.', '8:30\u00a0a.m.', '12:00\u00a0p.m.', '4:30\u00a0p.m.', '11:59\u00a0p.m.']);
  assert.deepEqual(['00:05', '08:00', '08:30', '12:00', '16:30'].map((t) => formatClock('fr', t)), ['0\u00a0h\u00a005', '8\u00a0h', '8\u00a0h\u00a030', '12\u00a0h', '16\u00a0h\u00a030']);
  // As Intl writes them, except that French drops ":00" minutes ("8 h", not "8 h 00").
  for (let m = 0; m < 24 * 60; m += 7) {
    const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const at = new Date(Date.UTC(2027, 0, 4, Math.floor(m / 60), m % 60));
    const intl = (lang: 'en' | 'fr') => new Intl.DateTimeFormat(locales[lang], { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(at).replace(/\s/g, '\u00a0');
    assert.equal(formatClock('en', hhmm), intl('en'), hhmm);
    assert.equal(formatClock('fr', hhmm), intl('fr').replace(/\u00a0h\u00a000$/, '\u00a0h'), hhmm);
  }
});

test('a moment is its Ontario date and time, whatever zone the computer is in: Activity, Backups, the print and the Trash', async () => {
  const { formatMoment, formatMomentDate } = await import('../../renderer/src/lib/format-day');
  assert.equal(formatMoment('en', '2026-12-07T23:06:09Z'), 'Mon, Dec 7, 2026, 6:06\u00a0p.m.');
  assert.equal(formatMoment('fr', '2026-12-07T23:06:09Z'), 'lun. 7 déc. 2026, 18\u00a0h\u00a006', 'a time of day, not “18 h 06 min 09 s”');
  assert.equal(formatMomentDate('fr', '2026-12-08T03:00:00Z'), 'lun. 7 déc. 2026', 'still the 7th in Toronto');
});
