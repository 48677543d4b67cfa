// Migrations are frozen (eslint.config.js): a migration imports nothing from
// outside database/migrations/ and no package, so a rule tightened later cannot
// change how an old catalogue is upgraded; runtime code reads nothing from a
// migration, so no migration has to stay in step with today's code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ESLint } from 'eslint';

const eslint = new ESLint();
const MIGRATIONS_DIR = 'electron/main/database/migrations';
const rulesHit = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);

test('every migration, as it is, imports only from database/migrations/ (types of better-sqlite3 aside)', async () => {
  const files = fs.readdirSync(MIGRATIONS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => `${MIGRATIONS_DIR}/${f}`);
  assert.ok(files.length > 12);
  for (const file of files) assert.deepEqual(await rulesHit(fs.readFileSync(file, 'utf8'), file), [], file);
});

test('a migration that imports today’s schemas, rules or a library is refused by lint', async () => {
  const file = `${MIGRATIONS_DIR}/099-example.ts`;
  const hits = await rulesHit(
    "import { OfferingDraft } from '../../../../shared/offering';\nimport { toWire } from '../../marketplace/wire';\nimport { TZDate } from '@date-fns/tz';\nexport const used = [OfferingDraft, toWire, TZDate];\n",
    file,
  );
  assert.equal(hits.length, 3);
  assert.match(hits[0]!, /frozen/);
});

test('runtime code may not read a migration; only database/open runs them, through their index', async () => {
  assert.equal((await rulesHit("import { x } from '../database/migrations/004-list-columns';\nexport const y = x;\n", 'electron/main/catalogue/list-query.ts')).length, 1);
  assert.equal((await rulesHit("import { MIGRATIONS } from '../database/migrations/index';\nexport const y = MIGRATIONS;\n", 'electron/main/catalogue/catalogue.ts')).length, 1);
  assert.deepEqual(await rulesHit("import { MIGRATIONS } from './migrations/index';\nexport const y = MIGRATIONS;\n", 'electron/main/database/open.ts'), []);
  assert.equal((await rulesHit("import { x } from './migrations/005-covering-list-indexes';\nexport const y = x;\n", 'electron/main/database/open.ts')).length, 1);
});
