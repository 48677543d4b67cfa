// The catalogue's rules over an offering as stored, each written once: in
// TypeScript for a row or draft in hand and, where SQL must evaluate it over
// many rows (a filter, a count, one statement that queues thousands), as SQL
// over the list columns beside it. tests/catalogue/row-rules.test.ts holds each
// pair to the same answers. SQL fragments read `@now` as an ISO UTC timestamp.
import { publishProblems, type OfferingDraft } from '../../../shared/offering';
import type { FieldError } from '../../../shared/errors';
import type { ConnectionKind } from '../../../shared/connection';
import type { OfferingStatus } from '../../../shared/ipc';

/** A list of statuses as SQL, each checked against the shared list (shared/list-values) by the compiler. */
export const statusesSql = (...statuses: OfferingStatus[]): string => statuses.map((s) => `'${s}'`).join(', ');

/** Every class day has ended by `now` (ISO UTC): a draft without complete days is not past. */
export function isPast(row: { last_end_utc: string | null }, now: string): boolean {
  return row.last_end_utc !== null && row.last_end_utc <= now;
}
export const PAST_SQL = 'last_end_utc <= @now';
/** Not past: a class day still to end, or no complete day yet. */
export const UPCOMING_SQL = '(last_end_utc IS NULL OR last_end_utc > @now)';

/**
 * Listed, or being sent (an add on the wire may have arrived): the connection
 * that made it still answers for it, and Settings counts it as its listing.
 * As the partial index offerings_listed_via (migration 5) is made, so a count by connection reads that index.
 */
export const LISTED_OR_SENT_SQL = 'listed IS NOT NULL OR in_flight IS NOT NULL';

/** LISTED_OR_SENT_SQL for one offering, from whether it has a listing and what is on the wire. */
export function isListedOrSent(listed: boolean, inFlight: string | null): boolean {
  return listed || inFlight !== null;
}

/** The connection an offering's listing answers to, or null when it has none. */
export function listedVia(listed: boolean, row: { in_flight: string | null; listed_via: ConnectionKind | null }): ConnectionKind | null {
  return isListedOrSent(listed, row.in_flight) ? row.listed_via : null;
}

/** Listed, every class day over, its removal not queued yet: what "Remove past" queues and the list counts. */
export const PAST_LISTED_SQL = `trashed_at IS NULL AND listed IS NOT NULL AND (pending IS NULL OR pending != 'delete') AND ${PAST_SQL}`;

/**
 * Failed: held back (only a Retry sends it again) or refused with nothing waiting (a listing found gone).
 * The header's count and the progress bar's run both read it: they cannot disagree about one offering.
 */
export const FAILED_SQL = '(held = 1 OR (error IS NOT NULL AND pending IS NULL))';

export function isFailed(row: { held: number; error: string | null; pending: string | null }): boolean {
  return row.held === 1 || (row.error !== null && row.pending === null);
}

export interface PublishableCheck {
  now: Date;
  /** The standards the connection can publish; null for all. */
  allowed: readonly string[] | null;
  /** The problem a standard not allowed is (the gateway's "enter your program ID"); without it, none is named. */
  notAllowed?: FieldError | undefined;
}

/**
 * Why a draft cannot be published now, or nothing: complete (shared
 * publishProblems), no class day over, and a standard the connection can send.
 */
export function publishableProblems(draft: OfferingDraft, { now, allowed, notAllowed }: PublishableCheck): FieldError[] {
  const problems = publishProblems(draft, { now });
  if (allowed !== null && draft.trainingStandardKey !== '' && !allowed.includes(draft.trainingStandardKey) && notAllowed) problems.push(notAllowed);
  return problems;
}

/**
 * publishableProblems as SQL over the columns written with the draft:
 * problem_count is publishProblems without a time, earliest_end_utc the first
 * complete day's end (offering-columns). `allowed` is written into the SQL.
 */
export function publishableSql(allowed: readonly string[] | null): string {
  const standards = allowed === null ? '' : ` AND standard_key IN (${allowed.map((k) => `'${k.replace(/'/g, "''")}'`).join(',') || "''"})`;
  return `problem_count = 0 AND (earliest_end_utc IS NULL OR earliest_end_utc > @now)${standards}`;
}

/** Complete, whenever its days are: what the problem_count column counts (0) and the "incomplete" status tells apart. */
export function isComplete(draft: OfferingDraft): boolean {
  return publishProblems(draft).length === 0;
}
