// Lint enforces the process boundaries: the renderer and shared code cannot
// reach Node, Electron or the main process, and shared code neither side.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnly = ['better-sqlite3', 'keytar', 'electron-log', 'electron-updater'];
const noNode = { paths: [...nodeBuiltins, 'electron'].map((name) => ({ name, message: 'Only electron/ may use Node or Electron.' })) };
const noNodePackages = { group: nodeOnly.flatMap((name) => [name, `${name}/**`]), message: 'Only the main process may use SQLite, the keychain, the log or the updater.' };
const noMain = { group: ['**/electron/**', '**/electron'], message: 'Only electron/ may import electron/ code; talk to it through window.api.' };
// The preload runs sandboxed beside the page: it may use 'electron' (contextBridge, ipcRenderer) and shared/, nothing of Node or of main.
const preloadNoNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'The sandboxed preload may use only electron and shared/.' })) };
const preloadNoMain = { group: ['**/main/**', '**/main', '**/renderer/**'], message: 'The preload may use only electron and shared/.' };
// The window carries no schema library (its weight, #10): it may take types from
// the shared modules that build zod schemas, never values. Found by reading
// shared/, so a module that starts using zod is covered the day it does.
const zodModules = fs
  .readdirSync('shared')
  .filter((f) => f.endsWith('.ts') && /from 'zod'/.test(fs.readFileSync(`shared/${f}`, 'utf8')))
  .map((f) => f.replace(/\.ts$/, ''));
const noZodValues = {
  paths: [{ name: 'zod', message: 'The window validates nothing with zod: the main process does.' }],
  patterns: [{ group: zodModules.map((m) => `**/shared/${m}`), allowTypeImports: true, message: 'This shared module builds zod schemas: import its plain values from the zod-free module beside it (offering-rules, standard-list, learner-rules, error-codes, app-rules), and only types from here.' }],
};
// The zod-free shared modules stay zod-free: the window imports them.
const plainShared = fs
  .readdirSync('shared')
  .filter((f) => f.endsWith('.ts') && !zodModules.includes(f.replace(/\.ts$/, '')))
  .map((f) => `shared/${f}`);
const plainStaysPlain = { ...noZodValues, patterns: [{ ...noZodValues.patterns[0], group: zodModules.map((m) => `./${m}`) }] };
// Migrations are frozen: each carries its own SQL and its own copies of the
// rules it needs, so a rule tightened later never breaks an old catalogue's
// upgrade. They import nothing outside database/migrations/, and no package (types aside).
const migrationsFrozen = {
  patterns: [
    { regex: '^\\.\\./', message: 'A migration is frozen: it imports nothing outside database/migrations/; copy what it needs into migrations/frozen/ as it is today.' },
    { regex: '^[^.]', allowTypeImports: true, message: 'A migration is frozen: no package either (a library changes or is removed); types only.' },
  ],
};
// The runtime reads nothing from a migration (its own copy lives beside its owner, e.g. catalogue/list-indexes); only database/schema and database/open run them, through their index.
const noMigrations = { group: ['**/migrations/**', '**/migrations'], message: 'Migrations are frozen history: runtime code keeps its own copy of what it needs (database/schema and database/open alone run migrations/index).' };
// The sandbox is the client's second opinion, not its echo: it reads the
// contract from docs/marketplace-api.md into its own module (sandbox/contract),
// so a wrong change to the client's bodies is refused instead of agreed with.
const sandboxOwnReading = {
  group: ['**/marketplace/**', '**/marketplace', '**/shared/**', '**/shared'],
  message: 'The sandbox Marketplace imports nothing of the client (marketplace/) or shared/: its contract is its own reading of docs/marketplace-api.md (sandbox/contract.ts).',
};
const noRenderer = { group: ['**/renderer/**', '**/renderer'], message: 'shared/ is imported by both sides and imports from neither.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { ...noNode, patterns: [noMain, noNodePackages] }],
      '@typescript-eslint/no-restricted-imports': ['error', noZodValues],
    },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': ['error', { ...noNode, patterns: [noMain, noRenderer, noNodePackages] }] },
  },
  {
    files: plainShared,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', plainStaysPlain] },
  },
  {
    files: ['electron/main/database/migrations/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', migrationsFrozen] },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/main/database/migrations/**', 'electron/main/database/open.ts', 'electron/main/database/schema.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noMigrations] }] },
  },
  {
    files: ['electron/main/database/open.ts', 'electron/main/database/schema.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ ...noMigrations, group: ['./migrations/*', '!./migrations/index'] }] }] },
  },
  {
    // The team schema's migrations are frozen the same way: plain SQL, importing nothing but their own folder.
    files: ['electron/main/team/team-migrations/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./', message: 'A team migration is frozen: it imports nothing outside team/team-migrations/.' }, { regex: '^[^.]', message: 'A team migration is frozen: no package either.' }] }] },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/main/team/team-migrations/**', 'electron/main/team/team-schema.ts', 'electron/main/database/migrations/**', 'electron/main/database/open.ts', 'electron/main/database/schema.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noMigrations, { group: ['**/team-migrations/**', '**/team-migrations'], message: 'Team migrations are frozen history: only team/team-schema runs them, through their index.' }] }] },
  },
  {
    files: ['electron/main/sandbox/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noMigrations, sandboxOwnReading] }] },
  },
  {
    files: ['electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { ...preloadNoNode, patterns: [preloadNoMain, noNodePackages] }] },
  },
);
