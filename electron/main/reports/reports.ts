// Settings → Reports: the year's numbers of a program, read from the
// catalogue's and the rosters' owners (counts and staff names only; no sealed
// field is opened) and counted by year-numbers.ts.
import type { YearNumbers } from '../../../shared/reports-contract';
import type { Program } from '../../../shared/standards';
import { ontarioToUtc } from '../../../shared/time';
import type { Clock } from '../catalogue/clock';
import type { OfferingsStore } from '../catalogue/offerings-store';
import type { LearnersStore } from '../roster/learners-store';
import type { StaffStore } from '../roster/staff-store';
import { yearNumbers } from './year-numbers';

export interface ReportSources {
  offerings: Pick<OfferingsStore, 'classesEnded'>;
  learners: Pick<LearnersStore, 'countsOf'>;
  staff: Pick<StaffStore, 'staffOfMany'>;
  clock: Clock;
}

/** A class counts in the year its last day ends in (Ontario time), once that end has passed. */
export function yearReport({ offerings, learners, staff, clock }: ReportSources, year: number, program: Program): YearNumbers {
  const from = ontarioToUtc(`${year}-01-01`, '00:00');
  const yearEnd = ontarioToUtc(`${year + 1}-01-01`, '00:00');
  const now = clock.now().toISOString();
  const ended = offerings.classesEnded(program, from, now < yearEnd ? now : yearEnd);
  const ids = ended.map((c) => c.id);
  return yearNumbers(year, program, ended, learners.countsOf(ids), staff.staffOfMany(ids));
}
