// Remembers the window's size and position, and never restores it off-screen
// (a laptop undocked from the monitor it was last on).
import fs from 'node:fs';
import { PRIVATE_FILE_MODE } from '../platform/private-files';
import { z } from 'zod';

const Rect = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(200), height: z.number().int().min(200) });
export type Rect = z.infer<typeof Rect>;
const WindowState = z.object({ bounds: Rect, maximized: z.boolean() });
export type WindowState = z.infer<typeof WindowState>;

export function loadWindowState(file: string): WindowState | null {
  try {
    const parsed = WindowState.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state), { mode: PRIVATE_FILE_MODE });
  fs.renameSync(`${file}.tmp`, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The bounds to open with: the saved ones if enough of the window (its title
 * bar included) is on a display today, else the default size centred on the
 * primary display's work area.
 */
export function placeWindow(saved: WindowState | null, workAreas: Rect[], defaults: { width: number; height: number }): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: defaults.width, height: defaults.height };
  if (saved) {
    const titleBar = { ...saved.bounds, height: 40 };
    const visible = workAreas.reduce((sum, area) => sum + overlap(saved.bounds, area), 0);
    const titleVisible = workAreas.some((area) => overlap(titleBar, area) > 0);
    if (titleVisible && visible >= 0.5 * saved.bounds.width * saved.bounds.height) return saved;
  }
  const width = Math.min(saved?.bounds.width ?? defaults.width, primary.width);
  const height = Math.min(saved?.bounds.height ?? defaults.height, primary.height);
  return {
    bounds: { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height },
    maximized: saved?.maximized ?? false,
  };
}
