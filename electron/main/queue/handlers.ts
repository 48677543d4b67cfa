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
}

export function queueHandlers({ queue, callLog, retry }: QueueHandlerParts): Pick<Handlers, 'queue:status' | 'queue:retry' | 'queue:cancel' | 'queue:resume' | 'queue:online' | 'activity:list'> {
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
    'activity:list': ({ failuresOnly, limit }) => callLog.list(failuresOnly, limit),
  };
}
