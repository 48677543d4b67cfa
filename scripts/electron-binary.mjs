// Where Electron's binary is, found without require('electron'): that call
// tries to download a missing binary, and this machine must not.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export function electronBinary() {
  let dir;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { path: null, reason: "Electron's binary was not downloaded here (ELECTRON_SKIP_BINARY_DOWNLOAD=1); these tests run on the CI runners that have it" };
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? { path: binary, reason: null } : { path: null, reason: `Electron's binary is missing at ${binary}` };
}
