// Exports' part of the handler map: the offerings chosen or shown, as a
// schedule CSV or a calendar file.
import { EXPORT_MAX } from '../../../shared/app-rules';
import type { Handlers } from '../handlers';
import type { Services } from '../services';
import { parseDraft } from '../catalogue';
import { scheduleCsv } from '../exchange/schedule-csv';
import { scheduleIcs } from '../exchange/schedule-ics';
import type { ParsedRequestOf } from '../../../shared/ipc';

type Scope = ParsedRequestOf<'offerings:exportCsv'>;

export function exchangeHandlers(s: Services): Pick<Handlers, 'offerings:exportCsv' | 'offerings:exportIcs'> {
  const rowsOf = (scope: Scope) => {
    const ids = 'ids' in scope ? scope.ids : s.lists.ids(scope.query, s.clock.now(), EXPORT_MAX);
    return ids.map((id) => s.catalogue.row(id));
  };
  const stamp = () => s.clock.now().toISOString().slice(0, 10);
  return {
    'offerings:exportCsv': (scope) => {
      const rows = rowsOf(scope);
      const text = scheduleCsv(rows.map((r) => ({ draft: parseDraft(r), listed: r.listed !== null })));
      return { fileName: `offerings-${stamp()}.csv`, text, offerings: rows.length, events: 0 };
    },
    'offerings:exportIcs': (scope) => {
      const rows = rowsOf(scope);
      const { text, events } = scheduleIcs(rows.map((r) => ({ rowId: r.id, revision: r.revision, draft: parseDraft(r) })));
      return { fileName: `offerings-${stamp()}.ics`, text, offerings: rows.length, events };
    },
  };
}
