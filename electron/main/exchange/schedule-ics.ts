// Export calendar (.ics): one event per class day in Ontario time (TZID with
// its VTIMEZONE), written by ical-generator. Each class day's UID is stable
// (the offering's row id and the day's place), and SEQUENCE is the offering's
// revision, so importing an updated file updates the events instead of adding new ones.
// ical-generator is loaded on the first calendar export, not at start.
import { TZDate } from '@date-fns/tz';
import type { OfferingDraft } from '../../../shared/offering';
import { ONTARIO_ZONE, ontarioToUtc, isDate, isTime } from '../../../shared/time';

/**
 * Ontario's rules since 2007 (second Sunday of March, first Sunday of
 * November, at 2:00), as calendar apps expect them beside a TZID. Fixed data,
 * not a time-zone database: the rules change only by law, and then here.
 */
const TORONTO_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${ONTARIO_ZONE}`,
  `X-LIC-LOCATION:${ONTARIO_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'TZNAME:EDT',
  'DTSTART:20070311T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'TZNAME:EST',
  'DTSTART:20071104T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export interface CalendarOffering {
  rowId: string;
  revision: number;
  draft: OfferingDraft;
}

function locationOf(draft: OfferingDraft): string {
  const a = draft.address;
  const place = [a.street, a.extended, a.city, a.province, a.postalCode].map((p) => p.trim()).filter(Boolean).join(', ');
  return place || draft.virtualClassUrl.trim();
}

export async function scheduleIcs(offerings: readonly CalendarOffering[]): Promise<{ text: string; events: number }> {
  const { default: ical, ICalCalendarMethod } = await import('ical-generator');
  const calendar = ical({ name: 'Offering Desk', prodId: { company: 'Offering Desk', product: 'Offering Desk', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  // The zone is the events' own (each has its TZID), not the calendar's: ical-generator writes DTSTAMP in the
  // calendar's zone, without Z, where RFC 5545 (3.8.7.2) requires UTC. The generator still adds the VTIMEZONE.
  calendar.timezone({ name: null, generator: (zone) => (zone === ONTARIO_ZONE ? TORONTO_VTIMEZONE : null) });
  let events = 0;
  for (const { rowId, revision, draft } of offerings) {
    if (draft.kind !== 'class') continue;
    const days = draft.classDays.filter((d) => isDate(d.date) && isTime(d.start) && isTime(d.end));
    days.forEach((d, index) => {
      const description = [draft.registrationUrl.trim() && `Registration: ${draft.registrationUrl.trim()}`, draft.virtualClassUrl.trim() && `Virtual class: ${draft.virtualClassUrl.trim()}`, `Offering ID: ${draft.offeringId}`, days.length > 1 ? `Day ${index + 1} of ${days.length}` : '']
        .filter(Boolean)
        .join('\n');
      calendar.createEvent({
        id: `${rowId}-day-${index + 1}@offering-desk`,
        sequence: revision,
        // A TZDate, not a Date: ical-generator then writes Ontario's wall time, whatever zone this computer is in.
        start: new TZDate(Date.parse(ontarioToUtc(d.date, d.start)), ONTARIO_ZONE),
        end: new TZDate(Date.parse(ontarioToUtc(d.date, d.end)), ONTARIO_ZONE),
        timezone: ONTARIO_ZONE,
        summary: draft.courseName.trim() || draft.offeringId,
        location: locationOf(draft),
        description,
        ...(draft.registrationUrl.trim() ? { url: draft.registrationUrl.trim() } : {}),
      });
      events++;
    });
  }
  // RFC 5545 3.1: every content line ends with CRLF, the last one too (ical-generator leaves it off).
  const text = calendar.toString();
  return { text: text.endsWith('\r\n') ? text : `${text}\r\n`, events };
}
