// The catalogue's schema, one file per version, applied in order, one
// transaction each; the version lives in PRAGMA user_version. Append only.
import type { Migration } from './migration';
import { migration001 } from './001-offerings-call-log-settings';
import { migration002 } from './002-trash';
import { migration003 } from './003-listed-via';
import { migration004 } from './004-list-columns';
import { migration005 } from './005-covering-list-indexes';
import { migration006 } from './006-drafts-apart';
import { migration007 } from './007-incomplete-status';
import { migration008 } from './008-calendar-days';
import { migration009 } from './009-rosters';
import { migration010 } from './010-templates';
import { migration011 } from './011-schedule-mappings';
import { migration012 } from './012-due-order-index';
import { migration013 } from './013-call-details';
import { migration014 } from './014-proofs-issued';
import { migration015 } from './015-team-sync';

export type { Migration };

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014, migration015];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
