// Run by bench:catalogue in a process of its own, so the figure is the main
// process's alone, and built first as electron-vite builds the main process
// (app code bundled, packages from node_modules): `node main-rss.mjs <dir> [--bare]`.
// Not under tsx, whose TypeScript loader holds ~32 MB the shipped app does not. Opens the catalogue,
// answers the calls a session makes (first page, scrolling, filters, searches,
// counts, a calendar month, Settings), then prints its resident memory as JSON,
// at once and settled. With --bare it loads the same modules and opens nothing:
// the baseline.
import { createServices } from '../electron/main/services';
import { createHandlers } from '../electron/main/handlers';
import { dispatch } from '../electron/main/ipc/dispatch';
import { memoryStore } from './memory-secrets';

const [dir, mode] = process.argv.slice(2);
if (mode !== '--bare') {
  const services = createServices({ dataDir: dir!, secretStore: memoryStore() });
  services.queue.cancel();
  await services.integrity;
  const handlers = createHandlers(services);
  const calls: [string, unknown][] = [
    ['offerings:page', {}],
    ['offerings:counts', {}],
    ['settings:get', {}],
    ...Array.from({ length: 50 }, (_, i): [string, unknown] => ['offerings:page', { offset: i * 1000 }]),
    ...['s', 'sé', 'securite', 'toronto', 'class 12'].map((search): [string, unknown] => ['offerings:page', { search }]),
    ['offerings:page', { status: 'draft', program: 'WAH', when: 'upcoming' }],
    ['calendar:range', { from: '2027-01-01', to: '2027-02-11' }],
    ['locations:list', {}],
  ];
  for (const [channel, request] of calls) {
    const result = await dispatch(handlers, channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  }
  // Measured with the catalogue still open, as the app holds it: at once after the
  // calls, and settled — after a second idle, as a window waits for its user, when
  // the collector's concurrent sweeping has handed freed pages back (tens of MB).
  globalThis.gc?.();
  const atOnce = process.memoryUsage().rss;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  globalThis.gc?.();
  process.stdout.write(JSON.stringify({ atOnce, settled: process.memoryUsage().rss }));
  await services.close();
} else {
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  globalThis.gc?.();
  const rss = process.memoryUsage().rss;
  process.stdout.write(JSON.stringify({ atOnce: rss, settled: rss }));
}
