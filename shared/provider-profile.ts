// The provider profile's schemas; its rules are plain values in
// `provider-profile-rules.ts`, re-exported here.
import { z } from 'zod';
import { LOGO_MAX_BYTES, LOGO_TYPES, PROFILE_LIMITS } from './provider-profile-rules';

export * from './provider-profile-rules';

/** The logo as the window sends it: base64 of at most LOGO_MAX_BYTES bytes. */
export const ProfileLogo = z.object({ type: z.enum(LOGO_TYPES), data: z.string().min(4).max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 4) }).strict();

export const ProviderProfile = z
  .object({
    legalName: z.string().max(PROFILE_LIMITS.legalName),
    providerId: z.string().max(PROFILE_LIMITS.providerId),
    address: z
      .object({
        street: z.string().max(PROFILE_LIMITS['address.street']),
        extended: z.string().max(PROFILE_LIMITS['address.extended']),
        city: z.string().max(PROFILE_LIMITS['address.city']),
        province: z.string().max(2),
        postalCode: z.string().max(PROFILE_LIMITS['address.postalCode']),
      })
      .strict(),
    phone: z.string().max(PROFILE_LIMITS.phone),
    signerName: z.string().max(PROFILE_LIMITS.signerName),
    signerTitle: z.string().max(PROFILE_LIMITS.signerTitle),
    logo: ProfileLogo.nullable(),
  })
  .strict();
export type ProviderProfile = z.infer<typeof ProviderProfile>;
