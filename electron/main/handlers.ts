// The IPC handler map: one plain function per channel. Electron registers it
// with ipcMain, the web bridge serves it over loopback: one code path.
import { AppFailure, type AppError, type Result } from '../../shared/errors';
import { contract, isChannel, type Channel, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc';
import type { Services } from './services';

export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

export function createHandlers(s: Services): Handlers {
  function publishMany(ids?: string[]) {
    const { queued, skipped } = s.catalogue.publishMany(ids);
    s.queue.track(queued);
    void s.queue.kick();
    return { queued: queued.length, skipped };
  }

  return {
    'offerings:list': () => s.catalogue.list(),
    'offerings:get': ({ id }) => s.catalogue.get(id),
    'offerings:save': ({ id, draft }) => s.catalogue.save(id, draft),
    'offerings:publish': ({ id, draft }) => {
      const record = s.catalogue.publish(id, draft);
      s.queue.track([record.id]);
      void s.queue.kick();
      return record;
    },
    'offerings:publishAll': () => publishMany(),
    'offerings:publishMany': ({ ids }) => publishMany(ids),
    'offerings:deleteMany': ({ ids }) => {
      let trashed = 0;
      for (const id of ids) if (s.catalogue.delete(id).removed) trashed++;
      if (trashed < ids.length) {
        s.queue.track(ids);
        void s.queue.kick();
      }
      return { trashed, deleting: ids.length - trashed };
    },
    'offerings:copyShifted': ({ ids, days }) => ids.flatMap((id) => s.catalogue.copyShifted(id, days)),
    'offerings:setSeats': ({ id, seats }) => {
      const record = s.catalogue.setSeats(id, seats);
      if (record.pendingAction === 'publish') {
        s.queue.track([id]);
        void s.queue.kick();
      }
      return record;
    },
    'offerings:removePast': () => {
      const ids = s.catalogue.removePast();
      s.queue.track(ids);
      void s.queue.kick();
      return { deleting: ids.length };
    },
    'trash:list': () => s.catalogue.trash(),
    'trash:restore': ({ id }) => s.catalogue.restore(id),
    'offerings:duplicate': ({ id, firstDate, weeks }) => s.catalogue.duplicate(id, firstDate, weeks),
    'locations:list': () => s.catalogue.locations(),
    'offerings:delete': ({ id }) => {
      const result = s.catalogue.delete(id);
      if (!result.removed) {
        s.queue.track([id]);
        void s.queue.kick();
      }
      return result;
    },
    'settings:get': () => s.settingsView(),
    'settings:save': async ({ marketplaceUrl, networkKey, publishConcurrency, updateFeedUrl, language }) => {
      if (language !== undefined) s.settings.setLanguage(language);
      if (marketplaceUrl !== undefined) s.settings.setMarketplaceUrl(marketplaceUrl);
      if (publishConcurrency !== undefined) s.settings.setPublishConcurrency(publishConcurrency);
      if (updateFeedUrl !== undefined) s.settings.setUpdateFeedUrl(updateFeedUrl);
      if (networkKey !== undefined && networkKey.trim() !== '') {
        await s.credentials.setKey(networkKey);
        s.queue.resume();
      }
      return s.settingsView();
    },
    'settings:forgetKey': async () => {
      await s.credentials.forget();
      return s.settingsView();
    },
    'queue:status': () => s.queue.status(),
    'queue:retry': ({ id }) => {
      s.catalogue.retry(id);
      s.queue.resume();
      return s.queue.status();
    },
    'queue:cancel': () => {
      s.queue.cancel();
      return s.queue.status();
    },
    'queue:resume': () => {
      s.queue.resume();
      return s.queue.status();
    },
    'queue:online': () => {
      s.queue.nudge();
      return s.queue.status();
    },
    'activity:list': ({ failuresOnly, limit }) => s.callLog.list(failuresOnly, limit),
    'backups:list': () => s.backups.list(),
    'backups:create': () => s.backups.create(),
    'backups:restore': ({ name }) => {
      s.backups.restoreOnRestart(name);
      return { restartRequired: true } as const;
    },
  };
}

function describeParseError(channel: string, issues: { path: PropertyKey[]; message: string }[]): AppError {
  const detail = issues.map((i) => `${i.path.map(String).join('.') || '(request)'}: ${i.message}`).join('; ');
  return { code: 'bad-request', message: `The app sent a malformed “${channel}” request: ${detail}` };
}

/** Validates the request against the contract, runs the handler, and returns a Result value. */
export async function dispatch(handlers: Handlers, channel: unknown, request: unknown, onUnexpected: (e: unknown) => void = console.error): Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'bad-request', message: `Unknown request “${String(channel)}”.` } };
  const parsed = contract[channel].request.safeParse(request ?? {});
  if (!parsed.success) return { ok: false, error: describeParseError(channel, parsed.error.issues) };
  try {
    const handler = handlers[channel] as (r: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    if (e instanceof AppFailure) return { ok: false, error: e.error };
    onUnexpected(e);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Offering Desk. Your work is saved; please try again.' } };
  }
}
