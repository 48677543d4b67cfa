// The team schema in PostgreSQL: its version (offering_desk.schema_versions),
// made in an empty database by Share, brought up to date by a desk that knows
// newer versions, and refused, with a plain message, when the team's is newer
// than this desk knows: the desk then keeps working alone. Only this module
// runs the team migrations, through their index.
import type pg from 'pg';
import { failure } from '../../../shared/errors';
import { TEAM_MIGRATIONS, TEAM_LATEST_VERSION, type TeamMigration } from './team-migrations/index';

export const TEAM_SCHEMA = 'offering_desk';
export { TEAM_LATEST_VERSION };

/** Taken by every schema change, so two desks sharing at once make it once. */
const SCHEMA_LOCK = 0x0ffe_d35c;

type Queryable = Pick<pg.ClientBase, 'query'>;

/** The team schema's version in this database, or null when it has none (not a team database). */
export async function teamSchemaVersion(client: Queryable): Promise<number | null> {
  const found = await client.query<{ present: boolean }>(`SELECT to_regclass('${TEAM_SCHEMA}.schema_versions') IS NOT NULL AS present`);
  if (!found.rows[0]?.present) return null;
  const v = await client.query<{ version: number | null }>(`SELECT max(version)::int AS version FROM ${TEAM_SCHEMA}.schema_versions`);
  return v.rows[0]?.version ?? 0;
}

/** Tables of anyone's in this database, outside PostgreSQL's own schemas: Share makes a team only where there are none. */
export async function userTableCount(client: Queryable): Promise<number> {
  const r = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'",
  );
  return r.rows[0]?.n ?? 0;
}

export function newerTeamSchema(found: number, known = TEAM_LATEST_VERSION) {
  return failure(
    'team-schema-newer',
    `The team catalogue was made by a newer version of Offering Desk (team schema ${found}; this desk knows up to ${known}). Install the latest version to use it; until then this desk keeps working on its own, and nothing was changed.`,
  );
}

/** Refuses a team schema newer than this desk knows; answers its version (null: not a team database). */
export async function checkTeamSchema(client: Queryable, migrations: readonly TeamMigration[] = TEAM_MIGRATIONS): Promise<number | null> {
  const version = await teamSchemaVersion(client);
  const known = migrations.at(-1)?.version ?? 0;
  if (version !== null && version > known) throw newerTeamSchema(version, known);
  return version;
}

/**
 * Applies the versions this database lacks, each in its own transaction with its row in
 * schema_versions; under an advisory lock, the version read again inside it. Refuses a newer schema.
 * With `create`, makes the schema in a database that has none.
 */
export async function migrateTeam(client: pg.ClientBase, { create = false, migrations = TEAM_MIGRATIONS }: { create?: boolean; migrations?: readonly TeamMigration[] } = {}): Promise<number> {
  for (const m of migrations) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      const current = await checkTeamSchema(client, migrations);
      if (current === null && !create) throw failure('team-not-a-team', 'This database holds no team catalogue. Share a catalogue into it first, or check the database name.');
      if (current === null) {
        await client.query(`CREATE SCHEMA ${TEAM_SCHEMA}`);
        await client.query(`CREATE TABLE ${TEAM_SCHEMA}.schema_versions (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      }
      if ((current ?? 0) < m.version) {
        await client.query(`SET LOCAL search_path TO ${TEAM_SCHEMA}`);
        for (const statement of m.sql) await client.query(statement);
        await client.query(`INSERT INTO ${TEAM_SCHEMA}.schema_versions (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
  }
  return (await teamSchemaVersion(client)) ?? 0;
}
