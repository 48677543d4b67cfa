// The team schema's versions, applied in order, each in its own transaction;
// offering_desk.schema_versions records each one applied. Append only.
import type { TeamMigration } from './migration';
import { teamMigration001 } from './001-offerings-change-log';

export type { TeamMigration };

export const TEAM_MIGRATIONS: readonly TeamMigration[] = [teamMigration001];

export const TEAM_LATEST_VERSION = TEAM_MIGRATIONS.at(-1)?.version ?? 0;
