// The exchange part of the handler map: the offerings chosen or shown, as a
// schedule CSV or a calendar file, and course templates.
import { EXPORT_MAX } from '../../../shared/app-rules';
import type { Handlers, ParsedRequestOf } from '../../../shared/ipc';
import { parseDraft, type Catalogue, type Clock } from '../catalogue/catalogue';
import type { ListQueries } from '../catalogue/list-query';
import { toCsv } from './csv-export';
import { scheduleCsv } from './schedule-csv';
import { scheduleIcs } from './schedule-ics';
import type { ScheduleImport } from './schedule-import';
import type { Templates } from './templates';

export interface ExchangeHandlerParts {
  catalogue: Catalogue;
  lists: ListQueries;
  clock: Clock;
  scheduleImport: ScheduleImport;
  templates: Templates;
}

type Scope = ParsedRequestOf<'offerings:exportCsv'>;

type ExchangeChannels = 'export:csv' | 'schedule:preview' | 'schedule:import' | 'offerings:exportCsv' | 'offerings:exportIcs' | 'offerings:schedule' | 'templates:list' | 'templates:fromOffering' | 'templates:save' | 'templates:delete' | 'templates:start';

export function exchangeHandlers({ catalogue, lists, clock, scheduleImport, templates }: ExchangeHandlerParts): Pick<Handlers, ExchangeChannels> {
  const rowsOf = (scope: Scope) => {
    const ids = 'ids' in scope ? scope.ids : lists.ids(scope.query, clock.now(), EXPORT_MAX);
    return ids.map((id) => catalogue.row(id));
  };
  const stamp = () => clock.now().toISOString().slice(0, 10);
  return {
    'export:csv': async ({ rows }) => ({ text: await toCsv(rows) }),
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
    'schedule:preview': ({ file, choices }) => scheduleImport.preview(Buffer.from(file, 'base64'), choices),
    'schedule:import': ({ file, choices }) => scheduleImport.importFile(Buffer.from(file, 'base64'), choices),
    'templates:list': () => templates.list(),
    'templates:fromOffering': ({ offeringRowId, name }) => templates.fromOffering(offeringRowId, name),
    'templates:save': ({ id, name, body }) => templates.save(id, name, body),
    'templates:delete': ({ id }) => templates.delete(id),
    'templates:start': ({ id }) => templates.start(id),
  };
}
