// `Offering Desk --smoke`: the installed app opens its window, checks the
// catalogue and the page's boundaries, prints one line and exits 0 (or 1).
// The CI installer jobs run it on each OS.

export const SMOKE_FLAG = '--smoke';

/** What the page reports about itself, from inside the window. */
export const PAGE_PROBE = `JSON.stringify({
  api: window.api ? Object.keys(window.api).sort() : [],
  leaks: ['require', 'process', 'ipcRenderer', 'module', 'Buffer', 'global'].filter((name) => typeof window[name] !== 'undefined'),
  protocol: location.protocol,
})`;

export interface PageReport {
  api: string[];
  leaks: string[];
  protocol: string;
}

export interface SmokeProbe {
  /** Offerings in the catalogue: proves SQLite opened (native module and migrations included). */
  offerings(): number;
  /** The page's own answer to PAGE_PROBE. */
  page(): Promise<string>;
}

export async function runSmoke(probe: SmokeProbe): Promise<{ ok: boolean; report: string }> {
  const problems: string[] = [];
  let count = -1;
  try {
    count = probe.offerings();
  } catch (e) {
    problems.push(`catalogue: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const page = JSON.parse(await probe.page()) as PageReport;
    if (!page.api.includes('invoke')) problems.push('window.api.invoke is missing');
    const extra = page.api.filter((k) => !['invoke', 'onMenuCommand', 'onEvent'].includes(k));
    if (extra.length) problems.push(`window.api exposes more than it should: ${extra.join(', ')}`);
    if (page.leaks.length) problems.push(`the page can reach ${page.leaks.join(', ')}`);
    if (page.protocol !== 'app:') problems.push(`the page was served from ${page.protocol}, not app:`);
  } catch (e) {
    problems.push(`page: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ok = problems.length === 0;
  return { ok, report: ok ? `Offering Desk smoke: ok (${count} offerings in the catalogue)` : `Offering Desk smoke: FAILED — ${problems.join('; ')}` };
}
