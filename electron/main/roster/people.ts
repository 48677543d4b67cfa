// The saved list of instructors and evaluators: a name each, unique among the
// people still in use. Removing one archives them, so past sessions keep who taught them.
import { randomUUID } from 'node:crypto';
import { failure } from '../../../shared/errors';
import type { Person } from '../../../shared/roster-contract';
import type { StaffStore } from './staff-store';
import type { Clock } from '../catalogue/catalogue';

export const PERSON_NAME_MAX = 200;

export function createPeople(staff: StaffStore, clock: Clock) {
  return {
    list: (): Person[] => staff.active(),
    save(id: string | null, input: string): Person[] {
      const name = input.trim().replace(/\s+/g, ' ');
      const field = (code: string, message: string) => failure('validation', message, { fields: [{ path: 'name', code, message }] });
      if (name === '') throw field('required', 'This field is required.');
      if (name.length > PERSON_NAME_MAX) throw field('tooLong', `At most ${PERSON_NAME_MAX} characters.`);
      // Names are joined with "; " in a learning record: a semicolon inside one would split it.
      if (name.includes(';')) throw field('person.semicolon', 'A name cannot contain a semicolon.');
      if (staff.nameTaken(name, id ?? '')) throw field('person.taken', 'This person is already in the list.');
      if (id === null) staff.insert(randomUUID(), name, clock.now().toISOString());
      else if (!staff.get(id)) throw failure('not-found', 'This person is no longer in the list.');
      else staff.rename(id, name);
      return staff.active();
    },
    archive(id: string): Person[] {
      if (!staff.get(id)) throw failure('not-found', 'This person is no longer in the list.');
      staff.archive(id, clock.now().toISOString());
      return staff.active();
    },
  };
}

export type People = ReturnType<typeof createPeople>;
