// A class offering as staff edit it: the schemas of a draft. Its rules (limits,
// what publishing needs) are plain functions in `offering-rules.ts`, re-exported here.
import { z } from 'zod';
import { StandardKey } from './standards';
import { DRAFT_LIMITS } from './offering-rules';
import { WAH_MODULES } from './program-rules';

export * from './offering-rules';

export const ClassDay = z.object({
  date: z.string().max(10),
  start: z.string().max(5),
  end: z.string().max(5),
  /** Working at Heights: the module this day teaches; absent when it teaches both or none was chosen (see program-rules). */
  module: z.enum(WAH_MODULES).optional(),
});
export type ClassDay = z.infer<typeof ClassDay>;

export const AddressDraft = z.object({
  street: z.string().max(DRAFT_LIMITS['address.street']),
  extended: z.string().max(DRAFT_LIMITS['address.extended']),
  city: z.string().max(DRAFT_LIMITS['address.city']),
  province: z.string().max(2),
  postalCode: z.string().max(DRAFT_LIMITS['address.postalCode']),
});
export type AddressDraft = z.infer<typeof AddressDraft>;

/** A class (in-person, virtual or blended, with class days) or an online course (e-learning, no days, address or seats). */
export const OfferingKind = z.enum(['class', 'online']);
export type OfferingKind = z.infer<typeof OfferingKind>;

export const OfferingDraft = z.object({
  /** Drafts saved before online offerings existed have no kind: they are classes. */
  kind: OfferingKind.default('class'),
  offeringId: z.string().max(DRAFT_LIMITS.offeringId),
  trainingStandardKey: z.union([StandardKey, z.literal('')]),
  courseName: z.string().max(DRAFT_LIMITS.courseName),
  seatsRemaining: z.number().nullable(),
  contactForPricing: z.boolean(),
  price: z.number().nullable(),
  address: AddressDraft,
  classDays: z.array(ClassDay).max(DRAFT_LIMITS.classDays),
  registrationUrl: z.string().max(DRAFT_LIMITS.registrationUrl),
  virtualClassUrl: z.string().max(DRAFT_LIMITS.virtualClassUrl),
  /** Online offerings only: the course's length in hours (the API's `courseDuration`; its unit is not documented). */
  courseDurationHours: z.number().nullable().default(null),
});
export type OfferingDraft = z.infer<typeof OfferingDraft>;
