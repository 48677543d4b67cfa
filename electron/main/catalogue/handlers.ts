// The catalogue's part of the handler map: the list and calendar reads, the
// form's saves, publishing and deleting, the Trash. What a change queues for
// the Marketplace the queue hears from the catalogue itself (onQueued).
import type { ConnectionKind } from '../../../shared/connection';
import { failure } from '../../../shared/errors';
import type { Handlers } from '../../../shared/ipc';
import type { Catalogue, Clock } from './catalogue';
import type { ListQueries } from './list-query';

export interface CatalogueHandlerParts {
  catalogue: Catalogue;
  lists: ListQueries;
  clock: Clock;
  /** The connection chosen in Settings now. */
  connection: () => ConnectionKind;
  /** Learners on each of these classes' rosters (the roster's owner counts them; absent is none). */
  rosterSizes: (offeringRows: readonly string[]) => ReadonlyMap<string, number>;
}

type CatalogueChannels =
  | 'offerings:page' | 'offerings:counts' | 'calendar:range' | 'offerings:get' | 'offerings:save' | 'offerings:publish' | 'offerings:publishAll'
  | 'offerings:publishMany' | 'offerings:deleteMany' | 'offerings:copyShifted' | 'offerings:setSeats' | 'offerings:removePast' | 'trash:list'
  | 'trash:restore' | 'offerings:duplicate' | 'offerings:copyCheck' | 'locations:list' | 'offerings:delete' | 'offerings:removeListedVia';

export function catalogueHandlers({ catalogue, lists, clock, connection, rosterSizes }: CatalogueHandlerParts): Pick<Handlers, CatalogueChannels> {
  const publishMany = (ids?: string[]) => {
    const { queued, skipped } = catalogue.publishMany(ids);
    return { queued: queued.length, skipped };
  };
  return {
    'offerings:page': (query) => {
      const page = lists.page(query, clock.now());
      const sizes = rosterSizes(page.rows.map((r) => r.id));
      return { ...page, rows: page.rows.map((r) => ({ ...r, learners: sizes.get(r.id) ?? 0 })) };
    },
    'offerings:counts': () => lists.counts(clock.now()),
    'calendar:range': ({ from, to }) => lists.calendar(from, to),
    'offerings:get': ({ id }) => catalogue.get(id),
    'offerings:save': ({ id, draft, base }) => catalogue.save(id, draft, base),
    'offerings:publish': ({ id, draft, base }) => catalogue.publish(id, draft, base),
    'offerings:publishAll': () => publishMany(),
    'offerings:publishMany': ({ ids }) => publishMany(ids),
    'offerings:deleteMany': ({ ids }) => catalogue.deleteMany(ids),
    'offerings:copyShifted': ({ ids, days }) => catalogue.copyShifted(ids, days),
    'offerings:setSeats': ({ id, seats }) => catalogue.setSeats(id, seats),
    'offerings:removePast': () => ({ deleting: catalogue.removePast().length }),
    'trash:list': () => catalogue.trash(),
    'trash:restore': ({ id }) => catalogue.restore(id),
    'offerings:duplicate': ({ id, firstDate, weeks, every, weekdays }) => catalogue.duplicate(id, firstDate, weeks, every, weekdays),
    'offerings:copyCheck': ({ id, starts }) => catalogue.copyCheck(id, starts),
    'locations:list': () => catalogue.locations(),
    'offerings:delete': ({ id }) => catalogue.delete(id),
    'offerings:removeListedVia': ({ connection: via }) => {
      if (via !== connection()) {
        throw failure('other-connection', 'Listings can be removed only through the connection that made them: switch to it in Settings first.');
      }
      return { deleting: catalogue.removeListedVia(via).length };
    },
  };
}
