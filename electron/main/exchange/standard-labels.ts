// A training standard as a spreadsheet names it: its key (WAH-E-I), the
// ministry's label ("Working at Heights - Full course"), or the app's label in
// English or French. A label several standards share is narrowed by the row's
// delivery and language, and otherwise left for the user to settle.
import { ALL_STANDARD_KEYS, isStandardKey, standardFor, type StandardKey, type StandardDelivery } from '../../../shared/standards';
import en from '../../../shared/locales/en.json';
import fr from '../../../shared/locales/fr.json';
import { fold } from '../../../shared/text';

/** A label's words only: dashes of any kind and spacing aside. */
const words = (s: string) => fold(s).replace(/[^a-z0-9]+/g, ' ').trim();

const BY_LABEL = new Map<string, StandardKey[]>();
function add(label: string | undefined, key: StandardKey): void {
  if (!label) return;
  const keys = BY_LABEL.get(words(label)) ?? [];
  if (!keys.includes(key)) keys.push(key);
  BY_LABEL.set(words(label), keys);
}
for (const key of ALL_STANDARD_KEYS) {
  const s = standardFor(key);
  const course = s.course as keyof typeof en.standards;
  add(s.label, key);
  // A label written in French means the course taught in French where there is one (and in English likewise).
  const taughtIn = (language: 'en' | 'fr') => s.language === language || !ALL_STANDARD_KEYS.some((k) => standardFor(k).course === s.course && standardFor(k).language === language);
  if (taughtIn('en')) add(en.standards[course], key);
  if (taughtIn('fr')) add(fr.standards[course], key);
}

/** Every standard the text may mean, narrowed by what else the row says. */
export function standardsFor(text: string, hints: { delivery: StandardDelivery | null; language: 'en' | 'fr' | null }): StandardKey[] {
  const trimmed = text.trim();
  const key = ALL_STANDARD_KEYS.find((k) => k.toLowerCase() === trimmed.toLowerCase());
  if (key && isStandardKey(key)) return [key];
  let keys = BY_LABEL.get(words(trimmed)) ?? [];
  if (hints.delivery) keys = keys.filter((k) => standardFor(k).delivery === hints.delivery);
  if (hints.language) keys = keys.filter((k) => standardFor(k).language === hints.language);
  return keys;
}
