// A member desk's notices: the values of its own that lost to another desk's
// (sync-merge's rule), shown on the offering with "Put mine back". Putting one
// back is a new write of this desk's, so it goes out and then stands.
import { failure } from '../../../shared/errors';
import type { TeamNotice } from '../../../shared/team';
import type { Exchange } from './sync-exchange';
import type { NoticeRow, SyncStore } from './sync-store';

const toNotice = (n: NoticeRow): TeamNotice => ({ id: n.id, rowId: n.row_id, offeringId: n.offering_id, field: n.field, mine: JSON.parse(n.mine), theirs: JSON.parse(n.theirs), by: n.by_name, at: n.at });

export function createNotices({ sync, exchange, changed }: { sync: SyncStore; exchange: Pick<Exchange, 'putBack'>; changed: () => void }) {
  const list = (rowId?: string) => sync.notices(rowId).map(toNotice);
  return {
    list,
    resolve(id: number, putBack: boolean): TeamNotice[] {
      const notice = sync.notice(id);
      if (!notice) throw failure('not-found', 'This notice was already dealt with.');
      if (putBack) exchange.putBack(notice.row_id, notice.field, JSON.parse(notice.mine));
      sync.dismiss(id);
      changed();
      return list(notice.row_id);
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;
