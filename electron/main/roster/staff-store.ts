// The one owner of the people (instructors and evaluators) and day_staff
// tables. A person is archived rather than deleted: past sessions keep who taught them.
import type { Db } from '../database/schema';

export interface PersonRow {
  id: string;
  name: string;
}

export type StaffRole = 'instructor' | 'evaluator';

/** One person on one role of one class day, with their name. */
export interface DayStaffRow {
  offering_row: string;
  day: string;
  role: StaffRole;
  person_id: string;
  name: string;
}

export function createStaffStore(db: Db) {
  const active = db.prepare<[], PersonRow>('SELECT id, name FROM people WHERE archived_at IS NULL ORDER BY name COLLATE NOCASE');
  const one = db.prepare<[string], PersonRow & { archived_at: string | null }>('SELECT id, name, archived_at FROM people WHERE id = ?');
  const insert = db.prepare('INSERT INTO people (id, name, created_at) VALUES (?, ?, ?)');
  const rename = db.prepare('UPDATE people SET name = ? WHERE id = ?');
  const archive = db.prepare('UPDATE people SET archived_at = ? WHERE id = ?');
  const sameName = db.prepare<[string, string], { id: string }>('SELECT id FROM people WHERE archived_at IS NULL AND name = ? COLLATE NOCASE AND id != ?');
  const staffOf = db.prepare<[string], Omit<DayStaffRow, 'offering_row'>>(
    'SELECT s.day, s.role, s.person_id, p.name FROM day_staff s JOIN people p ON p.id = s.person_id WHERE s.offering_row = ? ORDER BY p.name COLLATE NOCASE',
  );
  const staffOfMany = db.prepare<[string], DayStaffRow>(
    'SELECT s.offering_row, s.day, s.role, s.person_id, p.name FROM day_staff s JOIN people p ON p.id = s.person_id WHERE s.offering_row IN (SELECT value FROM json_each(?))',
  );
  const clear = db.prepare('DELETE FROM day_staff WHERE offering_row = ? AND day = ? AND role = ?');
  const assign = db.prepare('INSERT INTO day_staff (offering_row, day, role, person_id) VALUES (?, ?, ?, ?)');
  const setRole = (offeringRow: string, day: string, role: StaffRole, personIds: readonly string[]) => {
    clear.run(offeringRow, day, role);
    for (const id of personIds) assign.run(offeringRow, day, role, id);
  };
  const setDay = db.transaction((offeringRow: string, day: string, instructors: readonly string[], evaluators: readonly string[]) => {
    setRole(offeringRow, day, 'instructor', instructors);
    setRole(offeringRow, day, 'evaluator', evaluators);
  });

  return {
    active: () => active.all(),
    get: (id: string) => one.get(id),
    insert: (id: string, name: string, now: string) => void insert.run(id, name, now),
    rename: (id: string, name: string) => void rename.run(name, id),
    archive: (id: string, now: string) => void archive.run(now, id),
    nameTaken: (name: string, except: string) => sameName.get(name, except) !== undefined,
    staffOf: (offeringRow: string) => staffOf.all(offeringRow),
    /** Who taught and evaluated each day of these classes (archived people included: they taught them). */
    staffOfMany: (offeringRows: readonly string[]) => staffOfMany.all(JSON.stringify(offeringRows)),
    /** Who taught and who evaluated a class day, both replaced in one transaction. */
    setDay: (offeringRow: string, day: string, instructors: readonly string[], evaluators: readonly string[]) => void setDay.immediate(offeringRow, day, instructors, evaluators),
  };
}

export type StaffStore = ReturnType<typeof createStaffStore>;
