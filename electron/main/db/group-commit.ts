// Group commit: writes asked for in the same turn of the event loop share one
// transaction, and so one fsync. Each write still runs in a savepoint of its
// own (one failing write takes none of the others with it), and a caller's
// promise resolves only once its write is durable, so nothing that depends on
// it (a request to the Marketplace) starts before.
import type { Db } from './open';

export interface GroupCommit {
  write<T>(work: () => T): Promise<T>;
}

export function createGroupCommit(db: Db): GroupCommit {
  let batch: { work: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];

  function flush(): void {
    const current = batch;
    batch = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      db.transaction(() => {
        for (const item of current) {
          try {
            // A nested transaction is a savepoint: only this write is undone if it throws.
            outcomes.push({ ok: true, value: db.transaction(item.work)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      for (const item of current) item.reject(error);
      return;
    }
    current.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  return {
    write<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (batch.length === 0) setImmediate(flush);
        batch.push({ work, resolve: resolve as (v: unknown) => void, reject });
      });
    },
  };
}
