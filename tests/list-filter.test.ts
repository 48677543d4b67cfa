import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visibleOfferings, DEFAULT_FILTER } from '../renderer/src/lib/list-filter';
import type { OfferingRecord } from '../shared/ipc';
import type { TrainingStandardKey } from '../shared/standards';
import { validDraft } from './support/helpers';

function record(name: string, over: Partial<OfferingRecord> & { date?: string; key?: TrainingStandardKey; city?: string }): OfferingRecord {
  const draft = validDraft({
    courseName: name,
    ...(over.key ? { trainingStandardKey: over.key } : {}),
    classDays: over.date ? [{ date: over.date, start: '08:00', end: '16:00' }] : [],
    address: { street: '1 Main', extended: '', city: over.city ?? 'Toronto', province: 'ON', postalCode: 'M5H 2N2' },
  });
  return { id: name, draft, status: 'draft', listed: false, pendingAction: null, error: null, updatedAt: '', past: false, trashedAt: null, listedVia: null, ...over };
}

const records = [
  record('WAH May', { date: '2027-05-03' }),
  record('JHSC Ottawa', { date: '2027-04-01', key: 'JHSC-2014-1-E-I', city: 'Ottawa', status: 'published', listed: true }),
  record('Travail en hauteur', { date: '2027-06-01', key: 'WAH-F-I' }),
  record('Old WAH', { date: '2025-02-01', past: true, status: 'published', listed: true }),
  record('No date yet', {}),
];
const names = (f: Partial<typeof DEFAULT_FILTER>) => visibleOfferings(records, { ...DEFAULT_FILTER, ...f }).map((r) => r.draft.courseName);

test('upcoming offerings come first, soonest first; past ones after; undated drafts last among upcoming', () => {
  assert.deepEqual(names({}), ['JHSC Ottawa', 'WAH May', 'Travail en hauteur', 'No date yet', 'Old WAH']);
  assert.deepEqual(names({ order: 'latest' }), ['No date yet', 'Travail en hauteur', 'WAH May', 'JHSC Ottawa', 'Old WAH']);
});

test('search by course name, city or offering id; filter by status, program, language and dates', () => {
  assert.deepEqual(names({ search: 'ottawa' }), ['JHSC Ottawa']);
  assert.deepEqual(names({ search: records[2]!.draft.offeringId }), ['Travail en hauteur']);
  assert.deepEqual(names({ status: 'published' }), ['JHSC Ottawa', 'Old WAH']);
  assert.deepEqual(names({ program: 'JHSC-2014' }), ['JHSC Ottawa']);
  assert.deepEqual(names({ language: 'fr' }), ['Travail en hauteur']);
  assert.deepEqual(names({ when: 'past' }), ['Old WAH']);
  assert.deepEqual(names({ when: 'upcoming', program: 'WAH', language: 'en' }), ['WAH May', 'No date yet']);
});
