// Append-only record of every Marketplace call: when, what, result. Never the
// network key: callers pass only the offering id, action and outcome.
import type { CallLogEntry } from '../../shared/ipc';
import type { AppError } from '../../shared/errors';
import type { Db } from './db/open';
import type { Clock } from './catalogue';

type Action = CallLogEntry['action'];

interface Row {
  id: number;
  at: string;
  offering_id: string;
  action: Action;
  phase: CallLogEntry['phase'];
  http_status: number | null;
  error_code: string | null;
  message: string | null;
}

export function createCallLog(db: Db, clock: Clock) {
  const insert = db.prepare(
    'INSERT INTO call_log (at, offering_id, action, phase, http_status, error_code, message, raw_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const recent = db.prepare<[number], Row>('SELECT * FROM call_log ORDER BY id DESC LIMIT ?');
  const recentFailures = db.prepare<[number], Row>("SELECT * FROM call_log WHERE phase = 'failed' ORDER BY id DESC LIMIT ?");
  const now = () => clock.now().toISOString();

  return {
    sending(offeringId: string, action: Action): void {
      insert.run(now(), offeringId, action, 'sending', null, null, null, null);
    },
    done(offeringId: string, action: Action, httpStatus: number): void {
      insert.run(now(), offeringId, action, 'done', httpStatus, null, null, null);
    },
    failed(offeringId: string, action: Action, httpStatus: number | null, error: AppError, raw: string | null): void {
      insert.run(now(), offeringId, action, 'failed', httpStatus, error.marketplaceCode ?? error.code, error.message, raw);
    },
    list(failuresOnly: boolean, limit: number): CallLogEntry[] {
      return (failuresOnly ? recentFailures : recent).all(limit).map((r) => ({
        id: r.id,
        at: r.at,
        offeringId: r.offering_id,
        action: r.action,
        phase: r.phase,
        httpStatus: r.http_status,
        errorCode: r.error_code,
        message: r.message,
      }));
    },
  };
}

export type CallLog = ReturnType<typeof createCallLog>;
