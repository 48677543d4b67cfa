// Learner details are kept as long as Settings → Privacy says (years after
// the class's last day), then deleted at start-up. Logged as a count only.
import { subYears } from 'date-fns/subYears';
import type { LearnersStore } from './learners-store';
import type { AppLog } from '../platform/logging';

export function purgeExpiredLearners(learners: LearnersStore, years: number, now: Date, log: AppLog): number {
  const cutoff = subYears(now, years).toISOString();
  const purged = learners.purgeEndedBefore(cutoff);
  if (purged > 0) log.info(`Privacy: deleted ${purged} learner record(s) of classes that ended more than ${years} year(s) ago.`);
  return purged;
}
