// One worker sends for a catalogue, however many instances of the app have it
// open: the row of worker_lease names that worker until a moment it keeps
// pushing on. Every statement on that table is here.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../catalogue/catalogue';
import type { Db } from '../database/schema';

export interface WorkerLease {
  /**
   * True while this worker holds the lease: taken when it is free or expired, or from a holder whose
   * process is gone; written again only once half of it is gone, so a check before every send costs nothing.
   */
  hold(): boolean;
  /** Gives the lease up: another instance (or this app after a restart) takes over at once. */
  release(): void;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createWorkerLease(db: Db, clock: Clock, leaseMs: number): WorkerLease {
  // The pid lets a restarted app take over at once from a worker that died.
  const owner = `${process.pid}:${randomUUID()}`;
  const acquire = db.prepare(
    'INSERT INTO worker_lease (id, owner, expires_at) VALUES (1, @owner, @expires) ON CONFLICT (id) DO UPDATE SET owner = @owner, expires_at = @expires WHERE worker_lease.owner = @owner OR worker_lease.expires_at < @now',
  );
  const remove = db.prepare('DELETE FROM worker_lease WHERE owner = ?');
  const holder = db.prepare<[], { owner: string }>('SELECT owner FROM worker_lease WHERE id = 1');
  const steal = db.prepare('UPDATE worker_lease SET owner = @owner, expires_at = @expires WHERE id = 1 AND owner = @previous');

  /** Until when this worker's lease is written in the catalogue. */
  let heldUntil = 0;

  return {
    hold(): boolean {
      const now = clock.now().getTime();
      if (now < heldUntil - leaseMs / 2) return true;
      let held = acquire.run({ owner, expires: now + leaseMs, now }).changes === 1;
      const previous = held ? undefined : holder.get()?.owner;
      if (previous && !processAlive(Number(previous.split(':')[0]))) {
        held = steal.run({ owner, expires: now + leaseMs, previous }).changes === 1;
      }
      heldUntil = held ? now + leaseMs : 0;
      return held;
    },
    release(): void {
      heldUntil = 0;
      remove.run(owner);
    },
  };
}
