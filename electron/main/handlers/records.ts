// The roster's and learning records' part of the handler map.
import type { Handlers } from '../handlers';
import type { Services } from '../services';

type RecordChannels = 'roster:get' | 'learners:save' | 'roster:setAttendance' | 'roster:setResult' | 'roster:setDayStaff' | 'roster:preview' | 'roster:import' | 'people:list' | 'people:save' | 'people:archive' | 'records:preview' | 'records:report' | 'records:retry' | 'learners:export' | 'learners:erase';

const bytes = (base64: string) => Buffer.from(base64, 'base64');

export function recordHandlers(s: Services): Pick<Handlers, RecordChannels> {
  return {
    'roster:get': ({ offeringRowId }) => s.roster.view(offeringRowId),
    'learners:save': ({ offeringRowId, id, details }) => s.roster.save(offeringRowId, id, details),
    'roster:setAttendance': ({ id, day, present }) => s.roster.setAttendance(id, day, present),
    'roster:setResult': ({ id, result, score }) => s.roster.setResult(id, result, score),
    'roster:setDayStaff': ({ offeringRowId, day, instructors, evaluators }) => s.roster.setDayStaff(offeringRowId, day, instructors, evaluators),
    'roster:preview': ({ offeringRowId, file, mapping }) => s.roster.previewFile(offeringRowId, bytes(file), mapping),
    'roster:import': ({ offeringRowId, file, mapping }) => s.roster.importFile(offeringRowId, bytes(file), mapping),
    'people:list': () => s.people.list(),
    'people:save': ({ id, name }) => s.people.save(id, name),
    'people:archive': ({ id }) => s.people.archive(id),
    'records:preview': async ({ offeringRowId }) => ({ ...(await s.roster.reportPreview(offeringRowId)), sending: await s.recordsSendState() }),
    'records:report': async ({ offeringRowId, ids }) => {
      const roster = await s.roster.report(offeringRowId, ids);
      void s.queue.kick();
      return { ...roster, sending: await s.recordsSendState() };
    },
    'records:retry': async ({ id }) => {
      const roster = await s.roster.retry(id);
      s.queue.resume();
      return roster;
    },
    'learners:export': ({ id }) => s.roster.exportLearner(id),
    'learners:erase': ({ id }) => s.roster.erase(id),
  };
}
