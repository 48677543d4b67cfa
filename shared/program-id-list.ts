// A list of approved program IDs as a provider pastes it from the ministry's
// schedule or a spreadsheet: one standard per line, named by its Marketplace
// key (WAH-E-I, JHSC-2014-Refr-E-V), with its program ID on the same line
// (WAH-10083, JHSC-2014-Refr-10016), in any order, separated by tabs, commas,
// semicolons, colons or spaces. Lines that name no standard are reported back.
import { PROGRAM_ID } from './app-rules';
import { ALL_STANDARD_KEYS } from './standard-list';
import type { StandardKey } from './standards';

const KEY_BY_FOLDED = new Map(ALL_STANDARD_KEYS.map((k) => [k.toLowerCase(), k as StandardKey]));

export interface ProgramIdList {
  ids: Partial<Record<StandardKey, string>>;
  /** Lines (trimmed, non-empty) that did not pair one standard with one program ID. */
  unread: string[];
}

export function readProgramIdList(text: string): ProgramIdList {
  const ids: Partial<Record<StandardKey, string>> = {};
  const unread: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const tokens = line.split(/[\t,;:|\s]+/).filter(Boolean);
    const keys = tokens.filter((t) => KEY_BY_FOLDED.has(t.toLowerCase()));
    const programIds = tokens.filter((t) => !KEY_BY_FOLDED.has(t.toLowerCase()) && PROGRAM_ID.test(t) && /\d/.test(t) && /-/.test(t));
    if (keys.length === 1 && programIds.length === 1) ids[KEY_BY_FOLDED.get(keys[0]!.toLowerCase())!] = programIds[0]!;
    else unread.push(line);
  }
  return { ids, unread };
}
