// Import schedule: a CSV or .xlsx file of classes read into drafts. Every row
// is reported first — will create, will update (its offering ID is in the
// catalogue), or refused with the reason at the cell — then the rows that can
// be imported are written in one transaction. A row only incomplete for
// publishing becomes an incomplete draft; a row that cannot make a draft (no
// course name, no usable date, an offering ID another row gives to a different
// class) is refused. Questions the file leaves open are asked, not guessed.
import { failure } from '../../../shared/errors';
import { emptyDraft, firstClassDate, publishProblems, type OfferingDraft } from '../../../shared/offering';
import { isOnlineStandard, type StandardKey } from '../../../shared/standards';
import { SCHEDULE_COLUMNS } from '../../../shared/schedule-columns';
import { ImportChoices, type DateOrder, type ImportPreview, type ImportRow, type ScheduleMapping } from '../../../shared/schedule-import';
import { SCHEDULE_FIELDS, type ScheduleField } from '../../../shared/schedule-columns';
import type { Catalogue, Clock } from '../catalogue/catalogue';
import { parseDraft } from '../catalogue/catalogue';
import type { Db } from '../database/schema';
import type { ExchangeStore } from './exchange-store';
import { headingSignature, readCsvTable, UNREADABLE } from './csv-table';
import { unescapeFormula } from './csv-formula';
import { readDate, readDelivery, readHours, readLanguage, readPrice, readTime, readWhole, readYesNo, text, type Cell, type DateReading } from './schedule-values';
import { standardsFor } from './standard-labels';
import { boundedWorkbook } from './xlsx-bounds';
import { fold, foldHeading } from '../../../shared/text';

interface Table {
  kind: 'csv' | 'xlsx';
  sheets: string[];
  sheet: string | null;
  headers: string[];
  rows: { line: number; cells: Cell[] }[];
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function readTable(bytes: Buffer, sheet: string | null): Promise<Table> {
  if (bytes.subarray(0, 4).equals(XLSX_MAGIC)) {
    // Bounded before read-excel-file expands anything: it reads only what was checked.
    const workbook = await boundedWorkbook(bytes);
    let sheets: { sheet: string; data: unknown[][] }[];
    try {
      // Loaded on the first spreadsheet read, not at start (as csv-table's libraries).
      const { default: readXlsxFile } = await import('read-excel-file/node');
      sheets = (await readXlsxFile(workbook)) as unknown as { sheet: string; data: unknown[][] }[];
    } catch {
      throw failure('file-unreadable', 'This spreadsheet cannot be read. Save it again from Excel as .xlsx, or as CSV, and try again.');
    }
    const chosen = sheets.find((s) => s.sheet === sheet) ?? sheets[0];
    if (!chosen) throw failure('file-unreadable', UNREADABLE);
    // An export opened in a spreadsheet and saved as .xlsx can keep the quote that escaped a formula as text.
    const data = (chosen.data as Cell[][]).map((row) => row.map((c) => (typeof c === 'string' ? unescapeFormula(c) : c)));
    const headerIndex = data.findIndex((r) => r.some((c) => text(c) !== ''));
    if (headerIndex < 0) throw failure('file-unreadable', 'This sheet is empty: choose the sheet with the schedule.');
    return {
      kind: 'xlsx',
      sheets: sheets.map((s) => s.sheet),
      sheet: chosen.sheet,
      headers: data[headerIndex]!.map((c) => text(c)),
      rows: data
        .map((cells, i) => ({ line: i + 1, cells }))
        .slice(headerIndex + 1)
        .filter((r) => r.cells.some((c) => text(c) !== '')),
    };
  }
  const csv = await readCsvTable(bytes);
  return { kind: 'csv', sheets: [], sheet: null, headers: csv.headers, rows: csv.rows.map((r) => ({ line: r.line, cells: r.values })) };
}


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


interface ParsedRow {
  line: number;
  offeringId: string;
  courseName: string;
  standardText: string;
  draftPart: Omit<OfferingDraft, 'classDays'>;
  days: { date: string; start: string; end: string }[];
  standardOptions: StandardKey[];
  problems: ImportRow['problems'];
  notes: ImportRow['incomplete'];
  adopted: boolean;
  online: boolean;
  cells: string[];
}

export interface ScheduleImportDeps {
  db: Db;
  catalogue: Catalogue;
  store: ExchangeStore;
  clock: Clock;
  connection: () => 'network' | 'gateway';
}

export function createScheduleImport({ db, catalogue, store, clock, connection }: ScheduleImportDeps) {
  async function analyse(bytes: Buffer, input: ImportChoices) {
    const choices = ImportChoices.parse(input);
    const table = await readTable(bytes, choices.sheet);
    const signature = headingSignature(table.headers);
    const remembered = store.scheduleMapping(signature);
    const mapping: ScheduleMapping = choices.mapping ?? (remembered ? (JSON.parse(remembered) as ScheduleMapping) : guessScheduleMapping(table.headers));
    const heading = (index: number | undefined) => (index === undefined ? '' : (table.headers[index] ?? `#${index + 1}`));
    const col = (field: ScheduleField) => heading(mapping.fields[field]);
    const cellOf = (cells: Cell[], field: ScheduleField): Cell => (mapping.fields[field] === undefined ? undefined : cells[mapping.fields[field]!]);

    // Dates that fit both orders are read as the file proves, or as the user says.
    // Each date cell is read once: its reading both proves the order and makes the class day.
    const readings = table.rows.map((r) => mapping.dates.map((c) => ({ column: c, raw: r.cells[c], reading: readDate(r.cells[c]) })));
    const all = readings.flat().map((d) => d.reading);
    const proof = all.find((d): d is Extract<DateReading, { proves: DateOrder }> => d !== null && 'proves' in d);
    const proven: DateOrder | null = proof?.proves ?? null;
    const ambiguousSeen = all.some((d) => d !== null && 'ambiguous' in d);
    const order = choices.dateOrder ?? proven;

    const parsed: ParsedRow[] = table.rows.map(({ line, cells }, rowIndex) => {
      const problems: ImportRow['problems'] = [];
      const notes: ImportRow['incomplete'] = [];
      const courseName = text(cellOf(cells, 'courseName'));
      if (courseName === '') problems.push({ column: col('courseName') || SCHEDULE_COLUMNS[1], code: 'import.noCourseName', message: 'This row has no course name.' });
      const delivery = readDelivery(cellOf(cells, 'delivery'));
      const language = readLanguage(cellOf(cells, 'language'));
      const standardText = text(cellOf(cells, 'standard'));
      const settled = choices.standards[standardText];
      const candidates = standardText === '' ? [] : standardsFor(standardText, { delivery, language });
      const options = settled && candidates.includes(settled) ? [settled] : candidates;
      if (standardText !== '' && options.length === 0) notes.push({ path: 'trainingStandardKey', code: 'import.standardUnknown', message: `“${standardText.slice(0, 60)}” is not a training standard Offering Desk knows.` });
      const standard = options.length === 1 ? options[0]! : '';
      const online = delivery === 'online' || (standard !== '' && isOnlineStandard(standard));

      const days: ParsedRow['days'] = [];
      const start = readTime(cellOf(cells, 'start'));
      const end = readTime(cellOf(cells, 'end'));
      if (text(cellOf(cells, 'start')) !== '' && start === null) notes.push({ path: 'classDays', code: 'import.timeUnreadable', message: `“${text(cellOf(cells, 'start'))}” is not a time.` });
      if (text(cellOf(cells, 'end')) !== '' && end === null) notes.push({ path: 'classDays', code: 'import.timeUnreadable', message: `“${text(cellOf(cells, 'end'))}” is not a time.` });
      for (const { column: c, raw, reading } of readings[rowIndex]!) {
        if (text(raw) === '') continue;
        if (reading === null) {
          problems.push({ column: heading(c), code: 'import.dateUnreadable', message: `“${text(raw).slice(0, 40)}” is not a date Offering Desk can read.` });
          continue;
        }
        if ('ambiguous' in reading) {
          if (order === null) {
            problems.push({ column: heading(c), code: 'import.dateOrder', message: 'Choose how to read dates such as 05/04/2027 (day first or month first).' });
            continue;
          }
          days.push({ date: reading.ambiguous[order === 'dmy' ? 0 : 1], start: start ?? '', end: end ?? '' });
        } else days.push({ date: reading.date, start: start ?? '', end: end ?? '' });
      }
      if (!online && days.length === 0 && !problems.some((p) => p.code.startsWith('import.date'))) {
        problems.push({ column: heading(mapping.dates[0]) || 'Date', code: 'import.noDate', message: 'This row has no usable class date.' });
      }
      const priceText = text(cellOf(cells, 'price'));
      const priceReading = readPrice(cellOf(cells, 'price'));
      const price = priceReading.ok ? priceReading.value : null;
      if (!priceReading.ok) {
        notes.push(
          priceReading.code === 'number.ambiguous'
            ? { path: 'price', code: 'import.priceAmbiguous', message: `“${priceText.slice(0, 30)}” can be read as thousands or as decimals.` }
            : { path: 'price', code: 'import.priceUnreadable', message: `“${priceText.slice(0, 30)}” is not a price.` },
        );
      }
      const seats = readWhole(cellOf(cells, 'seats'));
      const province = text(cellOf(cells, 'province')).toUpperCase();
      const base = emptyDraft(online ? 'online' : 'class');
      const draftPart: ParsedRow['draftPart'] = {
        ...base,
        offeringId: text(cellOf(cells, 'offeringId')),
        trainingStandardKey: standard,
        courseName,
        seatsRemaining: online ? null : seats,
        contactForPricing: readYesNo(cellOf(cells, 'contactForPricing')) ?? false,
        price,
        address: online
          ? base.address
          : { street: text(cellOf(cells, 'street')), extended: text(cellOf(cells, 'extended')), city: text(cellOf(cells, 'city')), province: province === '' ? 'ON' : province.slice(0, 2), postalCode: text(cellOf(cells, 'postalCode')) },
        registrationUrl: text(cellOf(cells, 'registrationUrl')),
        virtualClassUrl: text(cellOf(cells, 'virtualClassUrl')),
        courseDurationHours: online ? readHours(cellOf(cells, 'courseDuration')) : null,
      };
      const adopted = choices.adoptAll || readYesNo(cellOf(cells, 'listed')) === true;
      return { line, offeringId: draftPart.offeringId, courseName, standardText, draftPart, days, standardOptions: candidates, problems, notes, adopted, online, cells: cells.map((c) => text(c)) };
    });

    // Rows sharing an offering ID are one class; they must agree on what class it is.
    const groups = new Map<string, ParsedRow[]>();
    for (const r of parsed) {
      const key = r.offeringId === '' ? `\u0000${r.line}` : r.offeringId.toLowerCase();
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const rows: ImportRow[] = [];
    const offerings: { draft: OfferingDraft; existing: string | null; adopted: boolean }[] = [];
    const now = clock.now();
    let similarCount = 0;
    // The form's own test of a copy (copyCheck): a class of this standard already starts on this day in this city.
    const looksKnown = (draft: OfferingDraft): boolean => {
      const firstDate = draft.kind === 'class' ? firstClassDate(draft) : undefined;
      if (draft.kind !== 'class' || draft.trainingStandardKey === '' || !firstDate || draft.address.city.trim() === '') return false;
      return catalogue.store.similar({ standardKey: draft.trainingStandardKey, firstDate, citySort: fold(draft.address.city) });
    };
    for (const group of groups.values()) {
      const first = group[0]!;
      const conflict = group.some((r) => foldHeading(r.courseName) !== foldHeading(first.courseName) || foldHeading(r.standardText) !== foldHeading(first.standardText));
      if (conflict) for (const r of group) r.problems.push({ column: col('offeringId'), code: 'import.idConflict', message: `Another row gives the offering ID “${first.offeringId}” to a different class.` });
      const existingId = first.offeringId === '' ? undefined : catalogue.store.rowIdOf(first.offeringId);
      const existing = existingId === undefined ? null : catalogue.row(existingId);
      if (existing?.trashed_at) for (const r of group) r.problems.push({ column: col('offeringId'), code: 'import.inTrash', message: 'An offering with this ID is in the Trash: restore it, or give this row another ID.' });
      const days = group.flatMap((r) => r.days).sort((a, b) => a.date.localeCompare(b.date));
      const draft: OfferingDraft = { ...first.draftPart, classDays: first.online ? [] : days };
      const merged = existing ? { ...parseDraft(existing), ...draft } : draft;
      const similar = existing === null && !group.some((r) => r.problems.length > 0) && looksKnown(draft);
      if (similar) {
        similarCount++;
        if (choices.similar === null) for (const r of group) r.problems.push({ column: col('city') || col('courseName'), code: 'import.similar', message: 'An offering of this standard already starts on this day in this city: choose above whether to import such rows.' });
      }
      const refused = group.some((r) => r.problems.length > 0);
      const skip = !refused && similar && choices.similar === 'skip';
      const adopted = group.some((r) => r.adopted) && (existing === null || existing.listed === null);
      // A row without an offering ID gets one when it is written, as a new draft does.
      const incomplete = refused || skip ? [] : [...group.flatMap((r) => r.notes), ...publishProblems(merged, { now, idMadeOnSave: true })];
      const action = refused ? 'refused' : skip ? 'skip' : existing ? 'update' : 'create';
      for (const r of group) {
        rows.push({ line: r.line, action, offeringId: r.offeringId, courseName: r.courseName, problems: r.problems, incomplete, adopted: action !== 'refused' && action !== 'skip' && adopted, similar, cells: refused ? r.cells : [] });
      }
      if (!refused && !skip) offerings.push({ draft: merged, existing: existing?.id ?? null, adopted });
    }
    rows.sort((a, b) => a.line - b.line);

    const standardQuestions = new Map<string, StandardKey[]>();
    for (const r of parsed) if (r.standardOptions.length > 1) standardQuestions.set(r.standardText, r.standardOptions);
    const preview: ImportPreview = {
      kind: table.kind,
      sheets: table.sheets,
      sheet: table.sheet,
      headers: table.headers,
      mapping,
      remembered: choices.mapping === null && remembered !== null,
      sample: table.rows.slice(0, 5).map((r) => r.cells.map((c) => text(c))),
      questions: {
        dateOrder: { needed: ambiguousSeen && choices.dateOrder === null, suggested: proven },
        standards: [...standardQuestions].map(([label, options]) => ({ label, options })),
        similar: { needed: similarCount > 0 && choices.similar === null, count: similarCount },
      },
      rows,
      offerings: { create: offerings.filter((o) => o.existing === null).length, update: offerings.filter((o) => o.existing !== null).length },
    };
    return { preview, offerings, signature, mapping };
  }

  return {
    preview: async (bytes: Buffer, choices: ImportChoices) => (await analyse(bytes, choices)).preview,
    /** Writes every importable offering, or none: one transaction. Adopted ones are recorded as listed, so their first Publish is a full patch. */
    async importFile(bytes: Buffer, choices: ImportChoices): Promise<{ created: number; updated: number; skipped: number; refused: number; adopted: number; ids: string[] }> {
      const { preview, offerings, signature, mapping } = await analyse(bytes, choices);
      const ids = db.transaction(() => {
        const written = offerings.map(({ draft, existing, adopted }) => {
          const record = catalogue.save(existing, draft);
          if (adopted) catalogue.adopt(record.id, connection());
          return record.id;
        });
        store.saveScheduleMapping(signature, JSON.stringify(mapping));
        return written;
      }).immediate();
      return {
        created: preview.offerings.create,
        updated: preview.offerings.update,
        skipped: preview.rows.filter((r) => r.action === 'skip').length,
        refused: preview.rows.filter((r) => r.action === 'refused').length,
        adopted: offerings.filter((o) => o.adopted).length,
        ids,
      };
    },
  };
}

export type ScheduleImport = ReturnType<typeof createScheduleImport>;

