// i18next holds the strings; a rune makes every `t()` call re-run when the
// language changes.
import i18next from 'i18next';
import en from '../../../shared/locales/en.json';
import fr from '../../../shared/locales/fr.json';

import { LANGUAGES, type LanguageCode } from '../../../shared/app-rules';

export { LANGUAGES };
export type UiLanguage = LanguageCode;

function systemLanguage(): UiLanguage {
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const initial = systemLanguage();
let current = $state<UiLanguage>(initial);

void i18next.init({
  lng: initial,
  fallbackLng: 'en',
  resources: { en: { translation: en }, fr: { translation: fr } },
  initAsync: false,
  showSupportNotice: false,
  interpolation: { escapeValue: false },
});
document.documentElement.lang = initial;

export function t(key: string, options?: Record<string, unknown>): string {
  void current;
  return i18next.t(key, options);
}

export function language(): UiLanguage {
  return current;
}

export function setLanguage(lang: UiLanguage): void {
  void i18next.changeLanguage(lang);
  current = lang;
  document.documentElement.lang = lang;
}

/**
 * A field error or app error in the user's language, by its code. The English
 * text from main is never shown: it may name a channel or echo a schema.
 * Every error code has a text (a test checks both languages); a field code
 * without one reads "Check this field."
 */
export function errorText(e: { code: string; message: string; limit?: number }, prefix: 'errors' | 'validation'): string {
  // The Marketplace's own words about a field are the only account of what it refused: shown as it sent them.
  if (prefix === 'validation' && e.code === 'marketplace') return e.message;
  const key = `${prefix}.${e.code}`;
  if (i18next.exists(key)) return t(key, e.limit === undefined ? undefined : { limit: e.limit });
  return t(prefix === 'errors' ? 'errors.internal' : 'validation.invalid');
}
