// Import schedule: a CSV or .xlsx file of classes read into drafts. Every row
// is reported first — will create, will update (its offering ID is in the
// catalogue), or refused with the reason at the cell — then the rows that can
// be imported are written in one transaction. A row only incomplete for
// publishing becomes an incomplete draft; a row that cannot make a draft (no
// course name, no usable date, an offering ID another row gives to a different
// class) is refused. Questions the file leaves open are asked, not guessed.
// Its parts: the file as a table (schedule-table), its columns
// (schedule-mapping), each row read (schedule-rows), the rows as offerings
// (schedule-offerings); this composes them and writes.
import type { StandardKey } from '../../../shared/standards';
import { ImportChoices, type ImportPreview, type ScheduleMapping } from '../../../shared/schedule-import';
import type { Catalogue, Clock } from '../catalogue/catalogue';
import type { Db } from '../database/schema';
import type { ExchangeStore } from './exchange-store';
import { headingSignature } from './csv-table';
import { text } from './schedule-values';
import { readScheduleTable } from './schedule-table';
import { columnsOf, guessScheduleMapping } from './schedule-mapping';
import { parseRow, readDates } from './schedule-rows';
import { planOfferings } from './schedule-offerings';

export { guessScheduleMapping };

export interface ScheduleImportDeps {
  db: Db;
  catalogue: Catalogue;
  store: ExchangeStore;
  clock: Clock;
  connection: () => 'network' | 'gateway';
}

/** The file read with the user's choices: its preview, the offerings it would write, and the mapping to remember. */
async function analyse({ catalogue, store, clock }: Pick<ScheduleImportDeps, 'catalogue' | 'store' | 'clock'>, bytes: Buffer, input: ImportChoices) {
  const choices = ImportChoices.parse(input);
  const table = await readScheduleTable(bytes, choices.sheet);
  const signature = headingSignature(table.headers);
  const remembered = store.scheduleMapping(signature);
  const mapping: ScheduleMapping = choices.mapping ?? (remembered ? (JSON.parse(remembered) as ScheduleMapping) : guessScheduleMapping(table.headers));
  const columns = columnsOf(table.headers, mapping);
  const { readings, proven, ambiguousSeen } = readDates(table, mapping);
  const order = choices.dateOrder ?? proven;
  const parsed = table.rows.map((row, rowIndex) => parseRow(row, readings[rowIndex]!, columns, mapping, choices, order));
  const { rows, offerings, similarCount } = planOfferings(parsed, catalogue, columns, choices, clock.now());

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

export function createScheduleImport(deps: ScheduleImportDeps) {
  const { db, catalogue, store, connection } = deps;
  return {
    preview: async (bytes: Buffer, choices: ImportChoices) => (await analyse(deps, bytes, choices)).preview,
    /** Writes every importable offering, or none: one transaction. Adopted ones are recorded as listed, so their first Publish is a full patch. */
    async importFile(bytes: Buffer, choices: ImportChoices): Promise<{ created: number; updated: number; skipped: number; refused: number; adopted: number; ids: string[] }> {
      const { preview, offerings, signature, mapping } = await analyse(deps, bytes, choices);
      // The catalogue's writes and the exchange's remembered mapping, together.
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
