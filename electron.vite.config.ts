import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { updateFeedForBuild } from './electron/main/shell/update-feed';
import { bundleReport } from './scripts/bundle-report-plugin';
import { shippedPackages } from './scripts/shipped-packages-plugin';

export default defineConfig({
  main: {
    plugins: [shippedPackages()],
    define: { __OFFERING_DESK_UPDATE_FEED__: JSON.stringify(updateFeedForBuild(process.env)) },
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    plugins: [shippedPackages()],
    // Sandboxed preloads can require only 'electron': bundle everything into one CommonJS file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [svelte(), bundleReport(process.env.RENDERER_BUNDLE_REPORT), shippedPackages()],
    // The two languages' messages (75 KB) as JSON.parse of a string, not object literals:
    // V8 reads JSON much faster than JavaScript, and they are a third of the window's first script.
    json: { stringify: true, namedExports: false },
    build: {
      // electron-vite leaves the renderer unminified by default; staff's windows load it on every start.
      minify: process.env.RENDERER_MINIFY !== '0',
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
