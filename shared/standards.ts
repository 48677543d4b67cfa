// The schemas of a training standard's key, delivery, language and program,
// made from the plain lists of `standard-list.ts` (which the window reads
// without zod); everything else about standards is re-exported from there.
import { z } from 'zod';
import { LANGUAGES } from './app-rules';
import { PROGRAMS } from './list-values';
import { ALL_STANDARD_KEYS, DELIVERY_METHODS, ONLINE_STANDARD_KEYS, TRAINING_STANDARD_KEYS } from './standard-list';

export * from './standard-list';

// Never String() the input: it may be anything a client sent, a 20,000-deep array included.
const notOneOf = (what: string) => (issue: { input?: unknown }) =>
  `${typeof issue.input === 'string' ? `“${issue.input.slice(0, 40)}”` : 'This value'} is not one of the ${what}.`;

/** A class offering's standard (the Class Offering API's 20). */
export const TrainingStandardKey = z.enum(TRAINING_STANDARD_KEYS, { error: notOneOf('20 Marketplace training standards for classes') });
export type TrainingStandardKey = z.infer<typeof TrainingStandardKey>;

/** An online offering's standard (the Online Offering API's 2). */
export const OnlineStandardKey = z.enum(ONLINE_STANDARD_KEYS, { error: notOneOf('2 Marketplace training standards for online offerings') });
export type OnlineStandardKey = z.infer<typeof OnlineStandardKey>;

/** Any of the 22 standards. */
export const StandardKey = z.enum(ALL_STANDARD_KEYS, { error: notOneOf('22 Marketplace training standards') });
export type StandardKey = z.infer<typeof StandardKey>;

export const DeliveryMethod = z.enum(DELIVERY_METHODS);
export type DeliveryMethod = z.infer<typeof DeliveryMethod>;

export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const Program = z.enum(PROGRAMS);
export type Program = z.infer<typeof Program>;
