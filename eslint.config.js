// Lint enforces the process boundaries: the renderer and shared code cannot
// reach Node, Electron or the main process, and shared code neither side.
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
    rules: { 'no-restricted-imports': ['error', { ...noNode, patterns: [noMain, noNodePackages] }] },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': ['error', { ...noNode, patterns: [noMain, noRenderer, noNodePackages] }] },
  },
  {
    files: ['electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { ...preloadNoNode, patterns: [preloadNoMain, noNodePackages] }] },
  },
);
