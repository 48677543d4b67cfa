// "Seats remaining: 12 → 10": a field a patch changed, as Activity shows it,
// its values written the way the form writes them.
import type { ChangeValue, FieldChange } from '../../../shared/ipc';
import { fieldLabel } from './field-labels';
import { formatHours, formatPrice } from './format';
import { formatMomentDate } from './format-day';
import { t, language } from './i18n.svelte';

/** Class days shown by their dates; a long run by its first few and how many more. */
const DAYS_SHOWN = 3;

function valueText(field: string, value: ChangeValue): string {
  const lang = language();
  if (value === null || value === '') return t('activity.none');
  if (typeof value === 'boolean') return t(value ? 'activity.yes' : 'activity.no');
  if (Array.isArray(value)) {
    const dates = value.map((day) => formatMomentDate(lang, day.split('/')[0] ?? ''));
    const more = dates.length - DAYS_SHOWN;
    return more > 0 ? `${dates.slice(0, DAYS_SHOWN).join(', ')} ${t('activity.moreDays', { count: more })}` : dates.join(', ');
  }
  if (typeof value === 'number' && field === 'price') return formatPrice(lang, value);
  if (typeof value === 'number' && field === 'courseDurationHours') return formatHours(lang, value);
  return String(value);
}

/** A draft field's value as the desk holds it (class days as their dates), written as Activity writes it: what the team's notices and history show. */
export function draftValueText(field: string, value: unknown): string {
  if (Array.isArray(value)) return valueText(field, value.map((d) => String((d as { date?: string }).date ?? '')));
  return valueText(field, value as ChangeValue);
}

export function changeText(change: FieldChange): string {
  return t('activity.change', { field: fieldLabel(change.field), from: valueText(change.field, change.from), to: valueText(change.field, change.to) });
}
