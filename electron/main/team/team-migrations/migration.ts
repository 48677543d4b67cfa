/** One step of the team schema in PostgreSQL: plain SQL, applied once, in its own transaction, with its version recorded beside it. */
export interface TeamMigration {
  version: number;
  name: string;
  /** Statements run in order inside the schema `offering_desk`. */
  sql: readonly string[];
}
