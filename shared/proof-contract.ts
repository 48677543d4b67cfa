// The provider profile's and the proofs of completion's part of the IPC
// contract. Spread into `contract` in ipc.ts.
import { z } from 'zod';
import { FieldError } from './errors';
import { ProviderProfile } from './provider-profile';
import { RosterView } from './roster-contract';

const RowId = z.string().min(1).max(64);

/** The profile as stored, and what a proof of completion still needs from it (empty: ready). */
export const ProfileView = z.object({ profile: ProviderProfile, missing: z.array(FieldError) });
export type ProfileView = z.infer<typeof ProfileView>;

/** One PDF for the learners asked for, a page each, as base64: the window saves it where the user says; main keeps only when each was made. */
export const ProofFile = z.object({ fileName: z.string(), pdf: z.string(), pages: z.number().int().min(1), roster: RosterView });
export type ProofFile = z.infer<typeof ProofFile>;

export const proofContract = {
  'profile:get': { request: z.object({}).strict(), response: ProfileView },
  'profile:save': { request: ProviderProfile, response: ProfileView },
  'proofs:make': { request: z.object({ offeringRowId: RowId, ids: z.array(RowId).min(1).max(1000) }).strict(), response: ProofFile },
} as const;
