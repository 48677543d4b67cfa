// Copies the catalogue's write-ahead log into the database file from a worker
// thread with a connection of its own, instead of inside a commit on the main
// thread. SQLite checkpoints in the commit that takes the log past 1,000 pages:
// copying them and syncing the file held the main process 150–200 ms, about
// every 700 sends while the queue published at 100,000 offerings (#10), and so
// every window in Electron. A checkpoint that copies what no reader still needs
// (PASSIVE) never blocks the main connection's reads or writes.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { walFile, type Db } from './schema';
import type { AppLog } from '../platform/logging';

/** The log's size past which the worker copies it into the database file (SQLite's own default is 1,000 pages). */
export const CHECKPOINT_BYTES = 4 * 1024 * 1024;
const POLL_MS = 500;

export interface Checkpointer {
  /** Resolves after the worker's next look at the log (a checkpoint if it was past the limit). */
  settled(): Promise<CheckpointResult>;
  close(): Promise<void>;
}

/** What the worker did on one look at the log: `copied` frames of `logged` (0 of 0 when below the limit). */
export type CheckpointResult = { copied: number; logged: number } | { error: string };

// CommonJS run by the worker from this string: a file of its own would need a build entry of its own, and the
// tests (under tsx) and the built app would load it from different places. The driver's path comes from main.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const look = () => {
  let size = 0;
  try { size = fs.statSync(workerData.wal).size; } catch { size = 0; }
  if (size <= workerData.limit) return { copied: 0, logged: 0 };
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    return { copied: r.checkpointed, logged: r.log };
  } catch (e) {
    return { error: String(e && e.message || e) };
  }
};
const timer = setInterval(() => parentPort.postMessage(look()), workerData.pollMs);
parentPort.on('message', (m) => {
  if (m === 'close') { clearInterval(timer); db.close(); parentPort.close(); }
});
`;

/** In the installed app the driver is unpacked beside the archive (electron-builder.yml): loaded from there, the worker needs no archive support. */
const unpacked = (file: string) => file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');

/**
 * Moves checkpoints off the main thread for an on-disk catalogue in WAL mode; null otherwise. If the worker
 * cannot run, the main connection checkpoints as SQLite does by default, and the log says why.
 */
export function startCheckpointer(
  db: Db,
  log: AppLog,
  { limit = CHECKPOINT_BYTES, pollMs = POLL_MS, driver = unpacked(createRequire(import.meta.url).resolve('better-sqlite3')) } = {},
): Checkpointer | null {
  const wal = walFile(db);
  if (!wal) return null;
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file: db.name, wal, limit, pollMs } });
  // The worker keeps the process alive only while someone waits on it (its next look, or its end).
  worker.unref();
  let holds = 0;
  const hold = () => {
    if (holds++ === 0) worker.ref();
  };
  const release = () => {
    if (--holds === 0) worker.unref();
  };
  db.pragma('wal_autocheckpoint = 0');
  const waiting: ((r: CheckpointResult) => void)[] = [];
  let closed: Promise<void> | null = null;
  let exited = false;
  const answer = (r: CheckpointResult) => {
    for (const resolve of waiting.splice(0)) resolve(r);
  };
  worker.on('message', (r: CheckpointResult) => {
    if ('error' in r) log.warn(`checkpoint: ${r.error}`);
    answer(r);
  });
  worker.on('error', (e) => {
    log.warn('The checkpoint worker stopped; the catalogue checkpoints as it commits again', e);
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
    answer({ error: String(e) });
  });
  worker.on('exit', () => {
    exited = true;
    answer({ error: 'The checkpoint worker has stopped.' });
  });
  return {
    settled() {
      if (exited) return Promise.resolve({ error: 'The checkpoint worker has stopped.' });
      hold();
      return new Promise((resolve) =>
        waiting.push((r) => {
          release();
          resolve(r);
        }),
      );
    },
    close() {
      closed ??= exited
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            hold();
            worker.once('exit', () => {
              release();
              resolve();
            });
            worker.postMessage('close');
          });
      return closed;
    },
  };
}
