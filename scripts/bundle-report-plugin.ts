// With RENDERER_BUNDLE_REPORT=file, the build writes each module's size in
// the renderer bundle (after tree-shaking, before minifying) for bench:bundle.
import fs from 'node:fs';
import type { Plugin } from 'vite';

export function bundleReport(file: string | undefined): Plugin {
  return {
    name: 'offering-desk-bundle-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      if (!file) return;
      const modules: Record<string, number> = {};
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const [id, info] of Object.entries(chunk.modules)) modules[id] = (modules[id] ?? 0) + info.renderedLength;
      }
      fs.writeFileSync(file, JSON.stringify(modules));
    },
  };
}
