// A form path as the user knows it: the field's own label, so a summary reads
// "Registration URL: This field is required." and "Day 2 start time: …".
import { t } from './i18n.svelte';

const LABEL_KEYS: Record<string, string> = {
  offeringId: 'form.offeringId',
  courseName: 'form.courseName',
  trainingStandardKey: 'form.trainingStandard',
  seatsRemaining: 'form.seatsRemaining',
  price: 'form.price',
  registrationUrl: 'form.registrationUrl',
  virtualClassUrl: 'form.virtualClassUrl',
  'address.street': 'form.streetAddress',
  'address.extended': 'form.extendedAddress',
  'address.city': 'form.city',
  'address.province': 'form.province',
  'address.postalCode': 'form.postalCode',
  classDays: 'form.classDays',
  courseDurationHours: 'form.courseDuration',
};

export function fieldLabel(path: string): string {
  const day = /^classDays\.(\d+)\.(date|start|end)$/.exec(path);
  if (day) return `${t('form.day', { n: Number(day[1]) + 1 })} ${t({ date: 'form.date', start: 'form.startTime', end: 'form.endTime' }[day[2] as 'date' | 'start' | 'end'])}`;
  return LABEL_KEYS[path] ? t(LABEL_KEYS[path]) : t('form.heading');
}
