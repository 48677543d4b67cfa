// Append-only record of every Marketplace call: when, what, result. Never the
// network key: callers pass only the offering id, action and outcome.
import { z } from 'zod';
import { FieldChange, type CallLogEntry } from '../../../shared/ipc';
import type { AppError } from '../../../shared/errors';
import type { Db } from '../database/schema';
import type { Clock } from '../catalogue/catalogue';
import type { CallDetail } from './call-detail';

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
  course_name: string | null;
  detail: string | null;
}

/** A stored detail is read back only as what it may be: anything else (a damaged row) shows as none. */
const StoredDetail = z.object({ changes: z.array(FieldChange).optional(), learnerRow: z.string().optional() });

function readDetail(text: string | null): CallDetail {
  if (text === null) return {};
  try {
    const parsed = StoredDetail.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** A call as the log keeps it; `learnerRow` is the roster's to turn into a name. */
export type LoggedCall = Omit<CallLogEntry, 'learner'> & { learnerRow: string | null };

/** The log's rows, newest first, as calls: an outcome stands for the "sending" row before it. */
export function oneRowPerCall(rows: Row[]): Row[] {
  // Counted, not a set: several learning records of one class are sent at once under the same key.
  const answered = new Map<string, number>();
  const calls: Row[] = [];
  for (const row of rows) {
    const key = `${row.offering_id}\u0000${row.action}`;
    const waiting = answered.get(key) ?? 0;
    if (row.phase === 'sending') {
      if (waiting > 0) answered.set(key, waiting - 1);
      else calls.push(row);
    } else {
      answered.set(key, waiting + 1);
      calls.push(row);
    }
  }
  return calls;
}

export function createCallLog(db: Db, clock: Clock) {
  const insert = db.prepare(
    'INSERT INTO call_log (at, offering_id, action, phase, http_status, error_code, message, raw_body, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Each call is logged twice (before sending and with its outcome): read both, show one row per call.
  // The course name is read by joining offerings, not asked of its store: one read of ~50 rows, and an entry outlives its offering (NULL then).
  const recent = db.prepare<[number], Row>(
    'SELECT c.*, o.course_name FROM call_log c LEFT JOIN offerings o ON o.offering_id = c.offering_id ORDER BY c.id DESC LIMIT ?',
  );
  const recentFailures = db.prepare<[number], Row>(
    "SELECT c.*, o.course_name FROM call_log c LEFT JOIN offerings o ON o.offering_id = c.offering_id WHERE c.phase = 'failed' ORDER BY c.id DESC LIMIT ?",
  );
  const now = () => clock.now().toISOString();
  const stored = (detail: CallDetail | undefined) => (detail && (detail.changes?.length || detail.learnerRow) ? JSON.stringify(detail) : null);

  return {
    // Each line of a call carries its detail: the line Activity shows is the call's last.
    sending(offeringId: string, action: Action, detail?: CallDetail): void {
      insert.run(now(), offeringId, action, 'sending', null, null, null, null, stored(detail));
    },
    done(offeringId: string, action: Action, httpStatus: number, detail?: CallDetail): void {
      insert.run(now(), offeringId, action, 'done', httpStatus, null, null, null, stored(detail));
    },
    failed(offeringId: string, action: Action, httpStatus: number | null, error: AppError, raw: string | null, detail?: CallDetail): void {
      insert.run(now(), offeringId, action, 'failed', httpStatus, error.marketplaceCode ?? error.code, error.message, raw, stored(detail));
    },
    list(failuresOnly: boolean, limit: number): LoggedCall[] {
      const rows = failuresOnly ? recentFailures.all(limit) : oneRowPerCall(recent.all(limit * 2)).slice(0, limit);
      return rows.map((r) => {
        const detail = readDetail(r.detail);
        return {
          id: r.id,
          at: r.at,
          offeringId: r.offering_id,
          courseName: r.course_name ?? '',
          action: r.action,
          phase: r.phase,
          httpStatus: r.http_status,
          errorCode: r.error_code,
          message: r.message,
          changes: detail.changes ?? [],
          learnerRow: detail.learnerRow ?? null,
        };
      });
    },
  };
}

export type CallLog = ReturnType<typeof createCallLog>;
