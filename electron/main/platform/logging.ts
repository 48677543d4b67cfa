// Logs go to a rotated file in the app's log folder, and pass through a hook
// that removes every secret the desk holds or was given (keys, the gateway's
// tokens), Authorization headers and every URL query string first, whatever
// path they took (text, errors, objects). The same redaction cleans what a
// server answers before anything of it is stored or shown (marketplace-client).
import path from 'node:path';
import { makeFolderPrivate, PRIVATE_FILE_MODE } from './private-files';
import type NodeLog from 'electron-log/node';

export type FileLogger = typeof NodeLog;

/** What the app's modules need of a logger. */
export interface AppLog {
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
}

export const silentLog: AppLog = { info() {}, warn() {}, error() {} };

export const REDACTED = '[redacted]';
export const LOG_FILE = 'offering-desk.log';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A secret as a server may echo it back: as sent, inside a JSON string (once,
 * or twice when an echoed body is itself put in a JSON message), in a URL, and
 * each of those in an HTML error page (named or numeric entities). Longest
 * first, so no form is left half replaced.
 */
export function echoedForms(secret: string): string[] {
  const json = (s: string) => JSON.stringify(s).slice(1, -1);
  const named = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
  const forms = new Set<string>();
  for (const base of [secret, json(secret), json(json(secret)), encodeURIComponent(secret)]) {
    forms.add(base).add(named(base)).add(named(base).replace(/&#39;/g, '&#x27;')).add(base.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) for (const form of echoedForms(secret)) out = out.split(form).join(REDACTED);
  return out
    .replace(/(https?:\/\/[^\s?#"']*)\?[^\s#"']*/gi, `$1?${REDACTED}`)
    .replace(/("?networkKey"?\s*[:=]\s*"?)[^"&\s,}]+/gi, `$1${REDACTED}`)
    // An Authorization value, whoever's token or password it carries: 16 or more token characters with a digit or
    // punctuation in them, so "Basic theory" in a course name or a server's sentence is left alone.
    .replace(/\b(Bearer|Basic)\s+(?=[A-Za-z0-9._~+/-]*[0-9._~+/])[A-Za-z0-9._~+/-]{16,}=*/g, `$1 ${REDACTED}`);
}

/**
 * `redactText` for a text that may have been cut short (an answer is kept to
 * its first characters): a secret the cut split leaves its beginning at the
 * very end, where no whole form matches, so that goes too.
 */
export function redactCut(text: string, secrets: readonly string[]): string {
  let out = redactText(text, secrets);
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of echoedForms(secret)) {
      for (let n = Math.min(form.length - 1, out.length); n >= 4; n--) {
        if (out.endsWith(form.slice(0, n))) {
          out = `${out.slice(0, -n)}${REDACTED}`;
          break;
        }
      }
    }
  }
  return out;
}

export function redactValue(value: unknown, secrets: readonly string[], seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message, secrets));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactText(value.stack, secrets);
    return copy;
  }
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, seen));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, /networkKey/i.test(k) ? REDACTED : redactValue(v, secrets, seen)]),
  );
}

export function configureFileLog(log: FileLogger, { dir, secrets, maxBytes = 1024 * 1024 }: { dir: string; secrets: () => readonly string[]; maxBytes?: number }): void {
  makeFolderPrivate(dir);
  log.transports.file.resolvePathFn = () => path.join(dir, LOG_FILE);
  // electron-log rotates by renaming the full file to *.old.log.
  log.transports.file.maxSize = maxBytes;
  // The log names offerings and Marketplace answers: the user's alone, as the rest of the data folder.
  log.transports.file.writeOptions = { ...log.transports.file.writeOptions, mode: PRIVATE_FILE_MODE };
  log.hooks.push((message) => ({ ...message, data: message.data.map((d) => redactValue(d, secrets())) }));
}
