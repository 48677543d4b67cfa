// Migration 8: the calendar reads its days from one index. At 100,000
// offerings a month holds thousands of class days; reading each day's row for
// its times cost 60-350 ms a month. The index carries every column the
// calendar shows of a day. Days of offerings in the Trash are no longer kept
// (the store writes them again on restore), so no day there is counted.
// Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration008: Migration = {
  version: 8,
  name: 'calendar days index',
  up(db) {
    db.exec(`
      DELETE FROM class_days WHERE offering_row IN (SELECT id FROM offerings WHERE trashed_at IS NOT NULL);
      DROP INDEX class_days_date;
      CREATE INDEX class_days_by_date ON class_days (date, start, offering_row, day, "end");
    `);
  },
};
