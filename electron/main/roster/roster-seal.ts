// A learner's details as the roster keeps them: trimmed, given a learner id
// when none was given, sealed under their row's id with the data key
// (field-crypto) and opened the same way.
import { randomUUID, randomBytes } from 'node:crypto';
import { EMPTY_LEARNER, type LearnerDetails } from '../../../shared/learner';
import { normalisePostalCode } from '../../../shared/offering';
import type { FieldCrypto } from './field-crypto';
import type { LearnersStore, LearnerRow, NewLearner } from './learners-store';

/** A made-up learner id for a learner the file or the form gave none: short, readable, unique enough per provider. */
function newLearnerId(): string {
  return `L-${randomBytes(5).toString('hex').toUpperCase()}`;
}

export function normalised(details: LearnerDetails): LearnerDetails {
  const trimmed = (s: string) => s.trim();
  return {
    ...details,
    firstName: trimmed(details.firstName),
    lastName: trimmed(details.lastName),
    email: trimmed(details.email),
    mobilePhone: trimmed(details.mobilePhone),
    homePhone: trimmed(details.homePhone),
    learnerId: trimmed(details.learnerId) || newLearnerId(),
    employerName: trimmed(details.employerName),
    employerContact: trimmed(details.employerContact),
    previousTrainingDate: trimmed(details.previousTrainingDate),
    address: { ...details.address, street: trimmed(details.address.street), extended: trimmed(details.address.extended), city: trimmed(details.address.city), postalCode: normalisePostalCode(details.address.postalCode) },
  };
}

export const DUPLICATE = { path: 'email', code: 'learner.duplicate', message: 'This learner is already on the roster of this class.' };

/** A learner's details, opened; details sealed before a field existed get its empty value. */
export function openDetails(crypto: FieldCrypto, row: LearnerRow): LearnerDetails {
  return { ...EMPTY_LEARNER, ...crypto.open<Partial<LearnerDetails>>(row.id, row.sealed) };
}

/** A new learner's row: a fresh id, and the details sealed under it. */
export function sealNew(crypto: FieldCrypto, details: LearnerDetails, now: string): NewLearner {
  const id = randomUUID();
  return { id, sealed: crypto.seal(id, details), now };
}

/** The details of every learner of the class but `except`, opened. */
export function othersOnRoster(crypto: FieldCrypto, learners: LearnersStore, offeringRowId: string, except: string | null): LearnerDetails[] {
  return learners
    .byOffering(offeringRowId)
    .filter((r) => r.id !== except)
    .map((r) => openDetails(crypto, r));
}
