// The publishing queue's part of the handler map: its status, Retry, Cancel,
// Resume, "the network is back", and the Activity list of its calls.
import type { Handlers } from '../../../shared/ipc';
import type { CallLog } from './call-log';
import type { PublishQueue } from './publish-queue';

export interface QueueHandlerParts {
  queue: PublishQueue;
  callLog: CallLog;
  /** Puts a failed offering back in the queue (the catalogue's rule). */
  retry: (id: string) => void;
  /** Learners' names by row id, read from the sealed roster (the log holds ids only). */
  learnerNames: (ids: readonly string[]) => Promise<Map<string, string>>;
}

export function queueHandlers({ queue, callLog, retry, learnerNames }: QueueHandlerParts): Pick<Handlers, 'queue:status' | 'queue:retry' | 'queue:cancel' | 'queue:resume' | 'queue:online' | 'activity:list'> {
  return {
    'queue:status': () => queue.status(),
    'queue:retry': ({ id }) => {
      retry(id);
      queue.resume();
      return queue.status();
    },
    'queue:cancel': () => {
      queue.cancel();
      return queue.status();
    },
    'queue:resume': () => {
      queue.resume();
      return queue.status();
    },
    'queue:online': () => {
      queue.nudge();
      return queue.status();
    },
    'activity:list': async ({ failuresOnly, limit }) => {
      const calls = callLog.list(failuresOnly, limit);
      const names = await learnerNames(calls.flatMap((c) => (c.learnerRow ? [c.learnerRow] : [])));
      return calls.map(({ learnerRow, ...call }) => ({ ...call, learner: learnerRow ? (names.get(learnerRow) ?? null) : null }));
    },
  };
}
