// A learner on a class's roster: the schemas of a learner's details and of a
// roster file's column mapping. The rules are in `learner-rules.ts`, re-exported here.
import { z } from 'zod';
import { AddressDraft } from './offering';
import { LEARNER_LIMITS, ROSTER_COLUMNS } from './learner-rules';

export * from './learner-rules';

/** A learner's home address has the fields (and limits) of a class's location. */
export const LearnerAddress = AddressDraft;
export type LearnerAddress = z.infer<typeof LearnerAddress>;

/** The personal fields; only the main process stores them, sealed. */
export const LearnerDetails = z.object({
  firstName: z.string().max(LEARNER_LIMITS.firstName),
  lastName: z.string().max(LEARNER_LIMITS.lastName),
  email: z.string().max(LEARNER_LIMITS.email),
  birthYear: z.number().int().nullable(),
  mobilePhone: z.string().max(LEARNER_LIMITS.mobilePhone),
  homePhone: z.string().max(LEARNER_LIMITS.homePhone),
  address: LearnerAddress,
  /** The provider's own id for the learner (sent as `uniqueId`); made when left empty. */
  learnerId: z.string().max(LEARNER_LIMITS.learnerId),
  /** Kept locally, never sent. */
  employerName: z.string().max(LEARNER_LIMITS.employerName),
  employerContact: z.string().max(LEARNER_LIMITS.employerContact),
  /**
   * Kept locally, never sent: when the training this class builds on was completed (a refresher's previous
   * training, a JHSC Part Two's Part One), as YYYY-MM-DD, or empty. Learners saved before it existed have none.
   */
  previousTrainingDate: z.string().max(LEARNER_LIMITS.previousTrainingDate).default(''),
});
export type LearnerDetails = z.infer<typeof LearnerDetails>;

export const LearnerResult = z.enum(['completed', 'not-completed']);
export type LearnerResult = z.infer<typeof LearnerResult>;

/** Where each learner field's column is in the file (0-based), or absent. */
export const RosterMapping = z.partialRecord(z.enum(ROSTER_COLUMNS), z.number().int().min(0).max(500));
export type RosterMapping = z.infer<typeof RosterMapping>;
