// Reading a roster file a registration website exported: bytes → text (UTF-8
// with or without BOM, else Windows-1252), comma or semicolon, quoted fields,
// blank lines — by csv-parse and iconv-lite, not by hand. Pure: no I/O.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { failure } from '../../../shared/errors';
import { ROSTER_COLUMNS, EMPTY_LEARNER, type LearnerDetails, type RosterColumn, type RosterMapping } from '../../../shared/learner';

export interface RosterTable {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';';
  headers: string[];
  /** Data rows with their line as a spreadsheet numbers it (header = 1). */
  rows: { line: number; values: string[] }[];
}

const UNREADABLE = 'This file is not a roster Offering Desk can read: save it from the spreadsheet as CSV (comma or semicolon separated) and try again.';

export function decodeText(bytes: Buffer): { text: string; encoding: RosterTable['encoding'] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Excel on Windows saves "CSV" in the ANSI code page. iconv-lite maps 0x80–0x9F (’ — €) as Windows does.
    return { text: iconv.decode(bytes, 'win1252'), encoding: 'windows-1252' };
  }
}

/** The separator of the header line: semicolons (French-Canadian Excel) or commas. */
function delimiterOf(text: string): ',' | ';' {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const count = (c: string) => first.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export function readRosterFile(bytes: Buffer): RosterTable {
  if (bytes.includes(0)) throw failure('file-unreadable', UNREADABLE);
  const { text, encoding } = decodeText(bytes);
  const delimiter = delimiterOf(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, info: true, trim: true }) as unknown as typeof records;
  } catch {
    throw failure('file-unreadable', UNREADABLE);
  }
  const [header, ...data] = records;
  if (!header || header.record.length < 2) throw failure('file-unreadable', UNREADABLE);
  // csv-parse gives the text line a record ends on. A spreadsheet shows a quoted
  // line break inside a cell as one row, so those breaks (this record's and
  // every earlier one's) are taken off to give the row number staff see.
  let breaksBefore = 0;
  const rows = data.map((r) => {
    const inner = r.record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    const line = r.info.lines - inner - breaksBefore;
    breaksBefore += inner;
    return { line, values: r.record };
  });
  return { encoding, delimiter, headers: header.record, rows };
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');

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
  const folded = headers.map(fold);
  for (const column of ROSTER_COLUMNS) {
    const index = folded.findIndex((h, i) => HEADER_NAMES[column].includes(h) && !Object.values(mapping).includes(i));
    if (index >= 0) mapping[column] = index;
  }
  return mapping;
}

/** The key a mapping is remembered under: the file's headers, folded, in order. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(fold).join('|');
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
