// Where PostgreSQL's server binaries (initdb, postgres) are, for the team tests'
// throwaway clusters: OFFERING_DESK_PG_BIN when set, else Debian's
// /usr/lib/postgresql/<version>/bin (the highest version there; they are not
// on PATH), else the folder `pg_config --bindir` names (Homebrew, the
// Windows installer). Only the tests need it: the app itself never runs PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const exe = process.platform === 'win32' ? '.exe' : '';
const hasServer = (dir) => fs.existsSync(path.join(dir, `initdb${exe}`)) && fs.existsSync(path.join(dir, `postgres${exe}`));

export function postgresBin(env = process.env) {
  if (env.OFFERING_DESK_PG_BIN) {
    return hasServer(env.OFFERING_DESK_PG_BIN)
      ? { dir: env.OFFERING_DESK_PG_BIN, reason: null }
      : { dir: null, reason: `OFFERING_DESK_PG_BIN (${env.OFFERING_DESK_PG_BIN}) holds no initdb and postgres` };
  }
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v) && hasServer(path.join(debian, v, 'bin')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return { dir: path.join(debian, versions[0], 'bin'), reason: null };
  }
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8', env, timeout: 10_000 });
  const dir = config.status === 0 ? config.stdout.trim() : '';
  if (dir && hasServer(dir)) return { dir, reason: null };
  return { dir: null, reason: 'PostgreSQL is not installed (no initdb and postgres in /usr/lib/postgresql/*/bin or from pg_config)' };
}
