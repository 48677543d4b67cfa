// The one place that knows a learning record's body (both connections send
// the same fields; the network dialect and the gateway each add their auth).
// Add only: the ministry's system keeps a record as sent.
import { z } from 'zod';
import { StandardKey } from '../../../shared/standards';
import { OFFERING_ID } from '../../../shared/offering';
import { MIN_BIRTH_YEAR, LEARNER_ID, isEmail, latestBirthYear, type LearnerDetails } from '../../../shared/learner';
import { WireAddress, formPathFor, toWireAddress } from './wire';

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const Text = (max: number) => z.string().trim().min(1).max(max);
const Phone = z.string().regex(/^[0-9+().\s-]{7,30}$/, 'must be a phone number');

/** Instructor and evaluator names are joined with exactly this. */
export const NAME_SEPARATOR = '; ';

export const WireLearner = z
  .object({
    uniqueId: z.string().regex(LEARNER_ID, 'must be 1–64 letters, digits, dots, dashes or underscores'),
    firstname: Text(100),
    lastname: Text(100),
    personalEmail: z.string().max(254).refine(isEmail, 'must be an email address'),
    // A year only: never a full date of birth.
    birthYear: z
      .number()
      .int('must be a year such as 1995')
      .min(MIN_BIRTH_YEAR)
      .refine((y) => y <= latestBirthYear(new Date().getUTCFullYear()), 'is too recent for a worker'),
    mobilePhone: Phone.optional(),
    homePhone: Phone.optional(),
    address: WireAddress.optional(),
  })
  .strict();

export const WireLearningRecord = z
  .object({
    learningRecordId: z.uuid(),
    trainingStandardKey: StandardKey,
    completionDate: z.string().regex(ISO_UTC_MS, 'must be an ISO 8601 UTC timestamp with milliseconds'),
    externalClassId: z.string().regex(OFFERING_ID),
    instructorNames: Text(1000),
    evaluatorNames: Text(1000),
    learner: WireLearner,
  })
  .strict();
export type WireLearningRecord = z.infer<typeof WireLearningRecord>;

export interface RecordFacts {
  learningRecordId: string;
  trainingStandardKey: StandardKey;
  completionDate: string;
  externalClassId: string;
  instructorNames: readonly string[];
  evaluatorNames: readonly string[];
  learner: LearnerDetails;
}

export function toRecordWire(f: RecordFacts): WireLearningRecord {
  const d = f.learner;
  const a = d.address;
  const hasAddress = a.street.trim() !== '';
  return {
    learningRecordId: f.learningRecordId,
    trainingStandardKey: f.trainingStandardKey,
    completionDate: f.completionDate,
    externalClassId: f.externalClassId,
    instructorNames: f.instructorNames.map((n) => n.trim()).join(NAME_SEPARATOR),
    evaluatorNames: f.evaluatorNames.map((n) => n.trim()).join(NAME_SEPARATOR),
    learner: {
      uniqueId: d.learnerId.trim(),
      firstname: d.firstName.trim(),
      lastname: d.lastName.trim(),
      personalEmail: d.email.trim(),
      birthYear: d.birthYear ?? 0,
      ...(d.mobilePhone.trim() ? { mobilePhone: d.mobilePhone.trim() } : {}),
      ...(d.homePhone.trim() ? { homePhone: d.homePhone.trim() } : {}),
      ...(hasAddress ? { address: toWireAddress(a) } : {}),
    },
  };
}

const LEARNER_PATHS: Record<string, string> = {
  'learner.uniqueId': 'learnerId',
  'learner.firstname': 'firstName',
  'learner.lastname': 'lastName',
  'learner.personalEmail': 'email',
  'learner.birthYear': 'birthYear',
  'learner.mobilePhone': 'mobilePhone',
  'learner.homePhone': 'homePhone',
  instructorNames: 'instructors',
  evaluatorNames: 'evaluators',
};

/** `learner.personalEmail` → `email`: the ministry's words land on the roster's fields. */
export function rosterPathFor(wirePath: string): string {
  if (wirePath.startsWith('learner.address')) return formPathFor(wirePath.slice('learner.'.length));
  return LEARNER_PATHS[wirePath] ?? wirePath;
}
