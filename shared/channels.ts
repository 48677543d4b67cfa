// Channel names alone, with no dependencies, so the sandboxed preload can
// check them without bundling zod. ipc.ts keys its contract by this list.
export const CHANNELS = [
  'offerings:list',
  'offerings:get',
  'offerings:save',
  'offerings:publish',
  'offerings:publishAll',
  'offerings:duplicate',
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
