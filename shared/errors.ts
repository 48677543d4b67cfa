// Errors cross process boundaries as plain values: Electron drops the custom
// properties of thrown errors, and the UI must show a sentence, not a stack.
import { z } from 'zod';
import { ERROR_CODES } from './error-codes';

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldError = z.object({
  /** A form path such as `courseName`, `address.postalCode` or `classDays.1.end`. */
  path: z.string(),
  /** A stable key the UI translates; `message` is the English fallback. */
  code: z.string(),
  message: z.string(),
  /** The bound a "too long" message names ("At most 300 characters"). */
  limit: z.number().optional(),
});
export type FieldError = z.infer<typeof FieldError>;

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  fields: z.array(FieldError).optional(),
  /** The Marketplace's own error code (`invalid`, `notFound`, …) when it sent one. */
  marketplaceCode: z.string().optional(),
  /** An unrecognised response body, kept verbatim so support can read it. */
  raw: z.string().optional(),
  retryAfterSeconds: z.number().optional(),
});
export type AppError = z.infer<typeof AppError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown inside the main process and turned back into a value at the IPC edge. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}

export function failure(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): AppFailure {
  return new AppFailure({ code, message, ...extra });
}
