// The exchange part of the handler map: the offerings chosen or shown, as a
// schedule CSV or a calendar file, and course templates.
import { EXPORT_MAX } from '../../../shared/app-rules';
import type { Handlers } from '../handlers';
import type { Services } from '../services';
import { parseDraft } from '../catalogue';
import { scheduleCsv } from '../exchange/schedule-csv';
import { scheduleIcs } from '../exchange/schedule-ics';
import type { ParsedRequestOf } from '../../../shared/ipc';

type Scope = ParsedRequestOf<'offerings:exportCsv'>;

type ExchangeChannels = 'schedule:preview' | 'schedule:import' | 'offerings:exportCsv' | 'offerings:exportIcs' | 'offerings:schedule' | 'templates:list' | 'templates:fromOffering' | 'templates:save' | 'templates:delete' | 'templates:start';

export function exchangeHandlers(s: Services): Pick<Handlers, ExchangeChannels> {
  const rowsOf = (scope: Scope) => {
    const ids = 'ids' in scope ? scope.ids : s.lists.ids(scope.query, s.clock.now(), EXPORT_MAX);
    return ids.map((id) => s.catalogue.row(id));
  };
  const stamp = () => s.clock.now().toISOString().slice(0, 10);
  return {
    'offerings:exportCsv': async (scope) => {
      const rows = rowsOf(scope);
      const text = await scheduleCsv(rows.map((r) => ({ draft: parseDraft(r), listed: r.listed !== null })));
      return { fileName: `offerings-${stamp()}.csv`, text, offerings: rows.length, events: 0 };
    },
    'offerings:exportIcs': async (scope) => {
      const rows = rowsOf(scope);
      const { text, events } = await scheduleIcs(rows.map((r) => ({ rowId: r.id, revision: r.revision, draft: parseDraft(r) })));
      return { fileName: `offerings-${stamp()}.ics`, text, offerings: rows.length, events };
    },
    'offerings:schedule': (scope) =>
      rowsOf(scope).map((r) => {
        const draft = parseDraft(r);
        const a = draft.address;
        return {
          offeringId: draft.offeringId,
          courseName: draft.courseName,
          standardKey: draft.trainingStandardKey,
          kind: draft.kind,
          days: [...draft.classDays].sort((x, y) => x.date.localeCompare(y.date)),
          place: draft.kind === 'online' ? '' : [a.street, a.city].filter((p) => p.trim()).join(', ') || draft.virtualClassUrl,
          seats: draft.kind === 'online' ? null : draft.seatsRemaining,
          price: draft.contactForPricing ? null : draft.price,
          contactForPricing: draft.contactForPricing,
          status: r.status,
        };
      }),
    'schedule:preview': ({ file, choices }) => s.scheduleImport.preview(Buffer.from(file, 'base64'), choices),
    'schedule:import': ({ file, choices }) => s.scheduleImport.importFile(Buffer.from(file, 'base64'), choices),
    'templates:list': () => s.templates.list(),
    'templates:fromOffering': ({ offeringRowId, name }) => s.templates.fromOffering(offeringRowId, name),
    'templates:save': ({ id, name, body }) => s.templates.save(id, name, body),
    'templates:delete': ({ id }) => s.templates.delete(id),
    'templates:start': ({ id }) => s.templates.start(id),
  };
}
