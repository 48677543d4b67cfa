import type { Database } from 'better-sqlite3';

/** One step of the catalogue's schema, applied once, in its own transaction. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
