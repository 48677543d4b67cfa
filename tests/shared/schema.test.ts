import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TRAINING_STANDARD_KEYS, TrainingStandardKey, TRAINING_STANDARDS, standardFor } from '../../shared/standards';
import { OfferingDraft, publishProblems, normalisePostalCode, instructionHours, hoursWarning, copyStarts } from '../../shared/offering';
import { contract, CHANNELS } from '../../shared/ipc';
import { ErrorCode } from '../../shared/errors';
import en from '../../shared/locales/en.json';
import fr from '../../shared/locales/fr.json';
import { ontarioToUtc } from '../../shared/time';
import { execFileSync } from 'node:child_process';
import { validDraft, futureDate } from '../support/helpers';

test('all 20 Marketplace training standards are accepted, with language and delivery derived from the key', () => {
  assert.equal(TRAINING_STANDARD_KEYS.length, 20);
  for (const key of TRAINING_STANDARD_KEYS) assert.equal(TrainingStandardKey.parse(key), key);
  assert.deepEqual(
    { ...standardFor('JHSC-2014-1-F-V') },
    { key: 'JHSC-2014-1-F-V', label: 'CMSS - partie 1', program: 'JHSC-2014', language: 'fr', delivery: 'virtual', course: 'JHSC-2014-1', minimumHours: 19.5 },
  );
  assert.equal(standardFor('WAH-Refr-E-B').delivery, 'blended');
  // A refresher is the Practical module (WAH Program Standard s. 11.2): its 3.5 hours; no 1996 minimum is followed.
  assert.equal(standardFor('WAH-Refr-E-B').minimumHours, 3.5);
  assert.equal(standardFor('JHSC-1996-2-E-I').minimumHours, null);
  assert.equal(standardFor('JHSC-1996-2-E-I').program, 'JHSC-1996');
  assert.equal(TRAINING_STANDARDS.filter((s) => s.language === 'fr').length, 7);
  assert.deepEqual([...new Set(TRAINING_STANDARDS.map((s) => s.course))], ['WAH', 'WAH-Refr', 'JHSC-2014-1', 'JHSC-2014-2', 'JHSC-2014-Refr', 'JHSC-1996-1', 'JHSC-1996-2']);
  for (const lang of ['en', 'fr'] as const) {
    const labels = lang === 'en' ? en.standards : fr.standards;
    for (const s of TRAINING_STANDARDS) assert.ok((labels as Record<string, string>)[s.course], `${lang} label for ${s.course}`);
  }
});

test('an unknown training standard key is rejected with a message naming it', () => {
  const r = TrainingStandardKey.safeParse('WAH-X-I');
  assert.equal(r.success, false);
  assert.match(r.error!.issues[0]!.message, /“WAH-X-I” is not one of the 20 Marketplace training standards/);
  assert.equal(OfferingDraft.safeParse({ ...validDraft(), trainingStandardKey: 'JHSC-2014-3-E-I' }).success, false);
});

test('a complete in-person offering has no publishing problems', () => {
  assert.deepEqual(publishProblems(validDraft()), []);
});

function problemsOf(overrides: Parameters<typeof validDraft>[0]) {
  return publishProblems(validDraft(overrides)).map((p) => `${p.path}: ${p.message}`);
}

const rules: [string, Parameters<typeof validDraft>[0], string][] = [
  ['course name required', { courseName: '  ' }, 'courseName: Enter the course name learners will see.'],
  ['standard required', { trainingStandardKey: '' }, 'trainingStandardKey: Choose a training standard.'],
  ['offering id shape', { offeringId: 'has space' }, 'offeringId: Offering ID must be 1–64 letters, digits, dots, dashes or underscores.'],
  ['seats whole number', { seatsRemaining: 2.5 }, 'seatsRemaining: Seats remaining must be a whole number, 0 or more.'],
  ['seats not negative', { seatsRemaining: -1 }, 'seatsRemaining: Seats remaining must be a whole number, 0 or more.'],
  ['seats required', { seatsRemaining: null }, 'seatsRemaining: Seats remaining must be a whole number, 0 or more.'],
  ['price required unless contact for pricing', { price: null }, 'price: Enter a price, or tick Contact for pricing.'],
  ['price not negative', { price: -5 }, 'price: The price cannot be negative.'],
  ['price in cents', { price: 10.005 }, 'price: The price can have at most two decimals.'],
  ['registration URL required', { registrationUrl: '' }, 'registrationUrl: Enter the registration URL where learners book.'],
  ['registration URL https', { registrationUrl: 'http://training.example.ca' }, 'registrationUrl: Use a full https:// address.'],
  ['in-person needs a street', { address: { street: '', extended: '', city: 'Toronto', province: 'ON', postalCode: 'M5H 2N2' } }, 'address.street: Enter the street address of the class.'],
  ['in-person needs a city', { address: { street: '1 Main St', extended: '', city: '', province: 'ON', postalCode: 'M5H 2N2' } }, 'address.city: Enter the city.'],
  ['Canadian postal code', { address: { street: '1 Main St', extended: '', city: 'Toronto', province: 'ON', postalCode: '90210' } }, 'address.postalCode: Enter a Canadian postal code such as K1A 0B1.'],
  ['blended needs an address too', { trainingStandardKey: 'WAH-E-B', address: { street: '', extended: '', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1' } }, 'address.street: Enter the street address of the class.'],
  ['virtual needs a virtual class URL', { trainingStandardKey: 'JHSC-2014-1-E-V' }, 'virtualClassUrl: Enter the virtual class URL.'],
  ['virtual class URL https', { trainingStandardKey: 'JHSC-2014-1-E-V', virtualClassUrl: 'ftp://x.example' }, 'virtualClassUrl: Use a full https:// address.'],
  ['at least one class day', { classDays: [] }, 'classDays: Add at least one class day.'],
  ['a real date', { classDays: [{ date: '2026-02-30', start: '08:00', end: '12:00' }] }, 'classDays.0.date: Enter the date of this class day.'],
  ['a real time', { classDays: [{ date: futureDate('03-10'), start: '25:00', end: '12:00' }] }, 'classDays.0.start: Enter a start time such as 08:30.'],
  ['end after start', { classDays: [{ date: futureDate('03-10'), start: '12:00', end: '12:00' }] }, 'classDays.0.end: The end time must be after the start time.'],
];

for (const [name, overrides, expected] of rules) {
  test(`rule: ${name}`, () => {
    assert.deepEqual(problemsOf(overrides), [expected]);
  });
}

test('contact for pricing makes the price optional; virtual offerings need no address', () => {
  assert.deepEqual(problemsOf({ contactForPricing: true, price: null }), []);
  assert.deepEqual(
    problemsOf({ trainingStandardKey: 'JHSC-2014-2-E-V', virtualClassUrl: 'https://meet.example.ca/x', address: { street: '', extended: '', city: '', province: '', postalCode: '' } }),
    [],
  );
});

test('postal codes are normalised to A1A 1A1', () => {
  assert.equal(normalisePostalCode(' m5h2n2 '), 'M5H 2N2');
  assert.equal(normalisePostalCode('K1A 0B1'), 'K1A 0B1');
});

test('Ontario times become UTC with milliseconds, across daylight saving', () => {
  assert.equal(ontarioToUtc('2026-07-02', '08:30'), '2026-07-02T12:30:00.000Z');
  assert.equal(ontarioToUtc('2026-12-02', '08:30'), '2026-12-02T13:30:00.000Z');
});

test('the IPC contract covers exactly the channel list the preload allows', () => {
  assert.deepEqual(Object.keys(contract).sort(), [...CHANNELS].sort());
});

test('class days that overlap, or that have ended, are refused before publishing', () => {
  const date = futureDate('03-10');
  assert.deepEqual(problemsOf({ classDays: [{ date, start: '08:00', end: '12:00' }, { date, start: '11:00', end: '15:00' }] }), ['classDays.1.start: This day overlaps day 1.']);
  assert.deepEqual(problemsOf({ classDays: [{ date, start: '08:00', end: '12:00' }, { date, start: '12:00', end: '15:00' }] }), [], 'back to back is fine');
  const past = validDraft({ classDays: [{ date: '2025-01-06', start: '08:00', end: '16:00' }] });
  assert.deepEqual(publishProblems(past, { now: new Date() }).map((p) => p.message), ['This class day is in the past.']);
  assert.deepEqual(publishProblems(past), [], 'a change already queued is not refused because time passed');
});

test('instruction hours are totalled and a short class gets a warning, not an error', () => {
  const date = futureDate('03-10');
  const short = validDraft({ trainingStandardKey: 'WAH-E-I', classDays: [{ date, start: '09:00', end: '12:00' }] });
  assert.equal(instructionHours(short), 3);
  assert.deepEqual(hoursWarning(short), { part: 'class', hours: 3, minimum: 6.5 });
  assert.deepEqual(publishProblems(short), []);
  const jhsc = validDraft({ trainingStandardKey: 'JHSC-2014-1-E-I', classDays: ['03-10', '03-11', '03-12'].map((d) => ({ date: futureDate(d), start: '08:30', end: '15:00' })) });
  assert.equal(instructionHours(jhsc), 19.5);
  assert.equal(hoursWarning(jhsc), null);
});

test('the English and French message files have exactly the same keys', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
  assert.deepEqual(keys(fr), keys(en));
});

test('prices with cents publish: every value from 0.00 to 9.99 and common prices; a third decimal is refused', () => {
  const priceProblems = (price: number) => publishProblems(validDraft({ price }), { now: new Date() }).filter((p) => p.path === 'price');
  // Typed in a field, a price reaches the draft as Number of its text: the same path here.
  for (let cents = 0; cents <= 999; cents++) {
    const typed = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    assert.deepEqual(priceProblems(Number(typed)), [], typed);
  }
  for (const typed of ['19.99', '4.35', '149.99', '1234.50', '0.07', '99999.99']) assert.deepEqual(priceProblems(Number(typed)), [], typed);
  for (const typed of ['19.999', '0.001', '4.355']) assert.deepEqual(priceProblems(Number(typed)).map((p) => p.code), ['price.cents'], typed);
});

test('every error code has a message in English and in French; French punctuation takes its non-breaking space', () => {
  for (const code of ErrorCode.options) {
    assert.ok((en.errors as Record<string, string>)[code], `errors.${code} in English`);
    assert.ok((fr.errors as Record<string, string>)[code], `errors.${code} in French`);
  }
  const texts = (node: unknown, path = ''): [string, string][] =>
    typeof node === 'string' ? [[path, node]] : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
  // "Paramètres : …" with an ordinary space, or none, breaks across lines and reads as English typography.
  // A nested plural, $t(key, {"count": …}), is i18next's syntax, not French text.
  const prose = (text: string) => text.replace(/https?:\/\//g, '').replace(/\$t\([^)]*\)/g, 'n');
  const wrong = texts(fr).filter(([, text]) => /(?:[^\s\u00a0\u202f]|[ ])[:;?!](?=\s|$)/.test(prose(text)));
  assert.deepEqual(wrong, []);
});

test('French calls an offering “offre” everywhere: the list, its count, the form, the import and the print', () => {
  const texts = (node: unknown, path = ''): [string, string][] =>
    typeof node === 'string' ? [[path, node]] : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
  assert.deepEqual(texts(fr).filter(([, text]) => /séances?/i.test(text)), [], 'the list said “Séances” and its count “7 offres”');
  assert.equal(fr.app.nav.offerings, 'Offres');
});

test('copy dates: weekly, every N weeks, and on chosen weekdays from the first day on', () => {
  // 2027-03-08 is a Monday.
  assert.deepEqual(copyStarts('2027-03-08', 3), ['2027-03-08', '2027-03-15', '2027-03-22']);
  assert.deepEqual(copyStarts('2027-03-08', 3, 2), ['2027-03-08', '2027-03-22', '2027-04-05']);
  // Tuesdays and Thursdays, starting on a Wednesday: that week's Tuesday is before the first day, so it is left out.
  assert.deepEqual(copyStarts('2027-03-10', 2, 1, [4, 2]), ['2027-03-11', '2027-03-16', '2027-03-18']);
  // Across the spring daylight-saving change (14 March 2027) the dates stay calendar dates.
  assert.deepEqual(copyStarts('2027-03-13', 2, 1, [6, 0]), ['2027-03-13', '2027-03-14', '2027-03-20', '2027-03-21']);
});

test('Ontario time: the daylight-saving changes, calendar arithmetic and today, whatever zone the computer is set to', () => {
  const probe = `
    import { ontarioToUtc, addDays, daysBetween, weekOf, todayInOntario, isDate, hoursBetween } from './shared/time.ts';
    console.log(JSON.stringify([
      ontarioToUtc('2027-03-13', '08:30'), ontarioToUtc('2027-03-14', '08:30'), ontarioToUtc('2027-11-07', '08:30'),
      hoursBetween('2027-03-14', '01:00', '04:00'), hoursBetween('2027-11-07', '00:30', '03:30'),
      addDays('2027-03-13', 1), addDays('2027-11-06', 1), addDays('2027-12-31', 1), daysBetween('2027-03-01', '2027-04-01'),
      weekOf('2027-03-10')[0], todayInOntario(new Date('2027-01-01T03:00:00Z')), isDate('2027-02-30'), isDate('2028-02-29'),
    ]));`;
  const expected = [
    '2027-03-13T13:30:00.000Z', '2027-03-14T12:30:00.000Z', '2027-11-07T13:30:00.000Z',
    2, 4,
    '2027-03-14', '2027-11-07', '2028-01-01', 31,
    '2027-03-07', '2026-12-31', false, true,
  ];
  for (const zone of ['UTC', 'Asia/Tokyo', 'America/Vancouver', 'Pacific/Chatham']) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), expected, zone);
  }
});
