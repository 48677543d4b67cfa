// A listing adopted from a schedule file ("Already listed on the Marketplace")
// is a marker, not a wire body: the form must still save and publish it. Each
// kind, as an office moves its catalogue to a new laptop: one desk lists its
// offerings and exports them, a fresh desk imports the file, edits each
// offering in the form and publishes it: a full PATCH, never a POST.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testSandbox, testServices } from '../support/services';
import { ipcFor } from '../support/roster';
import { futureDate, networkKey, validDraft, validOnlineDraft } from '../support/helpers';
import { toWire } from '../../electron/main/marketplace/wire';
import type { OfferingDraft } from '../../shared/offering';
import type { OfferingRecord } from '../../shared/ipc';

const KINDS: { kind: string; draft: OfferingDraft }[] = [
  { kind: 'an in-person class', draft: validDraft({ offeringId: 'wah-adopt-1' }) },
  {
    kind: 'a blended class (address and virtual class URL)',
    draft: validDraft({ offeringId: 'jhsc-adopt-2', trainingStandardKey: 'JHSC-2014-1-E-B', virtualClassUrl: 'https://meet.example.ca/jhsc', classDays: [{ date: futureDate('04-07'), start: '08:30', end: '15:00' }, { date: futureDate('04-08'), start: '08:30', end: '15:00' }, { date: futureDate('04-09'), start: '08:30', end: '15:00' }] }),
  },
  { kind: 'an online course', draft: validOnlineDraft({ offeringId: 'jhsc-online-adopt-3' }) },
];

for (const { kind, draft } of KINDS) {
  test(`an adopted listing, ${kind}: edited and saved in the form, then published as one full PATCH`, async (t) => {
    const key = networkKey();
    const sandbox = await testSandbox(t);
    // The first laptop lists the offering and exports its schedule.
    const { services: first } = testServices(t, { marketplaceUrlPreset: sandbox.baseUrl, queue: { baseDelayMs: 10, maxDelayMs: 50 } });
    await first.credentials.setKey(key);
    const a = ipcFor(first).ipc;
    const listed = (await a('offerings:publish', { id: null, draft })) as OfferingRecord;
    await first.queue.drain();
    assert.equal(first.catalogue.get(listed.id).status, 'published');
    const exported = (await a('offerings:exportCsv', { ids: [listed.id] })) as { text: string };
    assert.match(exported.text, /,yes\r?\n?$/m, 'the export says it is already listed');

    // The new laptop adopts it from the file.
    const { services: second } = testServices(t, { marketplaceUrlPreset: sandbox.baseUrl, queue: { baseDelayMs: 10, maxDelayMs: 50 } });
    await second.credentials.setKey(key);
    const b = ipcFor(second).ipc;
    const file = Buffer.from(exported.text, 'utf8').toString('base64');
    const imported = (await b('schedule:import', { file, choices: {} })) as { created: number; adopted: number; ids: string[] };
    assert.deepEqual([imported.created, imported.adopted], [1, 1]);
    const id = imported.ids[0]!;
    const adopted = (await b('offerings:get', { id })) as OfferingRecord;
    assert.deepEqual([adopted.listed, adopted.status], [true, 'changed']);

    // Edited in the form: saved, then published.
    const edited: OfferingDraft = { ...adopted.draft, courseName: `${adopted.draft.courseName} (edited)` };
    const saved = (await b('offerings:save', { id, draft: edited })) as OfferingRecord;
    assert.equal(saved.draft.courseName, edited.courseName);
    assert.deepEqual([saved.listed, saved.status], [true, 'changed'], 'still known as listed, and still to be brought in line');
    const before = sandbox.requests().length;
    const published = (await b('offerings:publish', { id, draft: { ...edited, price: 175 } })) as OfferingRecord;
    assert.equal(published.pendingAction, 'publish');
    await second.queue.drain();

    const sent = sandbox.requests().slice(before);
    assert.deepEqual(sent.map((r) => [r.method, r.status]), [['PATCH', 204]], 'one full patch, never an add');
    const finalDraft = second.catalogue.get(id).draft;
    assert.equal(second.catalogue.get(id).status, 'published');
    const onMarketplace = [...sandbox.listings(key), ...sandbox.onlineListings(key)].filter((l) => l.offeringId === draft.offeringId);
    assert.deepEqual(onMarketplace, [toWire(finalDraft)], 'the Marketplace now holds exactly the edited offering');
  });
}
