// The values the list's filters and sorts offer, as plain tuples: the zod
// schemas are built from them (shared/ipc.ts, shared/standards.ts), and the
// window's first script can show the list without loading zod.
export const OFFERING_STATUSES = [
  'incomplete', // never listed, and not ready to be: something is missing or wrong
  'draft', // never listed, ready to publish
  'waiting', // a change is queued for the Marketplace
  'published', // the Marketplace holds exactly what the catalogue holds
  'changed', // listed, but edited since the last publish
  'failed', // the last attempt failed; see `error`
  'needs-attention', // the Marketplace no longer has a listing we published
] as const;

export const LIST_SORTS = ['firstDate', 'course', 'standard', 'city', 'seats', 'status'] as const;

export const PROGRAMS = ['WAH', 'JHSC-2014', 'JHSC-1996'] as const;
