// The roster's and learning records' part of the handler map.
import type { Handlers } from '../../../shared/ipc';
import type { SendState } from '../../../shared/roster-contract';
import type { People } from './people';
import type { Roster } from './roster';

export interface RosterHandlerParts {
  roster: Roster;
  people: People;
  /** Whether learning records can leave now, and why not. */
  sendState: () => Promise<SendState>;
  /** Reported records are the queue's to send; a retried one ends a pause. */
  queue: { kick(): Promise<void>; resume(): void };
}

type RecordChannels = 'roster:get' | 'learners:save' | 'roster:setAttendance' | 'roster:setResult' | 'roster:setDayStaff' | 'roster:markAllPresent' | 'roster:markAllCompleted' | 'roster:undoBulk' | 'roster:count' | 'roster:preview' | 'roster:import' | 'people:list' | 'people:save' | 'people:archive' | 'records:preview' | 'records:report' | 'records:retry' | 'learners:export' | 'learners:erase';

const bytes = (base64: string) => Buffer.from(base64, 'base64');

export function rosterHandlers({ roster, people, sendState, queue }: RosterHandlerParts): Pick<Handlers, RecordChannels> {
  return {
    'roster:get': ({ offeringRowId }) => roster.view(offeringRowId),
    'learners:save': ({ offeringRowId, id, details }) => roster.save(offeringRowId, id, details),
    'roster:setAttendance': ({ id, day, present }) => roster.setAttendance(id, day, present),
    'roster:setResult': ({ id, result, score }) => roster.setResult(id, result, score),
    'roster:setDayStaff': ({ offeringRowId, day, instructors, evaluators }) => roster.setDayStaff(offeringRowId, day, instructors, evaluators),
    'roster:markAllPresent': ({ offeringRowId, day }) => roster.markAllPresent(offeringRowId, day),
    'roster:markAllCompleted': ({ offeringRowId }) => roster.markAllCompleted(offeringRowId),
    'roster:undoBulk': ({ offeringRowId, day, ids }) => roster.undoBulk(offeringRowId, day, ids),
    'roster:count': ({ offeringRowId }) => roster.count(offeringRowId),
    'roster:preview': ({ offeringRowId, file, mapping }) => roster.previewFile(offeringRowId, bytes(file), mapping),
    'roster:import': ({ offeringRowId, file, mapping }) => roster.importFile(offeringRowId, bytes(file), mapping),
    'people:list': () => people.list(),
    'people:save': ({ id, name }) => people.save(id, name),
    'people:archive': ({ id }) => people.archive(id),
    'records:preview': async ({ offeringRowId }) => ({ ...(await roster.reportPreview(offeringRowId)), sending: await sendState() }),
    'records:report': async ({ offeringRowId, ids }) => {
      const view = await roster.report(offeringRowId, ids);
      void queue.kick();
      return { ...view, sending: await sendState() };
    },
    'records:retry': async ({ id }) => {
      const view = await roster.retry(id);
      queue.resume();
      return view;
    },
    'learners:export': ({ id }) => roster.exportLearner(id),
    'learners:erase': ({ id }) => roster.erase(id),
  };
}
