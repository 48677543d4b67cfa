// Which column of a schedule file holds which field: guessed from headings
// (English or French, folded), and then read through: a field's cell in a
// row, and the heading to name in a problem.
import type { ScheduleMapping } from '../../../shared/schedule-import';
import { SCHEDULE_FIELDS, type ScheduleField } from '../../../shared/schedule-columns';
import { foldHeading } from '../../../shared/text';
import type { Cell } from './schedule-values';

/** Headings spreadsheets use, English and French, folded; the export's own headings first. */
const HEADINGS: Record<ScheduleField, string[]> = {
  offeringId: ['offeringid', 'id', 'classid', 'identifiant', 'identifiantdelaseance', 'noseance'],
  courseName: ['coursename', 'course', 'title', 'nomducours', 'cours', 'titre'],
  standard: ['trainingstandard', 'standard', 'program', 'normedeformation', 'norme', 'programme'],
  delivery: ['delivery', 'deliverymethod', 'format', 'modedeprestation', 'mode'],
  language: ['language', 'langue'],
  start: ['start', 'starttime', 'from', 'debut', 'heurededebut'],
  end: ['end', 'endtime', 'to', 'fin', 'heuredefin'],
  seats: ['seatsremaining', 'seats', 'places', 'placesrestantes', 'capacity', 'capacite'],
  price: ['price', 'cost', 'fee', 'prix', 'cout', 'tarif'],
  contactForPricing: ['contactforpricing', 'prixsurdemande'],
  street: ['streetaddress', 'address', 'street', 'adresse', 'rue'],
  extended: ['apartmentorunit', 'unit', 'suite', 'room', 'address2', 'local', 'salle'],
  city: ['city', 'town', 'ville', 'municipalite'],
  province: ['province', 'prov'],
  postalCode: ['postalcode', 'postal', 'codepostal'],
  registrationUrl: ['registrationurl', 'registration', 'registrationlink', 'lieninscription', 'liendinscription', 'inscription', 'urlinscription'],
  virtualClassUrl: ['virtualclassurl', 'virtualurl', 'meetinglink', 'lienvirtuel', 'lienduclassevirtuel'],
  courseDuration: ['coursedurationhours', 'courseduration', 'duration', 'hours', 'duree', 'dureeheures'],
  listed: ['alreadylistedonthemarketplace', 'listed', 'alreadylisted', 'dejaaffiche', 'dejaaffichesurlemarketplace'],
};
const DATE_HEADINGS = ['date', 'day', 'classdate', 'startdate', 'jour', 'datedecours'];

export function guessScheduleMapping(headers: readonly string[]): ScheduleMapping {
  const folded = headers.map(foldHeading);
  const used = new Set<number>();
  const fields: ScheduleMapping['fields'] = {};
  for (const field of SCHEDULE_FIELDS) {
    const i = folded.findIndex((h, index) => !used.has(index) && HEADINGS[field].includes(h));
    if (i >= 0) {
      fields[field] = i;
      used.add(i);
    }
  }
  // "Date", "Date 1", "Day 2", "Jour 3"…: every date column, in order.
  const dates = folded.flatMap((h, i) => (!used.has(i) && DATE_HEADINGS.some((d) => h === d || new RegExp(`^${d}\\d+$`).test(h)) ? [i] : []));
  return { fields, dates };
}

/** The mapping read through a table's headings: a column's heading, a field's heading, a field's cell of a row. */
export function columnsOf(headers: readonly string[], mapping: ScheduleMapping) {
  const heading = (index: number | undefined) => (index === undefined ? '' : (headers[index] ?? `#${index + 1}`));
  return {
    heading,
    col: (field: ScheduleField) => heading(mapping.fields[field]),
    cellOf: (cells: Cell[], field: ScheduleField): Cell => (mapping.fields[field] === undefined ? undefined : cells[mapping.fields[field]!]),
  };
}

export type Columns = ReturnType<typeof columnsOf>;
