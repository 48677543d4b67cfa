// A stored offering read back: its draft for the form (openable whatever it
// holds), for the catalogue's rules (validated) or for the queue's hot path
// (trusted), its acknowledged listing, and the whole record the window shows.
import { AppError } from '../../../shared/errors';
import { OfferingDraft, emptyDraft } from '../../../shared/offering';
import type { OfferingRecord } from '../../../shared/ipc';
import type { WireListing } from '../marketplace/wire';
import type { OfferingRow } from './offerings-store';
import { isPast, listedVia } from './row-rules';

export function parseDraft(row: Pick<OfferingRow, 'draft'>): OfferingDraft {
  return OfferingDraft.parse(JSON.parse(row.draft));
}

/**
 * The stored draft for the form, whatever it holds: one today's schema refuses
 * (an earlier version's, or damaged outside the app) still opens, each field
 * that does not fit left empty for the user to fill in again. The integrity
 * walk has marked the row and named those fields (integrity-check `damage`).
 */
export function openableDraft(row: Pick<OfferingRow, 'draft'>): OfferingDraft {
  let stored: unknown;
  try {
    stored = JSON.parse(row.draft) as unknown;
  } catch {
    stored = undefined;
  }
  const parsed = OfferingDraft.safeParse(stored);
  if (parsed.success) return parsed.data;
  const fields = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const empty: Record<string, unknown> = emptyDraft(fields.kind === 'online' ? 'online' : 'class');
  const shape: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }> = OfferingDraft.shape;
  return Object.fromEntries(
    Object.entries(empty).map(([k, fallback]) => {
      const field = shape[k]!.safeParse(fields[k]);
      return [k, field.success ? field.data : fallback];
    }),
  ) as OfferingDraft;
}

/**
 * The stored draft without validating it again, for the queue's hot path: the
 * catalogue validated it when it wrote it. Drafts written before online
 * offerings lack the fields added since; their defaults are filled in.
 */
export function readDraft(row: Pick<OfferingRow, 'draft'>): OfferingDraft {
  return { kind: 'class', courseDurationHours: null, ...(JSON.parse(row.draft) as Partial<OfferingDraft>) } as OfferingDraft;
}

/** The listing as the queue acknowledged it (it wrote it from a wire body): not validated again. */
export function readListed(row: Pick<OfferingRow, 'listed'>): WireListing | null {
  return row.listed === null ? null : (JSON.parse(row.listed) as WireListing);
}

/** The whole offering, for the form: the one place a stored draft is parsed on a read. */
export function toRecord(row: OfferingRow, now: Date = new Date()): OfferingRecord {
  return {
    id: row.id,
    draft: openableDraft(row),
    status: row.status,
    listed: row.listed !== null,
    pendingAction: row.pending,
    error: row.error === null ? null : AppError.parse(JSON.parse(row.error)),
    updatedAt: row.updated_at,
    past: isPast(row, now.toISOString()),
    trashedAt: row.trashed_at,
    listedVia: listedVia(row.listed !== null, row),
  };
}
