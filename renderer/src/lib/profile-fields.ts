// A provider profile field (or the program ID a proof needs) as the user
// knows it, and the id of its input in Settings: a "still needed" message
// names each, and Open Settings puts the keyboard on the first.
import { isStandardKey, standardFor } from '../../../shared/standard-list';
import { t } from './i18n.svelte';

export const PROFILE_FIELD_IDS: Record<string, string> = {
  legalName: 'pp-legalName',
  providerId: 'pp-providerId',
  'address.street': 'pp-street',
  'address.extended': 'pp-extended',
  'address.city': 'pp-city',
  'address.province': 'pp-province',
  'address.postalCode': 'pp-postalCode',
  phone: 'pp-phone',
  signerName: 'pp-signerName',
  signerTitle: 'pp-signerTitle',
  logo: 'pp-logo',
};

const LABEL_KEYS: Record<string, string> = {
  legalName: 'profile.legalName',
  providerId: 'profile.providerId',
  'address.street': 'profile.street',
  'address.city': 'profile.city',
  'address.postalCode': 'profile.postalCode',
  phone: 'profile.phone',
  signerName: 'profile.signerName',
  signerTitle: 'profile.signerTitle',
};

/** `programIds.WAH-E-I` reads as the program ID of that standard; the rest by their label in Settings. */
export function profileFieldLabel(path: string): string {
  const key = path.startsWith('programIds.') ? path.slice('programIds.'.length) : null;
  if (key !== null) return t('proof.programId', { standard: isStandardKey(key) ? `${t(`standards.${standardFor(key).course}`)} (${key})` : key });
  return LABEL_KEYS[path] ? t(LABEL_KEYS[path]) : path;
}

/** Where the keyboard goes for a missing field: its input in Settings (a program ID's box included). */
export function settingsFieldId(path: string): string {
  return path.startsWith('programIds.') ? `pid-${path.slice('programIds.'.length)}` : (PROFILE_FIELD_IDS[path] ?? 'provider-profile-heading');
}
