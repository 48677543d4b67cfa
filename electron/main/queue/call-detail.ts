// What a call was about, kept with its log lines for Activity: the fields a
// patch changed with their values before and after (as sent to the
// Marketplace, so no learner's data), or the learner row a record was for.
import type { ChangeValue, FieldChange } from '../../../shared/ipc';
import { formPathFor, type WireListing } from '../marketplace/wire';

export interface CallDetail {
  changes?: FieldChange[];
  /** The learner's row id: the name is read from the sealed roster when Activity is shown, never stored here. */
  learnerRow?: string;
}

/** A value cut short: the log never grows with what a field holds. */
const MAX_TEXT = 120;

function shown(value: unknown): ChangeValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length <= MAX_TEXT ? value : `${value.slice(0, MAX_TEXT)}…`;
  if (Array.isArray(value)) return value.map((e) => (typeof e === 'object' && e !== null && 'start' in e && 'end' in e ? `${String(e.start)}/${String(e.end)}` : String(e)));
  if (typeof value === 'object') return shown(Object.values(value).filter((v) => v !== '').join(', '));
  return null;
}

/** The fields of a patch of `listed` (as the catalogue last acknowledged it), each with what it was and what it becomes. */
export function patchChanges(listed: WireListing, fields: Record<string, unknown>): FieldChange[] {
  const before = listed as unknown as Record<string, unknown>;
  return Object.entries(fields).map(([key, to]) => ({ field: formPathFor(key), from: shown(before[key]), to: shown(to) }));
}
