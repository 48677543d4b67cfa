// A roster file a registration website exported: its columns guessed from
// their headings (English or French) and its rows read as learners. The CSV
// itself is read by exchange/csv-table.ts. Pure: no I/O.
import { ROSTER_COLUMNS, EMPTY_LEARNER, type LearnerDetails, type RosterColumn, type RosterMapping } from '../../../shared/learner';
import { readCsvTable, decodeText, type CsvTable } from '../exchange/csv-table';
import { foldHeading } from '../../../shared/text';

export { decodeText };
export type RosterTable = CsvTable;
/** A roster file is a CSV table (see exchange/csv-table.ts). */
export const readRosterFile = readCsvTable;


/** Header names registration sites use, in English and French, folded (no case, accents or punctuation). */
const HEADER_NAMES: Record<RosterColumn, string[]> = {
  firstName: ['firstname', 'first', 'givenname', 'prenom'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'nom', 'nomdefamille'],
  email: ['email', 'emailaddress', 'personalemail', 'courriel', 'adressecourriel', 'courrielpersonnel', 'adressedecourriel'],
  birthYear: ['yearofbirth', 'birthyear', 'anneedenaissance', 'dateofbirth', 'dob', 'datedenaissance', 'birthdate'],
  mobilePhone: ['mobile', 'mobilephone', 'cell', 'cellphone', 'cellulaire', 'telephonecellulaire', 'telcellulaire'],
  homePhone: ['homephone', 'phone', 'telephone', 'telephonedomicile', 'teldomicile'],
  'address.street': ['address', 'street', 'streetaddress', 'adresse', 'rue', 'address1'],
  'address.extended': ['unit', 'apt', 'suite', 'address2', 'appartement', 'app'],
  'address.city': ['city', 'town', 'ville', 'municipalite'],
  'address.province': ['province', 'prov', 'provinceterritory', 'region'],
  'address.postalCode': ['postalcode', 'postal', 'codepostal', 'zip', 'zipcode'],
  learnerId: ['learnerid', 'id', 'studentid', 'registrationid', 'identifiant', 'numerodapprenant', 'idapprenant'],
  employerName: ['employer', 'company', 'employername', 'employeur', 'entreprise', 'nomdelemployeur'],
  employerContact: ['employercontact', 'supervisor', 'contactemployeur', 'superviseur', 'contactdelemployeur'],
};

export function guessMapping(headers: readonly string[]): RosterMapping {
  const mapping: RosterMapping = {};
  const folded = headers.map(foldHeading);
  for (const column of ROSTER_COLUMNS) {
    const index = folded.findIndex((h, i) => HEADER_NAMES[column].includes(h) && !Object.values(mapping).includes(i));
    if (index >= 0) mapping[column] = index;
  }
  return mapping;
}

/** `1995`, or the year of a date of birth (`1995-04-03`, `03/04/1995`): only the year is kept. */
export function birthYearOf(value: string): number | null | 'invalid' {
  const v = value.trim();
  if (v === '') return null;
  const year = /^(\d{4})$/.exec(v) ?? /^(\d{4})[-/.]\d{1,2}[-/.]\d{1,2}$/.exec(v) ?? /^\d{1,2}[-/.]\d{1,2}[-/.](\d{4})$/.exec(v);
  return year ? Number(year[1]) : 'invalid';
}

/** One row as learner details; the birth year is reported apart when it is not a year. */
export function rowToDetails(values: readonly string[], mapping: RosterMapping): { details: LearnerDetails; badYear: boolean } {
  const cell = (column: RosterColumn) => {
    const index = mapping[column];
    return index === undefined ? '' : (values[index] ?? '').trim();
  };
  const year = birthYearOf(cell('birthYear'));
  const province = cell('address.province').toUpperCase();
  return {
    badYear: year === 'invalid',
    details: {
      ...EMPTY_LEARNER,
      firstName: cell('firstName'),
      lastName: cell('lastName'),
      email: cell('email'),
      birthYear: year === 'invalid' ? null : year,
      mobilePhone: cell('mobilePhone'),
      homePhone: cell('homePhone'),
      address: { street: cell('address.street'), extended: cell('address.extended'), city: cell('address.city'), province: province === '' ? 'ON' : province, postalCode: cell('address.postalCode') },
      learnerId: cell('learnerId'),
      employerName: cell('employerName'),
      employerContact: cell('employerContact'),
    },
  };
}
