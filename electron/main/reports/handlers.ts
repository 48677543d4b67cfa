// Settings → Reports' part of the handler map.
import type { Handlers } from '../../../shared/ipc';
import { yearReport, type ReportSources } from './reports';

export function reportHandlers(sources: ReportSources): Pick<Handlers, 'reports:year'> {
  return {
    'reports:year': ({ year, program }) => yearReport(sources, year, program),
  };
}
