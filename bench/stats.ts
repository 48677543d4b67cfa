import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The median of a benchmark's runs (the upper one of an even count). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * How long the main thread was blocked while `work` ran, in ms: the intervals of a 1 ms timer, as
 * monitorEventLoopDelay gives them (so an idle thread reads about 1.1). In Electron every window waits that long.
 */
export async function blocking(work: () => Promise<unknown>): Promise<{ p99: number; max: number }> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  try {
    await work();
  } finally {
    loop.disable();
  }
  return { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
}
