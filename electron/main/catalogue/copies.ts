// New offerings from one already in the catalogue: "Run again", "Repeat
// weekly" and the bulk "Copy to new dates", each a new draft whose class days
// keep their spacing; and the check for a likely duplicate before any is made.
import { failure } from '../../../shared/errors';
import { copyStarts, firstClassDate } from '../../../shared/offering';
import type { OfferingRecord } from '../../../shared/ipc';
import { addDays, daysBetween, isDate } from '../../../shared/time';
import { parseDraft } from './draft-reading';
import { recordOf, rowOf, writeDraft, type CatalogueCore } from './draft-writing';

export function createCopies(core: CatalogueCore) {
  const { db, store } = core;

  /** New drafts from `id`: the first starts on firstFor(its first class date), the others a week apart each. */
  function copies(id: string, firstFor: (origin: string) => string, weeks: number, every = 1, weekdays: readonly number[] = []): OfferingRecord[] {
    const source = parseDraft(rowOf(store, id));
    // An online course has no dates: "copy" is simply a new draft like it.
    if (source.kind === 'online') return db.transaction(() => [recordOf(core, writeDraft(core, null, { ...source, offeringId: '' }))]).immediate();
    const origin = firstClassDate(source);
    if (origin === undefined) {
      throw failure('validation', 'Give the offering its class days before copying it to new dates.', {
        fields: [{ path: 'classDays', code: 'classDays.required', message: 'Add at least one class day.' }],
      });
    }
    return db.transaction(() =>
      copyStarts(firstFor(origin), weeks, every, weekdays).map((start) => {
        const shift = daysBetween(origin, start);
        const classDays = source.classDays.map((d) => (isDate(d.date) ? { ...d, date: addDays(d.date, shift) } : d));
        return recordOf(core, writeDraft(core, null, { ...source, offeringId: '', classDays }));
      }),
    ).immediate();
  }

  return {
    /**
     * "Run again" (weeks = 1) and "Repeat weekly": new drafts whose class days
     * keep their spacing, the first on `firstDate`, then one week apart.
     */
    duplicate(id: string, firstDate: string, weeks: number, every = 1, weekdays: readonly number[] = []): OfferingRecord[] {
      if (!isDate(firstDate)) throw failure('validation', `“${firstDate}” is not a date.`, { fields: [{ path: 'firstDate', code: 'date.invalid', message: 'Enter a date.' }] });
      return copies(id, () => firstDate, weeks, every, weekdays);
    },
    /** Bulk "Copy to new dates": copies of `ids` whose class days all move by `days`; all or none, one transaction. */
    copyShifted(ids: string[], days: number): OfferingRecord[] {
      return db.transaction(() => ids.flatMap((id) => copies(id, (origin) => addDays(origin, days), 1))).immediate();
    },
    /**
     * A likely duplicate has the same standard, first class day and city.
     * Asked with `starts`: which of those first days already have a class like
     * this one (the Repeat preview, as it changes). Asked with none: the first
     * week after this offering's own first day free of one, and whether a
     * never-listed offering already has such a twin (asked once, not per preview).
     * Read from the list columns: no draft is parsed.
     */
    copyCheck(id: string, starts: string[]): { clashes: string[]; nextFree: string | null; twin: boolean } {
      const r = rowOf(store, id);
      const taken = (start: string, except?: string) => store.similar({ standardKey: r.standard_key, firstDate: start, citySort: r.city_sort, except });
      if (starts.length > 0) return { clashes: starts.filter((start) => isDate(start) && taken(start)), nextFree: null, twin: false };
      const origin = r.first_date;
      if (origin === null) return { clashes: [], nextFree: null, twin: false };
      let nextFree: string | null = null;
      for (let week = 1; week <= 52 && nextFree === null; week++) if (!taken(addDays(origin, 7 * week))) nextFree = addDays(origin, 7 * week);
      return { clashes: [], nextFree, twin: r.listed === null && taken(origin, id) };
    },
  };
}
