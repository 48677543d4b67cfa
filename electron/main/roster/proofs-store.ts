// The one owner of the proofs_issued table: when each learner was last given
// a proof of completion. A learner's row id and a moment, nothing else: the
// document carries their name and is never kept here.
import type { Db } from '../database/schema';

export function createProofsStore(db: Db) {
  const ofClass = db.prepare<[string], { learner_id: string; issued_at: string }>(
    'SELECT p.learner_id, p.issued_at FROM proofs_issued p JOIN learners l ON l.id = p.learner_id WHERE l.offering_row = ?',
  );
  const issue = db.prepare('INSERT INTO proofs_issued (learner_id, issued_at) VALUES (?, ?) ON CONFLICT (learner_id) DO UPDATE SET issued_at = excluded.issued_at');
  const issueAll = db.transaction((ids: readonly string[], at: string) => {
    for (const id of ids) issue.run(id, at);
  });

  return {
    /** When each learner of the class was last given one, by learner row id. */
    issuedFor: (offeringRow: string): Map<string, string> => new Map(ofClass.all(offeringRow).map((r) => [r.learner_id, r.issued_at])),
    /** These learners were given one now, in one transaction. */
    recordIssued: (ids: readonly string[], at: string) => void issueAll.immediate(ids, at),
  };
}

export type ProofsStore = ReturnType<typeof createProofsStore>;
