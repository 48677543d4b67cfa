// Export CSV and Export calendar through the IPC handlers: the CSV read back
// by csv-parse, the .ics by ical.js (a maintained iCalendar parser), across
// the March daylight-saving change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { testSandbox } from '../support/services';
import { ipcFor, taughtClass } from '../support/roster';
import { validDraft, validOnlineDraft } from '../support/helpers';
import { SCHEDULE_COLUMNS } from '../../shared/schedule-columns';
import { ontarioToUtc } from '../../shared/time';

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

/** RFC 5545's properties, by component (sections 3.6, 3.7 and 3.8), and RFC 7986's NAME; anything else must be an X- name. */
const RFC5545_PROPERTIES: Record<string, readonly string[]> = {
  vcalendar: ['version', 'prodid', 'calscale', 'method', 'name'],
  vevent: ['uid', 'dtstamp', 'dtstart', 'dtend', 'duration', 'sequence', 'summary', 'location', 'description', 'url', 'status', 'class', 'created', 'last-modified', 'rrule', 'rdate', 'exdate', 'categories', 'organizer', 'attendee', 'transp', 'priority', 'geo', 'recurrence-id'],
  vtimezone: ['tzid', 'last-modified', 'tzurl'],
  daylight: ['dtstart', 'tzoffsetfrom', 'tzoffsetto', 'tzname', 'rrule', 'rdate', 'comment'],
  standard: ['dtstart', 'tzoffsetfrom', 'tzoffsetto', 'tzname', 'rrule', 'rdate', 'comment'],
};

test('Export calendar follows RFC 5545: DTSTAMP in UTC, CRLF lines of at most 75 octets, only its properties, each once where it must be', async (t) => {
  const { services } = await taughtClass(t, { sandbox: await testSandbox(t) });
  const { ipc } = ipcFor(services);
  const saved = await ipc('offerings:save', { id: null, draft: validDraft({ courseName: 'WAH — a name long enough to be folded across more than one line of the file, with “quotes”, commas, and accents: é à ç', classDays: [{ date: SAT, start: '08:30', end: '16:30' }] }) });
  const before = Date.now();
  const { text } = await ipc('offerings:exportIcs', { ids: [saved.id] });

  // 3.1: lines end with CRLF and are folded at 75 octets.
  assert.ok(text.endsWith('\r\n'), 'the last line ends with CRLF too');
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `${Buffer.byteLength(line, 'utf8')} octets: ${line}`);
  assert.doesNotMatch(text.replaceAll('\r\n', ''), /[\r\n]/, 'no bare CR or LF');

  const calendar = new ICAL.Component(ICAL.parse(text));
  const check = (component: ICAL.Component) => {
    const allowed = RFC5545_PROPERTIES[component.name];
    assert.ok(allowed, `an RFC 5545 component: ${component.name}`);
    for (const p of component.getAllProperties()) assert.ok(allowed.includes(p.name) || p.name.startsWith('x-'), `${component.name} may not carry ${p.name}`);
    for (const sub of component.getAllSubcomponents()) check(sub);
  };
  check(calendar);
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  assert.ok(calendar.getFirstPropertyValue('prodid'));

  const event = calendar.getFirstSubcomponent('vevent')!;
  for (const once of ['uid', 'dtstamp', 'dtstart', 'dtend', 'sequence', 'summary']) assert.equal(event.getAllProperties(once).length, 1, once);
  // 3.8.7.2: "the value MUST be specified in the UTC time format".
  assert.match(/^DTSTAMP:(.*)$/m.exec(text)![1]!, /^\d{8}T\d{6}Z$/);
  const stamp = (event.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime();
  assert.ok(Math.abs(stamp - before) < 60_000, 'the time the file was written');
  // 3.2.19: a TZID names a VTIMEZONE of the file.
  const tzid = event.getFirstProperty('dtstart')!.getParameter('tzid');
  assert.deepEqual(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')), [tzid]);
  assert.equal(event.getFirstPropertyValue('summary'), 'WAH — a name long enough to be folded across more than one line of the file, with “quotes”, commas, and accents: é à ç', 'folding and escaping round-trip');
});
