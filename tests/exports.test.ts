// Export CSV and Export calendar through the IPC handlers: the CSV read back
// by csv-parse, the .ics by ical.js (a maintained iCalendar parser), across
// the March daylight-saving change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { testSandbox } from './support/services';
import { ipcFor, taughtClass } from './support/roster';
import { validDraft, validOnlineDraft } from './support/helpers';
import { SCHEDULE_COLUMNS } from '../shared/schedule-columns';
import { ontarioToUtc } from '../shared/time';

const YEAR = new Date().getFullYear() + 1;
// The second Sunday of March: clocks go forward in Ontario that night.
const secondSundayOfMarch = (year: number) => {
  const first = new Date(Date.UTC(year, 2, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + 7;
};
const SAT = `${YEAR}-03-${String(secondSundayOfMarch(YEAR) - 1).padStart(2, '0')}`;
const MON = `${YEAR}-03-${String(secondSundayOfMarch(YEAR) + 1).padStart(2, '0')}`;

test('Export CSV writes the shown offerings as a schedule: one row per class day, the columns an import reads', async (t) => {
  const { services, ipc, offering } = await taughtClass(t, { sandbox: await testSandbox(t) });
  const online = await ipc('offerings:save', { id: null, draft: validOnlineDraft({ courseName: 'JHSC Part One, online; "self-paced"' }) });
  const file = await ipc('offerings:exportCsv', { ids: [offering.id, online.id] });
  assert.match(file.fileName, /^offerings-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(file.text.startsWith('\ufeff'), 'a BOM for Excel');
  const [header, ...rows] = parse(file.text.slice(1)) as string[][];
  assert.deepEqual(header, [...SCHEDULE_COLUMNS]);
  const byColumn = (row: string[]) => Object.fromEntries(SCHEDULE_COLUMNS.map((c, i) => [c, row[i]]));
  assert.deepEqual(rows.map((r) => byColumn(r)['Date']), [offering.draft.classDays[0]!.date, offering.draft.classDays[1]!.date, '']);
  const first = byColumn(rows[0]!);
  assert.equal(first['Offering ID'], offering.draft.offeringId);
  assert.equal(first['Training standard'], 'WAH-E-I');
  assert.equal(first['Price'], '149.5');
  assert.equal(first['Postal code'], 'M5H 2N2');
  assert.equal(first['Already listed on the Marketplace'], 'yes');
  const third = byColumn(rows[2]!);
  assert.equal(third['Course name'], 'JHSC Part One, online; "self-paced"', 'quotes and separators survive');
  assert.equal(third['Course duration (hours)'], '2.5');
  assert.equal(third['Already listed on the Marketplace'], 'no');

  // "The offerings shown": the list's filters, not its page.
  const shown = await ipc('offerings:exportCsv', { query: { kind: 'online', limit: 1 } });
  assert.equal(shown.offerings, 1);
  assert.equal((parse(shown.text.slice(1)) as string[][]).length, 2);
  assert.equal(services.catalogue.list().length, 2, 'exporting changes nothing');
});

test('Export calendar: one event per class day in Ontario time with a VTIMEZONE, across the March change; stable UIDs and a SEQUENCE that moves', async (t) => {
  const { services } = await taughtClass(t, { sandbox: await testSandbox(t) });
  const { ipc } = ipcFor(services);
  const draft = validDraft({ courseName: 'WAH over the time change', classDays: [{ date: SAT, start: '08:30', end: '16:30' }, { date: MON, start: '08:30', end: '12:00' }] });
  const saved = await ipc('offerings:save', { id: null, draft });

  const read = async () => {
    const file = await ipc('offerings:exportIcs', { ids: [saved.id] });
    const calendar = new ICAL.Component(ICAL.parse(file.text));
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    return { file, zone, events, raw: calendar.getAllSubcomponents('vevent') };
  };
  const before = await read();
  assert.equal(before.file.events, 2);
  assert.match(before.file.fileName, /\.ics$/);
  assert.equal(before.zone.getFirstPropertyValue('tzid'), 'America/Toronto');
  assert.deepEqual(
    before.events.map((e) => [e.startDate.zone?.tzid, e.startDate.toString(), e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()]),
    [
      ['America/Toronto', `${SAT}T08:30:00`, ontarioToUtc(SAT, '08:30'), ontarioToUtc(SAT, '16:30')],
      ['America/Toronto', `${MON}T08:30:00`, ontarioToUtc(MON, '08:30'), ontarioToUtc(MON, '12:00')],
    ],
  );
  assert.notEqual(ontarioToUtc(SAT, '08:30').slice(11), ontarioToUtc(MON, '08:30').slice(11), 'the two mornings are an hour apart in UTC');
  const first = before.events[0]!;
  assert.equal(first.summary, 'WAH over the time change');
  assert.equal(first.location, '100 Queen St W, Toronto, ON, M5H 2N2');
  assert.match(first.description, /Registration: https:\/\/training\.example\.ca\/register\/wah/);
  assert.equal(before.raw[0]!.getFirstPropertyValue('url'), 'https://training.example.ca/register/wah');

  // An edit: the same UIDs, a higher SEQUENCE, the new time — a calendar app updates its events.
  await ipc('offerings:save', { id: saved.id, draft: { ...draft, classDays: [{ date: SAT, start: '09:00', end: '16:30' }, draft.classDays[1]!] } });
  const after = await read();
  assert.deepEqual(after.events.map((e) => e.uid), before.events.map((e) => e.uid));
  assert.ok(after.events[0]!.sequence > before.events[0]!.sequence);
  assert.equal(after.events[0]!.startDate.toString(), `${SAT}T09:00:00`);
  // Online courses have no days: nothing to put in a calendar.
  const online = await ipc('offerings:save', { id: null, draft: validOnlineDraft() });
  assert.equal((await ipc('offerings:exportIcs', { ids: [online.id] })).events, 0);
});
