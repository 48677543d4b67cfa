// Group commit: writes asked for in the same turn of the event loop (up to
// MAX_BATCH) share one transaction, and so one fsync. Each write still runs in a savepoint of its
// own (one failing write takes none of the others with it), and a caller's
// promise resolves only once its write is durable, so nothing that depends on
// it (a request to the Marketplace) starts before.
//
// The fsync leaves the main thread: the batch commits at synchronous=NORMAL
// (its WAL frames written, not yet synced) and the WAL file is then synced on
// libuv's thread pool before any caller hears back. That is the durability of
// synchronous=FULL for these writes, without holding the main thread (in
// Electron, every window) for the disk's flush: #10 measured the flush at
// 1.3 ms typical and 5–6 ms at p99 on the queue's hottest path. Every other
// write of the catalogue still commits at FULL.
import fs from 'node:fs';
import { walFile, type Db } from './schema';

export interface GroupCommit {
  /**
   * Resolves once the write is durable; with `{ durable: false }` once it is
   * committed (visible to every read, safe from a killed process, synced a
   * moment later with its batch): for writes whose loss on a power cut the
   * next start recovers from anyway, so a caller need not wait for the disk.
   */
  write<T>(work: () => T, options?: { durable: boolean }): Promise<T>;
  /** Closes the WAL file this keeps open for its syncs (the catalogue stays open). */
  close(): void;
}

type Item = { work: () => unknown; durable: boolean; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
type Done = { item: Item; outcome: Outcome };

/**
 * The most writes one transaction takes; the rest follow on the next turn of
 * the event loop. A batch holds the main thread while it runs (every window
 * waits in Electron), so it is kept short: with eight calls answered together,
 * bench:publish's p99 block was 6.7 ms uncapped and 5.7 ms at four, at the
 * same throughput (one write per transaction cost 5 % of it).
 */
export const MAX_BATCH = 4;

export function createGroupCommit(db: Db): GroupCommit {
  const batch: Item[] = [];
  const wal = walFile(db);
  const relaxed = db.prepare('PRAGMA synchronous = NORMAL');
  const full = db.prepare('PRAGMA synchronous = FULL');
  let walFd: number | null = null;
  /** Syncs on their way, and whether close() waits for them to end. */
  let syncing = 0;
  let closing = false;

  function closeWal(): void {
    if (walFd !== null) fs.closeSync(walFd);
    walFd = null;
  }

  /** The WAL file, opened on the first sync (it exists once the catalogue has been written) and kept open. */
  function syncWal(): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        // r+: Windows flushes only a handle that may write.
        walFd ??= fs.openSync(wal!, 'r+');
      } catch (error) {
        reject(error);
        return;
      }
      syncing++;
      fs.fsync(walFd, (error) => {
        if (--syncing === 0 && closing) closeWal();
        if (error) reject(error);
        else resolve();
      });
    });
  }

  /** Each write with its outcome, committed together. */
  function commit(current: Item[]): Done[] {
    const done: Done[] = [];
    db.transaction(() => {
      for (const item of current) {
        try {
          // A nested transaction is a savepoint: only this write is undone if it throws.
          done.push({ item, outcome: { ok: true, value: db.transaction(item.work)() } });
        } catch (error) {
          done.push({ item, outcome: { ok: false, error } });
        }
      }
    }).immediate();
    return done;
  }

  function settle(done: Done[]): void {
    for (const { item, outcome } of done) {
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    }
  }

  function flush(): void {
    const current = batch.splice(0, MAX_BATCH);
    if (batch.length > 0) setImmediate(flush);
    let done: Done[];
    try {
      if (wal) relaxed.run();
      try {
        done = commit(current);
      } finally {
        // Back before anything else can write: the catalogue's other writes stay FULL.
        if (wal) full.run();
      }
    } catch (error) {
      for (const item of current) item.reject(error);
      return;
    }
    if (!wal) return settle(done);
    settle(done.filter((d) => !d.item.durable));
    const waiting = done.filter((d) => d.item.durable);
    // A failed sync is a failed commit to the callers that wait for it: nothing that depends on this write goes ahead.
    syncWal().then(
      () => settle(waiting),
      (error: unknown) => {
        for (const { item } of waiting) item.reject(error);
      },
    );
  }

  return {
    write<T>(work: () => T, options: { durable: boolean } = { durable: true }): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (batch.length === 0) setImmediate(flush);
        batch.push({ work, durable: options.durable, resolve: resolve as (v: unknown) => void, reject });
      });
    },
    close(): void {
      closing = true;
      if (syncing === 0) closeWal();
    },
  };
}
