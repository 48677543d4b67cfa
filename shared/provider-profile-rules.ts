// The provider profile (Settings → Provider profile): who issues the proofs of
// completion. Its rules as plain values (no zod): the window reads them;
// `provider-profile.ts` holds the schemas and re-exports these. Saving checks
// the form of what is typed; making a document needs every required field.
import type { FieldError } from './errors';
import { DRAFT_LIMITS, normalisePostalCode, POSTAL_CODE, PROVINCES } from './offering-rules';

export const PROFILE_LIMITS = {
  legalName: 200,
  providerId: 40,
  'address.street': DRAFT_LIMITS['address.street'],
  'address.extended': DRAFT_LIMITS['address.extended'],
  'address.city': DRAFT_LIMITS['address.city'],
  'address.postalCode': DRAFT_LIMITS['address.postalCode'],
  phone: 40,
  signerName: 120,
  signerTitle: 120,
} as const;

/** The logo's file as chosen: PNG or JPEG, at most this many bytes (a letterhead logo is far smaller). */
export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/** The provider ID the Chief Prevention Officer gave: letters, digits, dots, dashes or underscores. */
export const PROVIDER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
/** A telephone number as people write one: digits with spaces, dashes, dots, brackets, a leading +, and an extension. */
export const PHONE = /^\+?[0-9 ().-]{7,25}(\s*(ext\.?|x|poste)\s*[0-9]{1,6})?$/i;

export interface ProfileAddress {
  street: string;
  extended: string;
  city: string;
  province: string;
  postalCode: string;
}

export interface ProviderProfileValues {
  legalName: string;
  providerId: string;
  address: ProfileAddress;
  phone: string;
  signerName: string;
  signerTitle: string;
  /** The logo's bytes, base64, and their type; null when the profile has none. */
  logo: { type: LogoType; data: string } | null;
}

export const EMPTY_PROFILE: ProviderProfileValues = {
  legalName: '',
  providerId: '',
  address: { street: '', extended: '', city: '', province: 'ON', postalCode: '' },
  phone: '',
  signerName: '',
  signerTitle: '',
  logo: null,
};

/** What every proof of completion needs from the profile, in the order Settings shows them. */
export const PROFILE_REQUIRED = ['legalName', 'providerId', 'address.street', 'address.city', 'address.postalCode', 'phone', 'signerName', 'signerTitle'] as const;
export type ProfileField = (typeof PROFILE_REQUIRED)[number];

const valueAt = (p: ProviderProfileValues, path: ProfileField): string => (path.startsWith('address.') ? p.address[path.slice('address.'.length) as keyof ProfileAddress] : p[path as Exclude<ProfileField, `address.${string}`>]);

/** The profile trimmed, its postal code written A1A 1A1. */
export function normalisedProfile(p: ProviderProfileValues): ProviderProfileValues {
  const a = p.address;
  return {
    legalName: p.legalName.trim(),
    providerId: p.providerId.trim(),
    address: { street: a.street.trim(), extended: a.extended.trim(), city: a.city.trim(), province: a.province.trim(), postalCode: normalisePostalCode(a.postalCode) },
    phone: p.phone.trim(),
    signerName: p.signerName.trim(),
    signerTitle: p.signerTitle.trim(),
    logo: p.logo,
  };
}

/** What a save refuses: a value of the wrong form (an empty one is fine: the profile may be filled in over time). */
export function profileProblems(p: ProviderProfileValues): FieldError[] {
  const n = normalisedProfile(p);
  const problems: FieldError[] = [];
  if (n.providerId !== '' && !PROVIDER_ID.test(n.providerId)) problems.push({ path: 'providerId', code: 'providerId.invalid', message: 'A provider ID is letters, digits, dots, dashes or underscores, as the ministry wrote it.' });
  if (!(PROVINCES as readonly string[]).includes(n.address.province)) problems.push({ path: 'address.province', code: 'required', message: 'Choose a province.' });
  if (n.address.postalCode !== '' && !POSTAL_CODE.test(n.address.postalCode)) problems.push({ path: 'address.postalCode', code: 'postalCode.invalid', message: 'Enter a Canadian postal code such as K1A 0B1.' });
  if (n.phone !== '' && !PHONE.test(n.phone)) problems.push({ path: 'phone', code: 'phone.invalid', message: 'Enter a telephone number such as 416-555-0100, with its extension if any.' });
  return problems;
}

/** The required fields still empty: a proof of completion cannot be made until each is filled in. */
export function missingFromProfile(p: ProviderProfileValues): FieldError[] {
  const n = normalisedProfile(p);
  return PROFILE_REQUIRED.filter((path) => valueAt(n, path) === '').map((path) => ({ path, code: 'required', message: 'This field is required.' }));
}
