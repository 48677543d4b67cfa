// The roster's rules: learners (sealed at rest), attendance, results, who
// taught and evaluated each day, roster files, and the intent to report
// learning records. Each part is a module of its own taking the stores it
// reads (roster-class.ts); this binds them to one set. Its SQL is the learners
// and staff stores'.
import type { RosterParts } from './roster-class';
import { rosterView } from './roster-view';
import { saveLearner, setAttendance, setResult, setDayStaff, eraseLearner } from './roster-edit';
import { previewFile, importFile } from './roster-import';
import { reportPreview, report, retry, recordFacts } from './roster-report';
import { exportLearner, learnerNames } from './roster-export';
import { markAllPresent, markAllCompleted, undoBulk, learnerCount } from './roster-bulk';

export type RosterOptions = RosterParts;

export function createRoster(parts: RosterOptions) {
  const bound =
    <A extends unknown[], R>(part: (parts: RosterParts, ...args: A) => R) =>
    (...args: A): R =>
      part(parts, ...args);
  return {
    view: bound(rosterView),
    save: bound(saveLearner),
    setAttendance: bound(setAttendance),
    setResult: bound(setResult),
    setDayStaff: bound(setDayStaff),
    markAllPresent: bound(markAllPresent),
    markAllCompleted: bound(markAllCompleted),
    undoBulk: bound(undoBulk),
    count: bound(learnerCount),
    previewFile: bound(previewFile),
    importFile: bound(importFile),
    reportPreview: bound(reportPreview),
    report: bound(report),
    retry: bound(retry),
    recordFacts: bound(recordFacts),
    exportLearner: bound(exportLearner),
    learnerNames: bound(learnerNames),
    erase: bound(eraseLearner),
  };
}

export type Roster = ReturnType<typeof createRoster>;
