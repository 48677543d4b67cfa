// Migration 4: the columns the list, filters, sort, search, calendar and
// counts read, a class_days table for date ranges, and full-text search.
// Shipped: never edit it; add a new migration instead. Frozen: it computes the
// columns with its own copy of the rules of its day (frozen/offering-columns-v4)
// and imports nothing outside migrations/, so a rule tightened later never
// makes an old catalogue refuse to open. A row those rules cannot read is kept
// with what could be read; the start-up integrity walk marks it.
import type { Migration } from './migration';
import { classDayRowsV4, COLUMN_NAMES_V4, locationKeyV4, offeringColumnsV4, readDraftV4, readListedV4 } from './frozen/offering-columns-v4';

/** The status every screen shows, from the publish state and the `differs` flag: never computed on read. */
const STATUS_SQL = `CASE
  WHEN needs_attention THEN 'needs-attention'
  WHEN held THEN 'failed'
  WHEN pending IS NOT NULL THEN 'waiting'
  WHEN listed IS NULL THEN 'draft'
  WHEN differs OR problem_count > 0 THEN 'changed'
  ELSE 'published' END`;

/** The sort key of each list column, as SQL, as this version indexed them. */
const SORT_EXPRESSIONS = {
  firstDate: "IFNULL(first_date, '9999-12-31')",
  course: 'course_sort',
  standard: "IFNULL(standard_key, '~')",
  city: "IFNULL(NULLIF(city_sort, ''), '~')",
  seats: 'IFNULL(seats, 1000000000)',
  status: 'status',
} as const;

export const migration004: Migration = {
  version: 4,
  name: 'list columns, class days and full-text search',
  up(db) {
    db.exec(`
      ALTER TABLE offerings ADD COLUMN seq INTEGER;
      ALTER TABLE offerings ADD COLUMN kind TEXT NOT NULL DEFAULT 'class' CHECK (kind IN ('class', 'online'));
      ALTER TABLE offerings ADD COLUMN course_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE offerings ADD COLUMN course_sort TEXT NOT NULL DEFAULT '';
      ALTER TABLE offerings ADD COLUMN standard_key TEXT;
      ALTER TABLE offerings ADD COLUMN program TEXT;
      ALTER TABLE offerings ADD COLUMN language TEXT;
      ALTER TABLE offerings ADD COLUMN delivery TEXT;
      ALTER TABLE offerings ADD COLUMN city TEXT NOT NULL DEFAULT '';
      ALTER TABLE offerings ADD COLUMN city_sort TEXT NOT NULL DEFAULT '';
      ALTER TABLE offerings ADD COLUMN first_date TEXT;
      ALTER TABLE offerings ADD COLUMN last_end_utc TEXT;
      ALTER TABLE offerings ADD COLUMN earliest_end_utc TEXT;
      ALTER TABLE offerings ADD COLUMN seats INTEGER;
      ALTER TABLE offerings ADD COLUMN duration_hours REAL;
      ALTER TABLE offerings ADD COLUMN problem_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE offerings ADD COLUMN differs INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE offerings ADD COLUMN status TEXT GENERATED ALWAYS AS (${STATUS_SQL}) VIRTUAL;

      CREATE TABLE class_days (
        offering_row TEXT NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        date TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        PRIMARY KEY (offering_row, day)
      ) WITHOUT ROWID;
      CREATE INDEX class_days_date ON class_days (date);

      -- Addresses already used, most recent first, to pick instead of retyping.
      CREATE TABLE locations (
        key TEXT PRIMARY KEY,
        street TEXT NOT NULL,
        extended TEXT NOT NULL,
        city TEXT NOT NULL,
        province TEXT NOT NULL,
        postal_code TEXT NOT NULL,
        used_at TEXT NOT NULL
      );
      CREATE INDEX locations_used ON locations (used_at);

      -- Accent- and case-insensitive, prefix-searchable; rowid = offerings.seq (a real column, so VACUUM INTO keeps it).
      CREATE VIRTUAL TABLE offerings_fts USING fts5 (course_name, city, offering_id, tokenize = 'unicode61 remove_diacritics 2');
    `);

    const update = db.prepare(`UPDATE offerings SET seq = @seq, ${COLUMN_NAMES_V4.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
    const day = db.prepare('INSERT INTO class_days (offering_row, day, date, start, "end") VALUES (?, ?, ?, ?, ?)');
    const location = db.prepare('INSERT INTO locations (key, street, extended, city, province, postal_code, used_at) VALUES (@key, @street, @extended, @city, @province, @postalCode, @usedAt) ON CONFLICT (key) DO UPDATE SET used_at = MAX(used_at, excluded.used_at)');
    const rows = db.prepare<[], { id: string; draft: string; listed: string | null; updated_at: string }>('SELECT id, draft, listed, updated_at FROM offerings ORDER BY created_at, id').all();
    rows.forEach((row, i) => {
      const draft = readDraftV4(row.draft);
      update.run({ id: row.id, seq: i + 1, ...offeringColumnsV4(draft, readListedV4(row.listed)) });
      for (const d of classDayRowsV4(draft)) day.run(row.id, d.day, d.date, d.start, d.end);
      const a = draft.address;
      if (draft.kind === 'class' && a.street.trim() !== '' && a.city.trim() !== '') {
        location.run({ key: locationKeyV4(a), street: a.street, extended: a.extended, city: a.city, province: a.province, postalCode: a.postalCode, usedAt: row.updated_at });
      }
    });

    db.exec(`
      CREATE UNIQUE INDEX offerings_seq ON offerings (seq);
      INSERT INTO offerings_fts (rowid, course_name, city, offering_id) SELECT seq, course_name, city, offering_id FROM offerings;
      CREATE TRIGGER offerings_fts_insert AFTER INSERT ON offerings BEGIN
        INSERT INTO offerings_fts (rowid, course_name, city, offering_id) VALUES (new.seq, new.course_name, new.city, new.offering_id);
      END;
      CREATE TRIGGER offerings_fts_update AFTER UPDATE OF course_name, city, offering_id ON offerings BEGIN
        DELETE FROM offerings_fts WHERE rowid = old.seq;
        INSERT INTO offerings_fts (rowid, course_name, city, offering_id) VALUES (new.seq, new.course_name, new.city, new.offering_id);
      END;
      CREATE TRIGGER offerings_fts_delete AFTER DELETE ON offerings BEGIN
        DELETE FROM offerings_fts WHERE rowid = old.seq;
      END;

      -- The list: not in the Trash, one index per sort, each ending in seq for the keyset
      -- cursor; what has no value (an undated draft, an online course's seats) sorts after every value.
      CREATE INDEX offerings_by_date ON offerings (${SORT_EXPRESSIONS.firstDate}, seq) WHERE trashed_at IS NULL;
      CREATE INDEX offerings_by_course ON offerings (${SORT_EXPRESSIONS.course}, seq) WHERE trashed_at IS NULL;
      CREATE INDEX offerings_by_standard ON offerings (${SORT_EXPRESSIONS.standard}, seq) WHERE trashed_at IS NULL;
      CREATE INDEX offerings_by_city ON offerings (${SORT_EXPRESSIONS.city}, seq) WHERE trashed_at IS NULL;
      CREATE INDEX offerings_by_seats ON offerings (${SORT_EXPRESSIONS.seats}, seq) WHERE trashed_at IS NULL;
      CREATE INDEX offerings_by_status ON offerings (${SORT_EXPRESSIONS.status}, seq) WHERE trashed_at IS NULL;
      CREATE INDEX offerings_by_end ON offerings (last_end_utc) WHERE trashed_at IS NULL;
      -- "Past offerings still listed" counts from this index alone, never reading a row's JSON.
      CREATE INDEX offerings_listed_by_end ON offerings (last_end_utc, pending) WHERE trashed_at IS NULL AND listed IS NOT NULL;
      -- The queue's counts read only the few rows that are waiting or failed.
      CREATE INDEX offerings_waiting ON offerings (held, next_attempt_at) WHERE pending IS NOT NULL;
      CREATE INDEX offerings_failed ON offerings (id) WHERE held = 1 OR (error IS NOT NULL AND pending IS NULL);
      CREATE INDEX offerings_locations ON offerings (updated_at) WHERE trashed_at IS NULL AND kind = 'class' AND city <> '';
    `);
  },
};
