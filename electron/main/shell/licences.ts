// The About box names the open-source packages the app ships, with their
// licences, read from the installed packages themselves.
import fs from 'node:fs';
import path from 'node:path';

export function productionLicences(appRoot: string): { name: string; version: string; license: string }[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(pkg.dependencies ?? {})
    .sort()
    .map((name) => {
      const dep = JSON.parse(fs.readFileSync(path.join(appRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string; license?: string };
      return { name, version: dep.version, license: dep.license ?? 'see package' };
    });
}
