// The training standards the Marketplace accepts: 20 for class offerings and
// 2 for online (e-learning) offerings. Language and delivery are derived from
// the key itself (E/F, final B/I/V/O) so the table cannot disagree with the key.
// Plain values only (no zod): the window reads them; `standards.ts` holds the
// schemas made from these lists.
import type { DeliveryMethod, Language, OnlineStandardKey, Program, StandardKey } from './standards';
import { minimumClassHours } from './program-rules';

export const TRAINING_STANDARD_KEYS = [
  'WAH-E-B',
  'WAH-E-I',
  'WAH-F-I',
  'WAH-Refr-E-I',
  'WAH-Refr-E-B',
  'WAH-Refr-F-I',
  'JHSC-2014-1-E-B',
  'JHSC-2014-1-E-I',
  'JHSC-2014-1-E-V',
  'JHSC-2014-2-E-I',
  'JHSC-2014-2-E-V',
  'JHSC-2014-1-F-I',
  'JHSC-2014-1-F-V',
  'JHSC-2014-2-F-I',
  'JHSC-2014-2-F-V',
  'JHSC-2014-Refr-E-I',
  'JHSC-2014-Refr-E-V',
  'JHSC-2014-Refr-F-V',
  'JHSC-1996-1-E-I',
  'JHSC-1996-2-E-I',
] as const;

/** The Online Offering API's two standards: JHSC Part One as e-learning, in English and in French. */
export const ONLINE_STANDARD_KEYS = ['JHSC-2014-1-E-O', 'JHSC-2014-1-F-O'] as const;

export const ALL_STANDARD_KEYS = [...TRAINING_STANDARD_KEYS, ...ONLINE_STANDARD_KEYS] as const;

export const DELIVERY_METHODS = ['in-person', 'virtual', 'blended'] as const;

export function isStandardKey(value: unknown): value is StandardKey {
  return typeof value === 'string' && (ALL_STANDARD_KEYS as readonly string[]).includes(value);
}

export function isOnlineStandard(key: string): key is OnlineStandardKey {
  return (ONLINE_STANDARD_KEYS as readonly string[]).includes(key);
}

/** How a standard is taught: a class's delivery method, or online (e-learning, no class days). */
export type StandardDelivery = DeliveryMethod | 'online';

/** The ministry's own labels, verbatim (including its inconsistent dashes). */
const MINISTRY_LABELS: Record<StandardKey, string> = {
  'JHSC-2014-1-E-O': 'JHSC - Part 1',
  'JHSC-2014-1-F-O': 'CMSS - partie 1',
  'WAH-E-B': 'Working at Heights - Full course',
  'WAH-E-I': 'Working at Heights - Full course',
  'WAH-F-I': 'Travail en hauteur - cours complet',
  'WAH-Refr-E-I': 'Working at Heights - Refresher course',
  'WAH-Refr-E-B': 'Working at Heights - Refresher course',
  'WAH-Refr-F-I': 'Travail en hauteur - cours de perfectionnement',
  'JHSC-2014-1-E-B': 'JHSC – Part 1',
  'JHSC-2014-1-E-I': 'JHSC - Part 1',
  'JHSC-2014-1-E-V': 'JHSC - Part 1',
  'JHSC-2014-2-E-I': 'JHSC - Part 2',
  'JHSC-2014-2-E-V': 'JHSC - Part 2',
  'JHSC-2014-1-F-I': 'CMSS - partie 1',
  'JHSC-2014-1-F-V': 'CMSS - partie 1',
  'JHSC-2014-2-F-I': 'CMSS - partie 2',
  'JHSC-2014-2-F-V': 'CMSS - partie 2',
  'JHSC-2014-Refr-E-I': 'JHSC – Refresher',
  'JHSC-2014-Refr-E-V': 'JHSC – Refresher',
  'JHSC-2014-Refr-F-V': 'CMSS - refresher',
  'JHSC-1996-1-E-I': 'JHSC 1996 - Part 1',
  'JHSC-1996-2-E-I': 'JHSC 1996 – Part 2',
};

export interface TrainingStandard {
  key: StandardKey;
  label: string;
  program: Program;
  language: Language;
  delivery: StandardDelivery;
  /** The course without language and delivery (`WAH-Refr`, `JHSC-2014-1`): the key of its label in both languages. */
  course: string;
  /** The program's minimum hours of class days, for a warning (never an error); null where no standard we follow sets one. */
  minimumHours: number | null;
}

const DELIVERY_BY_LETTER = { B: 'blended', I: 'in-person', V: 'virtual', O: 'online' } as const;

function describe(key: StandardKey): TrainingStandard {
  const parts = key.split('-');
  const deliveryLetter = parts.at(-1) as keyof typeof DELIVERY_BY_LETTER;
  const languageLetter = parts.at(-2);
  const course = parts.slice(0, -2).join('-');
  const delivery = DELIVERY_BY_LETTER[deliveryLetter];
  return {
    key,
    label: MINISTRY_LABELS[key],
    program: key.startsWith('WAH') ? 'WAH' : key.startsWith('JHSC-1996') ? 'JHSC-1996' : 'JHSC-2014',
    language: languageLetter === 'F' ? 'fr' : 'en',
    delivery,
    course,
    minimumHours: minimumClassHours({ course, delivery }),
  };
}

/** The 20 standards of class offerings. */
export const TRAINING_STANDARDS: readonly TrainingStandard[] = TRAINING_STANDARD_KEYS.map(describe);
/** The 2 standards of online offerings. */
export const ONLINE_STANDARDS: readonly TrainingStandard[] = ONLINE_STANDARD_KEYS.map(describe);
export const ALL_STANDARDS: readonly TrainingStandard[] = [...TRAINING_STANDARDS, ...ONLINE_STANDARDS];

export function standardFor(key: StandardKey): TrainingStandard {
  return describe(key);
}

/** In-person and blended classes are held at an address; virtual classes and online courses are not. */
export function needsAddress(delivery: StandardDelivery): boolean {
  return delivery === 'in-person' || delivery === 'blended';
}
