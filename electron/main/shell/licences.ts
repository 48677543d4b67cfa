// The About box names every open-source package the app ships, with its
// licence: the installed production dependencies and all they depend on (what
// electron-builder packs), and the packages the window's and the preload's
// builds bundled (each build lists them in its output folder).
import fs from 'node:fs';
import path from 'node:path';

/** Written by scripts/shipped-packages-plugin.ts into each build's output folder. */
export const SHIPPED_PACKAGES_FILE = 'bundled-packages.json';

export interface Licence {
  name: string;
  version: string;
  license: string;
}

export interface Manifest {
  name: string;
  version: string;
  license?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const BUNDLED_BY = ['out/main', 'out/preload', 'out/renderer'];

function readManifest(dir: string): Manifest | null {
  const file = path.join(dir, 'package.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : null;
}

/** A package's entry in the About box, from its manifest (the build's plugin writes the same). */
export function licenceOf({ name, version, license }: Manifest): Licence {
  return { name, version, license: license ?? 'see package' };
}

/** Where Node finds `name` from a package in `fromDir`: its own node_modules, then each parent's. */
function resolvePackageDir(fromDir: string, name: string, appRoot: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === appRoot || path.dirname(dir) === dir) return null;
  }
}

/** The production dependencies and everything they need, each once (an optional one only if installed). */
function installedClosure(appRoot: string): Licence[] {
  const seen = new Map<string, Licence>();
  const walk = (fromDir: string, manifest: Manifest) => {
    const optional = Object.keys(manifest.optionalDependencies ?? {});
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...optional]) {
      const dir = resolvePackageDir(fromDir, name, appRoot);
      if (!dir) {
        if (optional.includes(name)) continue;
        throw new Error(`The shipped package ${name} is not installed`);
      }
      if (seen.has(dir)) continue;
      const dep = readManifest(dir)!;
      seen.set(dir, licenceOf(dep));
      walk(dir, dep);
    }
  };
  const root = readManifest(appRoot);
  if (root) walk(appRoot, root);
  return [...seen.values()];
}

function bundled(appRoot: string): Licence[] {
  return BUNDLED_BY.flatMap((folder) => {
    const file = path.join(appRoot, folder, SHIPPED_PACKAGES_FILE);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Licence[]) : [];
  });
}

export function productionLicences(appRoot: string): Licence[] {
  const byKey = new Map<string, Licence>();
  for (const l of [...installedClosure(appRoot), ...bundled(appRoot)]) byKey.set(`${l.name}@${l.version}`, l);
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}
