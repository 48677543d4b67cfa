// At start, every stored offering is checked against the schema it was written
// with, a few hundred rows per turn of the event loop. The hot paths trust
// stored rows (the catalogue validated them on write), so a row damaged outside
// the app — a disk fault, a hand edit, an old backup restored — is found here,
// held back from publishing and shown as needing attention: never sent.
import { OfferingDraft, publishProblems } from '../../../shared/offering';
import type { AppError, FieldError } from '../../../shared/errors';
import { StoredListing } from '../marketplace/wire';
import type { OfferingRow, OfferingsStore } from './offerings-store';
import type { AppLog } from '../platform/logging';

/**
 * Rows checked per turn, so no other call waits long: at 100,000 offerings a turn of 100 takes ~9 ms at p99
 * (reading the drafts costs more than parsing them); 400 took 30–37 ms, for the same 2.4 s in all.
 */
const BATCH = 100;

/**
 * How long the walk waits after start. At 100,000 offerings it is ~2.5 s of
 * parsing; run while the window loads, it shared a 2-core machine's CPU with
 * the window's first frame, whose first row came 740 ms after the start of
 * navigation instead of 592 (median of 7, #10). Nothing is sent before its
 * check regardless: the queue asks `holdIfDamaged` before each send.
 */
export const WALK_DELAY_MS = 3000;

/**
 * Why a stored row cannot be trusted, as the error to keep on it, or null.
 * Pure: the text of the row in, an error out; never throws.
 */
export function damage(row: { draft: string; listed: string | null }): AppError | null {
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  };
  const json = parse(row.draft);
  if (json === undefined) return damagedError('its details are not readable');
  const draft = OfferingDraft.safeParse(json);
  if (!draft.success) {
    // The fields named on the form (left empty there: see draft-reading `openableDraft`), once each.
    const paths = [...new Set(draft.error.issues.map((i) => i.path.map(String).join('.') || 'offeringId'))];
    return { ...damagedError('its details do not fit the offering form'), fields: paths.map((path) => ({ path, code: 'invalid', message: 'Check this field.' })) };
  }
  if (row.listed !== null) {
    const listed = parse(row.listed);
    if (listed === undefined) return damagedError('the record of what is listed is not readable');
    if (!StoredListing.safeParse(listed).success) {
      // What an earlier version accepted and published, that today's rules refuse (a link with a
      // password in it, say): kept as it is, held, and the fields to correct named on the form.
      const fields = publishProblems(draft.data);
      return fields.length > 0 ? listingRefusedError(fields) : damagedError('the record of what is listed does not fit the Marketplace’s rules');
    }
  }
  return null;
}

export const damagedError = (reason: string): AppError => ({
  code: 'damaged-offering',
  message: `This offering’s stored record is damaged (${reason}), so it was not sent. Open it, check every field and publish it again.`,
});

export const listingRefusedError = (fields: FieldError[]): AppError => ({
  code: 'listing-refused',
  message: `An earlier version of Offering Desk published this offering, but today’s rules refuse what was published (${fields.map((f) => f.message).join(' ')}). It is kept as it was and was not sent again: correct the fields marked and publish it again.`,
  fields,
});

export interface IntegrityReport {
  checked: number;
  damaged: string[];
}

/**
 * After `delayMs`, walks the whole table in steps; resolves with what it found.
 * A row the queue is about to send is checked then (`holdIfDamaged`), walked or
 * not: the rows waiting at start were checked all at once before the queue
 * started, which held the main process ~1.5 s with 53,000 waiting (#10).
 * `stop()` ends the walk early (the app is closing).
 */
export function checkStoredOfferings(
  store: OfferingsStore,
  log: AppLog,
  { batch = BATCH, delayMs = WALK_DELAY_MS } = {},
): { done: Promise<IntegrityReport>; stop(): void; holdIfDamaged(row: Pick<OfferingRow, 'id' | 'seq' | 'offering_id' | 'draft' | 'listed'>): boolean } {
  let stopped = false;
  let walked = false;
  let after = 0;
  let finish: () => void = () => {};
  let timer: ReturnType<typeof setTimeout> | null = null;
  const report: IntegrityReport = { checked: 0, damaged: [] };
  const held = new Set<string>();
  const check = (row: { id: string; offering_id: string; draft: string; listed: string | null }) => {
    const error = held.has(row.id) ? null : damage(row);
    if (error === null) return;
    held.add(row.id);
    report.damaged.push(row.offering_id);
    store.update(row.id, { held: 1, needs_attention: 1, error: JSON.stringify(error) });
  };
  const done = new Promise<IntegrityReport>((resolve) => {
    finish = () => resolve(report);
    const step = () => {
      if (stopped) return resolve(report);
      const rows = store.batchAfter(after, batch);
      for (const row of rows) check(row);
      report.checked += rows.length;
      after = rows.at(-1)?.seq ?? after;
      if (rows.length === batch) return void setImmediate(step);
      walked = true;
      // Offering ids only: they are the provider's own codes, never a learner's data.
      if (report.damaged.length > 0) log.warn(`integrity check: ${report.damaged.length} of ${report.checked} offerings damaged, held from publishing: ${report.damaged.slice(0, 20).join(', ')}`);
      else log.info(`integrity check: ${report.checked} offerings, none damaged`);
      resolve(report);
    };
    timer = setTimeout(step, delayMs);
  });
  return {
    done,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      finish();
    },
    /**
     * For the queue, before it sends a row: a row the walk has not reached yet
     * (it waits, then takes seconds at 100,000) is checked now, and held if damaged.
     * Sound ones are not remembered: with 53,000 queued at start, a set of their ids kept
     * the main process at 157 MB settled instead of 120 (bench/main-rss), for parses of ~0.1 ms.
     */
    holdIfDamaged(row) {
      if (walked || row.seq <= after) return false;
      check(row);
      return held.has(row.id);
    },
  };
}
