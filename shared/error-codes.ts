// The app's error codes as a plain list (no zod): the window checks a logged
// code against it before translating it; `errors.ts` makes the schema from it.
export const ERROR_CODES = [
  'bad-request',
  'validation',
  'not-found',
  'locked-field',
  'settings-invalid',
  'catalogue-newer',
  'catalogue-migration-failed',
  'damaged-offering',
  'listing-refused',
  'keychain-unavailable',
  'keychain-locked',
  'no-key',
  'marketplace-unauthorized',
  'marketplace-redirect',
  'gateway-refused',
  'other-connection',
  'marketplace-forbidden',
  'marketplace-invalid',
  'marketplace-not-found',
  'marketplace-conflict',
  'marketplace-rate-limited',
  'marketplace-server',
  'marketplace-unreachable',
  'marketplace-timeout',
  'marketplace-unknown',
  'data-key-missing',
  'has-learning-records',
  'class-not-over',
  'not-listed',
  'learner-reported',
  'file-unreadable',
  'stored-setting-refused',
  'backup-refused',
  'spreadsheet-too-large',
  'sending-interrupted',
  'internal',
] as const;

export function isErrorCode(value: string): value is (typeof ERROR_CODES)[number] {
  return (ERROR_CODES as readonly string[]).includes(value);
}
