// The IPC handler map: one plain function per channel. Electron registers it
// with ipcMain, the web bridge serves it over loopback: one code path.
import { UNKNOWN_REQUEST } from '../../shared/channels';
import { AppFailure, failure, type AppError, type Result } from '../../shared/errors';
import { contract, isChannel, type Channel, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc';
import type { Services } from './services';
import { recordHandlers } from './handlers/records';
import { toCsv } from './exchange/csv-export';
import { exchangeHandlers } from './handlers/exchange';

export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

export function createHandlers(s: Services): Handlers {
  function publishMany(ids?: string[]) {
    const { queued, skipped } = s.catalogue.publishMany(ids);
    s.queue.track(queued, true);
    void s.queue.kick();
    return { queued: queued.length, skipped };
  }

  return {
    'offerings:page': (query) => s.lists.page(query, s.clock.now()),
    'offerings:counts': () => s.lists.counts(s.clock.now()),
    'calendar:range': ({ from, to }) => s.lists.calendar(from, to),
    'offerings:get': ({ id }) => s.catalogue.get(id),
    'offerings:save': ({ id, draft, base }) => s.catalogue.save(id, draft, base),
    'offerings:publish': ({ id, draft, base }) => {
      const record = s.catalogue.publish(id, draft, base);
      s.queue.track([record.id]);
      void s.queue.kick();
      return record;
    },
    'offerings:publishAll': () => publishMany(),
    'offerings:publishMany': ({ ids }) => publishMany(ids),
    'offerings:deleteMany': ({ ids }) => {
      const result = s.catalogue.deleteMany(ids);
      if (result.deleting > 0) {
        s.queue.track(ids);
        void s.queue.kick();
      }
      return result;
    },
    'offerings:copyShifted': ({ ids, days }) => s.catalogue.copyShifted(ids, days),
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
      s.queue.track(ids, true);
      void s.queue.kick();
      return { deleting: ids.length };
    },
    'trash:list': () => s.catalogue.trash(),
    'trash:restore': ({ id }) => s.catalogue.restore(id),
    'offerings:duplicate': ({ id, firstDate, weeks, every, weekdays }) => s.catalogue.duplicate(id, firstDate, weeks, every, weekdays),
    'offerings:copyCheck': ({ id, starts }) => s.catalogue.copyCheck(id, starts),
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
    'settings:save': async ({ networkKey, clientSecret, subscriptionKey, ...changes }) => {
      // Everything is checked before anything is written; secrets go to the
      // keychain first and are put back if the settings cannot be stored.
      const checked = s.settings.check(changes);
      const secrets = [
        { entry: s.credentials.networkKey, value: networkKey },
        { entry: s.credentials.clientSecret, value: clientSecret },
        { entry: s.credentials.subscriptionKey, value: subscriptionKey },
      ].filter((x): x is { entry: typeof x.entry; value: string } => x.value !== undefined && x.value.trim() !== '');
      const fields = secrets.flatMap(({ entry, value }) => {
        try {
          entry.check(value);
          return [];
        } catch (e) {
          if (e instanceof AppFailure) return e.error.fields ?? [];
          throw e;
        }
      });
      if (fields.length > 0) throw new AppFailure({ code: 'validation', message: fields[0]!.message, fields });
      const undo: (() => Promise<void>)[] = [];
      try {
        for (const { entry, value } of secrets) undo.unshift(await entry.replace(value));
        s.settings.apply(checked);
      } catch (e) {
        for (const putBack of undo) await putBack();
        throw e;
      }
      if (secrets.some(({ entry }) => entry === s.credentials.clientSecret)) s.connection.forgetToken();
      if (secrets.length > 0) s.queue.resume();
      else if (checked.marketplaceUrl !== undefined || checked.connection !== undefined || checked.programIds !== undefined) s.queue.unpause();
      return s.settingsView();
    },
    'connection:test': async () => {
      const client = await s.connection.client();
      return { connection: client.connection, message: await client.test() };
    },
    'offerings:removeListedVia': ({ connection }) => {
      if (connection !== s.settings.connection()) {
        throw failure('other-connection', 'Listings can be removed only through the connection that made them: switch to it in Settings first.');
      }
      const ids = s.catalogue.removeListedVia(connection);
      s.queue.track(ids);
      void s.queue.kick();
      return { deleting: ids.length };
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
    'backups:lastRestore': () => s.backups.lastRestore(),
    'export:csv': async ({ rows }) => ({ text: await toCsv(rows) }),
    ...recordHandlers(s),
    ...exchangeHandlers(s),
  };
}

/** User input echoed in an error is cut short: an answer never grows with what was sent. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

const MAX_ISSUES_SHOWN = 5;

function describeParseError(channel: string, issues: { path: PropertyKey[]; message: string }[]): AppError {
  const detail = issues
    .slice(0, MAX_ISSUES_SHOWN)
    .map((i) => `${clip(i.path.map(String).join('.'), 60) || '(request)'}: ${clip(i.message, 120)}`)
    .join('; ');
  const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
  return { code: 'bad-request', message: `The app sent a malformed “${channel}” request: ${detail}${more}` };
}

/** No request of the contract is nested more than a few levels; far deeper input is refused before any schema sees it. */
export const MAX_REQUEST_DEPTH = 16;

/** Whether `value` nests objects or arrays deeper than `max`, found without recursion (a 30,000-deep array would overflow the stack). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Validates the request against the contract, runs the handler, and returns a Result value. */
export async function dispatch(handlers: Handlers, channel: unknown, request: unknown, onUnexpected: (e: unknown) => void = console.error): Promise<Result<unknown>> {
  // Everything inside the try: no input, however odd, may throw past this point.
  try {
    // The name is not echoed: it is the caller's input, and may look like anything (a path, markup).
    if (!isChannel(channel)) return { ok: false, error: { code: 'bad-request', message: UNKNOWN_REQUEST } };
    if (nestedDeeperThan(request, MAX_REQUEST_DEPTH)) return { ok: false, error: { code: 'bad-request', message: `The app sent a malformed “${channel}” request: it is nested too deeply.` } };
    const parsed = contract[channel].request.safeParse(request ?? {});
    if (!parsed.success) return { ok: false, error: describeParseError(channel, parsed.error.issues) };
    const handler = handlers[channel] as (r: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    if (e instanceof AppFailure) return { ok: false, error: e.error };
    onUnexpected(e);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Offering Desk. Your work is saved; please try again.' } };
  }
}
