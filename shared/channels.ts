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
] as const;

export type Channel = (typeof CHANNELS)[number];

/** The answer to a request for a channel not in the list: the same from the preload, the bridge and the handlers, and never echoing the name. */
export const UNKNOWN_REQUEST = 'Offering Desk does not know this request.';
