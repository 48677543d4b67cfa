// The packages a build bundles into its output (the window's Svelte runtime,
// the preload's zod) are shipped without being in package.json's dependencies:
// each build writes them, with their licences, beside its output for the
// About box (electron/main/shell/licences.ts reads the file).
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { SHIPPED_PACKAGES_FILE, licenceOf, type Manifest } from '../electron/main/shell/licences';

/** The package a module file belongs to: the folder after its last node_modules (with its scope). */
export function packageDirOf(moduleId: string): string | null {
  const file = moduleId.replace(/^\0/, '').split('?')[0]!.replaceAll('\\', '/');
  const at = file.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const rest = file.slice(at + '/node_modules/'.length).split('/');
  const name = rest[0]!.startsWith('@') ? rest.slice(0, 2).join('/') : rest[0]!;
  return `${file.slice(0, at)}/node_modules/${name}`;
}

export function shippedPackages(): Plugin {
  return {
    name: 'offering-desk-shipped-packages',
    apply: 'build',
    generateBundle(_options, bundle) {
      const dirs = new Set<string>();
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const id of Object.keys(chunk.modules)) {
          const dir = packageDirOf(id);
          if (dir) dirs.add(dir);
        }
      }
      const packages = [...dirs]
        .map((dir) => licenceOf(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest))
        .sort((a, b) => a.name.localeCompare(b.name));
      this.emitFile({ type: 'asset', fileName: SHIPPED_PACKAGES_FILE, source: JSON.stringify(packages, null, 2) });
    },
  };
}
