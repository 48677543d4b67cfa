// The provider profile, kept in the catalogue's settings table under its own
// key (read only when Settings or a document needs it, not with every
// setting). A save is checked whole before it is written; a stored profile
// today's rules refuse reads as empty rather than reach a document.
import { PDFDocument } from 'pdf-lib';
import { failure, type FieldError } from '../../../shared/errors';
import { EMPTY_PROFILE, LOGO_MAX_BYTES, missingFromProfile, normalisedProfile, profileProblems, ProviderProfile, type LogoType } from '../../../shared/provider-profile';
import type { ProfileView } from '../../../shared/proof-contract';
import type { Db } from '../database/schema';

const KEY = 'providerProfile';

/** The first bytes of each logo type the profile takes. */
const SIGNATURES: Record<LogoType, number[]> = { 'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/jpeg': [0xff, 0xd8, 0xff] };

/** Why a logo cannot go on a document, or null: its type, its size, and whether the PDF library can read it whole. */
export async function logoProblem(logo: { type: LogoType; data: string }): Promise<FieldError | null> {
  const bytes = Buffer.from(logo.data, 'base64');
  if (bytes.length > LOGO_MAX_BYTES) return { path: 'logo', code: 'logo.tooLarge', message: `The logo must be at most ${LOGO_MAX_BYTES / 1024} KB.`, limit: LOGO_MAX_BYTES / 1024 };
  const unreadable: FieldError = { path: 'logo', code: 'logo.unreadable', message: 'This file is not a PNG or JPEG image that can be read. Choose another one.' };
  if (!SIGNATURES[logo.type].every((b, i) => bytes[i] === b)) return unreadable;
  try {
    const doc = await PDFDocument.create();
    await (logo.type === 'image/png' ? doc.embedPng(bytes) : doc.embedJpg(bytes));
    return null;
  } catch {
    return unreadable;
  }
}

export function createProviderProfile(db: Db) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  function get(): ProviderProfile {
    const row = read.get(KEY);
    if (!row) return EMPTY_PROFILE;
    try {
      const stored = ProviderProfile.parse(JSON.parse(row.value));
      return profileProblems(stored).length === 0 ? stored : EMPTY_PROFILE;
    } catch {
      return EMPTY_PROFILE;
    }
  }

  const view = (profile: ProviderProfile): ProfileView => ({ profile, missing: missingFromProfile(profile) });

  return {
    get,
    view: () => view(get()),
    /** Checks every field (and reads the logo through the PDF library) before anything is written; every refused field is named at once. */
    async save(input: ProviderProfile): Promise<ProfileView> {
      const profile = normalisedProfile(input);
      const problems = profileProblems(profile);
      const logo = profile.logo ? await logoProblem(profile.logo) : null;
      if (logo) problems.push(logo);
      if (problems.length > 0) throw failure('validation', problems.length === 1 ? problems[0]!.message : `${problems.length} fields of the provider profile need attention.`, { fields: problems });
      write.run(KEY, JSON.stringify(profile));
      return view(profile);
    },
  };
}

export type ProviderProfileStore = ReturnType<typeof createProviderProfile>;
