// Channel names alone, with no dependencies, so the sandboxed preload can
// check them without bundling zod. ipc.ts keys its contract by this list.
export const CHANNELS = [
  'offerings:page',
  'offerings:counts',
  'calendar:range',
  'offerings:get',
  'offerings:save',
  'offerings:publish',
  'offerings:publishAll',
  'offerings:duplicate',
  'offerings:copyCheck',
  'locations:list',
  'offerings:setSeats',
  'offerings:publishMany',
  'offerings:deleteMany',
  'offerings:copyShifted',
  'offerings:removePast',
  'trash:list',
  'trash:restore',
  'offerings:delete',
  'settings:get',
  'settings:save',
  'settings:forgetKey',
  'connection:test',
  'offerings:removeListedVia',
  'queue:status',
  'queue:retry',
  'queue:cancel',
  'queue:resume',
  'queue:online',
  'activity:list',
  'backups:list',
  'backups:create',
  'backups:restore',
  'backups:lastRestore',
  'roster:get',
  'learners:save',
  'roster:setAttendance',
  'roster:setResult',
  'roster:setDayStaff',
  'roster:markAllPresent',
  'roster:markAllCompleted',
  'roster:undoBulk',
  'roster:count',
  'roster:preview',
  'roster:import',
  'people:list',
  'people:save',
  'people:archive',
  'records:preview',
  'records:report',
  'records:retry',
  'learners:export',
  'learners:erase',
  'export:csv',
  'offerings:exportCsv',
  'offerings:exportIcs',
  'templates:list',
  'templates:fromOffering',
  'templates:save',
  'templates:delete',
  'templates:start',
  'offerings:schedule',
  'schedule:preview',
  'schedule:import',
  'profile:get',
  'profile:save',
  'proofs:make',
  'team:get',
  'team:save',
  'team:preview',
  'team:share',
  'team:join',
  'reports:year',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** The answer to a request for a channel not in the list: the same from the preload, the bridge and the handlers, and never echoing the name. */
export const UNKNOWN_REQUEST = 'Offering Desk does not know this request.';

/** Main asks a closing window's page to write what it has not saved; the page answers on the second once it has (shell/close-guard). Not channels of the contract: they carry nothing. */
export const FLUSH_CHANNEL = 'desk:flush';
export const FLUSHED_CHANNEL = 'desk:flushed';

/** Pushed by main, never asked for: what changed (a DeskEvent, see ipc/events) and the menu item chosen (a MenuCommand). Sent by main, heard by the preload. */
export const EVENT_CHANNEL = 'desk:event';
export const MENU_CHANNEL = 'menu:command';
