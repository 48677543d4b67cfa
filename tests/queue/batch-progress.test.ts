// The progress bar's run: counted from what each write changed, not by reading every offering of the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBatchProgress, type RowProgress } from '../../electron/main/queue/batch-progress';
import { validDraft } from '../support/helpers';
import { testServices } from '../support/services';

/** Rows as the catalogue has them, and every read the run makes of them. */
function rows() {
  const table = new Map<string, NonNullable<RowProgress>>();
  const reads: string[] = [];
  return { table, reads, read: (id: string) => (reads.push(id), table.get(id)) };
}

test('a run of 50,000 just queued is counted without reading one of them, and after that only the rows written are read', () => {
  const { table, reads, read } = rows();
  const progress = createBatchProgress(read);
  const ids = Array.from({ length: 50_000 }, (_, i) => `o${i}`);
  for (const id of ids) table.set(id, { pending: 'publish', failed: 0 });
  progress.track(ids, true);
  assert.deepEqual(progress.current(), { total: 50_000, done: 0, waiting: 50_000, failed: 0 });
  assert.equal(reads.length, 0);

  table.set('o1', { pending: null, failed: 0 });
  table.set('o2', { pending: 'publish', failed: 1 });
  table.delete('o3');
  progress.changed(['o1', 'o2', 'o3', 'not-in-the-run']);
  assert.deepEqual(progress.current(), { total: 50_000, done: 2, waiting: 49_997, failed: 1 }, 'sent, held, and gone (done)');
  assert.deepEqual(reads.sort(), ['o1', 'o2', 'o3']);
  assert.deepEqual(progress.current(), { total: 50_000, done: 2, waiting: 49_997, failed: 1 });
  assert.equal(reads.length, 3, 'nothing read again when nothing was written');
});

test('offerings added to a run are read when not known to be queued; a new run starts once the last settled', () => {
  const { table, read } = rows();
  const progress = createBatchProgress(read);
  table.set('a', { pending: 'publish', failed: 0 });
  table.set('b', { pending: null, failed: 0 });
  progress.track(['a', 'b']);
  assert.deepEqual(progress.current(), { total: 2, done: 1, waiting: 1, failed: 0 });

  table.set('c', { pending: 'delete', failed: 0 });
  progress.track(['c']);
  assert.deepEqual(progress.current(), { total: 3, done: 1, waiting: 2, failed: 0 }, 'joins the run still going');

  table.set('a', { pending: null, failed: 0 });
  table.set('c', { pending: null, failed: 0 });
  progress.changed(null);
  assert.deepEqual(progress.current(), { total: 3, done: 3, waiting: 0, failed: 0 }, 'null: every row of the run read again');
  table.set('d', { pending: 'publish', failed: 0 });
  progress.track(['d'], true);
  assert.deepEqual(progress.current(), { total: 1, done: 0, waiting: 1, failed: 0 }, 'a new run');
});

test('Publish all: the run counts every offering queued, and each as it settles', (t) => {
  const { services } = testServices(t);
  for (let i = 0; i < 30; i++) services.catalogue.save(null, validDraft());
  services.queue.cancel();
  const published = services.catalogue.publishMany();
  assert.deepEqual(services.queue.status().batch, { total: 30, done: 0, waiting: 30, failed: 0 });
  services.catalogue.deleteMany(published.queued.slice(0, 4));
  assert.deepEqual(services.queue.status().batch, { total: 30, done: 4, waiting: 26, failed: 0 }, 'never listed: to the Trash at once, done');
});

test('the header and the progress bar count failures by one rule: a listing found gone is failed in both, and after Retry succeeds neither says failed', async (t) => {
  const { services } = testServices(t);
  const id = services.catalogue.save(null, validDraft()).id;
  services.queue.cancel();
  services.catalogue.publishMany([id]);
  // What the queue writes when a patch meets 404: nothing waits, and the offering needs attention.
  services.catalogue.store.update(id, { pending: null, needs_attention: 1, error: JSON.stringify({ code: 'marketplace-not-found', message: 'This listing is no longer on the Marketplace.' }) });
  const failed = services.queue.status();
  assert.equal(failed.failed, 1, 'the header');
  assert.equal(failed.batch.failed, 1, 'the bar: it said done before, while the header said failed');
  services.catalogue.retry(id);
  assert.deepEqual([services.queue.status().failed, services.queue.status().batch.failed, services.queue.status().batch.waiting], [0, 0, 1], 'queued again: waiting in both');
  // The Marketplace takes it: settled as the queue settles a success.
  services.catalogue.store.update(id, { pending: null, error: null, needs_attention: 0 });
  const done = services.queue.status();
  assert.deepEqual([done.failed, done.batch.failed, done.batch.done], [0, 0, 1]);
});
