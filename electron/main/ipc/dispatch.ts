// Every request from a window passes here: validated against the shared
// contract, then given to its handler; whatever happens comes back as a Result
// value. Electron's ipcMain and the test web bridge both call dispatch.
import { UNKNOWN_REQUEST } from '../../../shared/channels';
import { AppFailure, type AppError, type Result } from '../../../shared/errors';
import { contract, isChannel, type Handlers } from '../../../shared/ipc';

/** User input echoed in an error is cut short: an answer never grows with what was sent. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

const MAX_ISSUES_SHOWN = 5;

function describeParseError(channel: string, issues: { path: PropertyKey[]; message: string }[]): AppError {
  const detail = issues
    .slice(0, MAX_ISSUES_SHOWN)
    .map((i) => `${clip(i.path.map(String).join('.'), 60) || '(request)'}: ${clip(i.message, 120)}`)
    .join('; ');
  const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
  return { code: 'bad-request', message: `The app sent a malformed “${channel}” request: ${detail}${more}` };
}

/** No request of the contract is nested more than a few levels; far deeper input is refused before any schema sees it. */
export const MAX_REQUEST_DEPTH = 16;

/** Whether `value` nests objects or arrays deeper than `max`, found without recursion (a 30,000-deep array would overflow the stack). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Validates the request against the contract, runs the handler, and returns a Result value. */
export async function dispatch(handlers: Handlers, channel: unknown, request: unknown, onUnexpected: (e: unknown) => void = console.error): Promise<Result<unknown>> {
  // Everything inside the try: no input, however odd, may throw past this point.
  try {
    // The name is not echoed: it is the caller's input, and may look like anything (a path, markup).
    if (!isChannel(channel)) return { ok: false, error: { code: 'bad-request', message: UNKNOWN_REQUEST } };
    if (nestedDeeperThan(request, MAX_REQUEST_DEPTH)) return { ok: false, error: { code: 'bad-request', message: `The app sent a malformed “${channel}” request: it is nested too deeply.` } };
    const parsed = contract[channel].request.safeParse(request ?? {});
    if (!parsed.success) return { ok: false, error: describeParseError(channel, parsed.error.issues) };
    const handler = handlers[channel] as (r: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    if (e instanceof AppFailure) return { ok: false, error: e.error };
    onUnexpected(e);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Offering Desk. Your work is saved; please try again.' } };
  }
}
