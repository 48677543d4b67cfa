// One exchange with the team database (docs/team.md, "Sync"): pull every team
// change after this desk's cursor, in the server's order, into the catalogue;
// then push this desk's marked offerings, each as one change. Pushes hold one
// advisory lock from the first change written to the commit, so the change log
// commits in the order of its seq and a desk that has read change N has read
// every change before it. The push pulls again under that lock first: what it
// sends is then made against the team's latest copy, and conflicts are found
// (and told) only on the way in, by sync-merge's rule.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { OfferingDraft } from '../../../shared/offering';
import type { Db } from '../database/schema';
import { writeDraft, type CatalogueCore } from '../catalogue/draft-writing';
import type { OfferingRow } from '../catalogue/offerings-store';
import type { BaseRow, Mark, SyncStore } from './sync-store';
import { fieldsOf, localChanges, LISTING, same, stateOf, takeChange, TRASHED, type Fields, type Lost, type OfferingState } from './sync-merge';
import { TEAM_SCHEMA } from './team-schema';

/** Held by every push, and by Join while it reads the team: the change log's order is its commit order. */
export const SYNC_LOCK = 0x0ffe_d35d;
const PULL_BATCH = 500;
const PUSH_BATCH = 200;

interface Change {
  seq: string;
  offering_id: string;
  kind: string;
  fields: Fields;
  staff_name: string;
}

interface TeamRow {
  offering_id: string;
  /** The staff name of the desk that last wrote it. */
  by_name: string | null;
  draft: OfferingDraft;
  trashed: boolean;
  listed: unknown;
  listed_via: string | null;
}

export interface ExchangeParts {
  db: Db;
  core: CatalogueCore;
  sync: SyncStore;
}

export function localState(row: OfferingRow): OfferingState {
  return { draft: JSON.parse(row.draft) as OfferingDraft, trashed: row.trashed_at !== null, listing: { listed: row.listed === null ? null : (JSON.parse(row.listed) as unknown), via: row.listed_via } };
}

function baseState(base: BaseRow): OfferingState {
  return { draft: JSON.parse(base.draft) as OfferingDraft, trashed: base.trashed === 1, listing: { listed: base.listed === null ? null : (JSON.parse(base.listed) as unknown), via: base.listed_via } };
}

function teamState(row: TeamRow): OfferingState {
  return { draft: row.draft, trashed: row.trashed, listing: { listed: row.listed, via: row.listed_via } };
}

export function baseRow(rowId: string, state: OfferingState, seq: number): BaseRow {
  return {
    row_id: rowId,
    offering_id: state.draft.offeringId,
    draft: JSON.stringify(state.draft),
    trashed: state.trashed ? 1 : 0,
    listed: state.listing.listed === null ? null : JSON.stringify(state.listing.listed),
    listed_via: state.listing.via,
    seq,
  };
}

/** This desk in the team's list, with the name its changes carry. */
export async function registerDesk(client: pg.ClientBase, deskId: string, staffName: string): Promise<void> {
  await client.query(`INSERT INTO ${TEAM_SCHEMA}.desks (desk_id, staff_name) VALUES ($1, $2) ON CONFLICT (desk_id) DO UPDATE SET staff_name = excluded.staff_name, last_seen_at = now()`, [deskId, staffName]);
}

export function createExchange({ db, core, sync }: ExchangeParts) {
  const { store, clock } = core;
  const now = () => clock.now().toISOString();

  /** Writes `after` over the offering (or as a new one), Trash and listing included; its row id. Marks are the caller's. */
  function writeLocal(rowId: string | null, before: OfferingState | null, after: OfferingState): string {
    let id = rowId;
    if (id === null || before === null || !same(before.draft, after.draft)) id = writeDraft(core, id, after.draft).id;
    const row = store.byId(id)!;
    if ((row.trashed_at !== null) !== after.trashed) {
      if (after.trashed) store.toTrash(id, now());
      else store.untrash(id, now());
    }
    if (!same(localState(row).listing, after.listing)) store.update(id, { listed: after.listing.listed === null ? null : JSON.stringify(after.listing.listed), listed_via: after.listing.via as OfferingRow['listed_via'] });
    return id;
  }

  function tell(rowId: string, offeringId: string, lost: Lost[], byName: string): void {
    for (const l of lost) sync.addNotice({ row_id: rowId, offering_id: offeringId, field: l.field, mine: JSON.stringify(l.mine ?? null), theirs: JSON.stringify(l.theirs ?? null), by_name: byName, at: now() });
  }

  /**
   * A team offering is taking `offeringId` (another desk renamed one to it) while an offering of this desk's not
   * shared yet has it: this desk's moves aside to a new ID, and is told, so the catalogue keeps one offering per ID.
   */
  function makeRoomFor(offeringId: string, rowId: string, byName: string): void {
    const other = store.rowIdOf(offeringId);
    if (other === undefined || other === rowId || sync.base(other)) return;
    const row = store.byId(other)!;
    const draft = JSON.parse(row.draft) as OfferingDraft;
    const moved = writeDraft(core, other, { ...draft, offeringId: `${offeringId}-${randomBytes(2).toString('hex')}` });
    tell(other, moved.offering_id, [{ field: 'offeringId', mine: offeringId, theirs: moved.offering_id }], byName);
  }

  /** One team change into the catalogue, inside the caller's transaction. `whole`: the team's copy, for an offering this desk does not have. */
  function takeIn(change: Change, whole: TeamRow | undefined): void {
    const base = sync.baseOf(change.offering_id);
    const rowId = base?.row_id ?? store.rowIdOf(change.offering_id) ?? null;
    const row = rowId === null ? undefined : store.byId(rowId);
    if (!row) {
      const incoming = whole ? fieldsOf(teamState(whole)) : change.fields;
      const state = stateOf(incoming);
      const id = sync.unmarked(null, () => writeLocal(null, null, state));
      sync.setBase(baseRow(id, state, Number(change.seq)));
      return;
    }
    const mine = localState(row);
    const taken = takeChange(base ? fieldsOf(baseState(base)) : null, fieldsOf(mine), change.fields);
    const after = stateOf(taken.local);
    const newBase = stateOf(taken.base);
    if (after.draft.offeringId !== row.offering_id) makeRoomFor(after.draft.offeringId, row.id, change.staff_name);
    sync.unmarked(row.id, () => writeLocal(row.id, mine, after));
    sync.setBase(baseRow(row.id, newBase, Number(change.seq)));
    if (Object.keys(localChanges(taken.base, taken.local)).length === 0) sync.dropMark(row.id);
    tell(row.id, after.draft.offeringId, taken.lost, change.staff_name);
  }

  async function teamRows(client: pg.ClientBase, ids: string[]): Promise<Map<string, TeamRow>> {
    if (ids.length === 0) return new Map();
    const { rows } = await client.query<TeamRow>(
      `SELECT o.offering_id, o.draft, o.trashed_at IS NOT NULL AS trashed, o.listed, o.listed_via, d.staff_name AS by_name FROM ${TEAM_SCHEMA}.offerings o LEFT JOIN ${TEAM_SCHEMA}.desks d ON d.desk_id = o.updated_by WHERE o.offering_id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.offering_id, r]));
  }

  /** Every team change after the cursor, in order, a batch per SQLite transaction; how many were taken in. */
  async function pull(client: pg.ClientBase): Promise<number> {
    let taken = 0;
    for (;;) {
      const { rows } = await client.query<Change>(
        `SELECT c.seq::text AS seq, c.offering_id, c.kind, c.fields, d.staff_name FROM ${TEAM_SCHEMA}.changes c JOIN ${TEAM_SCHEMA}.desks d USING (desk_id) WHERE c.seq > $1 ORDER BY c.seq LIMIT ${PULL_BATCH}`,
        [sync.pulled()],
      );
      if (rows.length === 0) return taken;
      // A change to an offering this desk has never had (it joined after the offering was made) needs the team's whole copy.
      const unknown = rows.filter((c) => c.kind !== 'create' && !sync.baseOf(c.offering_id) && !store.rowIdOf(c.offering_id)).map((c) => c.offering_id);
      const wholes = await teamRows(client, [...new Set(unknown)]);
      db.transaction(() => {
        for (const c of rows) takeIn(c, c.kind === 'create' ? undefined : wholes.get(c.offering_id));
        sync.setPulled(Number(rows.at(-1)!.seq));
      }).immediate();
      taken += rows.length;
      if (rows.length < PULL_BATCH) return taken;
    }
  }

  interface Sent {
    mark: Mark;
    base: BaseRow | null;
    lost: Lost[];
    /** Who wrote the values that stood. */
    by: string;
  }

  /** This desk's marked offerings, each sent as one change, under the lock and after a pull; how many were looked at. */
  async function push(client: pg.ClientBase, deskId: string): Promise<number> {
    if (sync.marks(1).length === 0) return 0;
    const sent: Sent[] = [];
    let last: number | null = null;
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
      await pull(client);
      for (const mark of sync.marks(PUSH_BATCH)) {
        const row = store.byId(mark.row_id);
        const base = row ? sync.base(row.id) : undefined;
        const baseFields = base ? fieldsOf(baseState(base)) : null;
        const local = row ? fieldsOf(localState(row)) : null;
        const changes = local ? localChanges(baseFields, local) : {};
        if (!row || !local || Object.keys(changes).length === 0) {
          sent.push({ mark, base: null, lost: [], by: '' });
          continue;
        }
        const teamId = base?.offering_id ?? row.offering_id;
        const current = (await teamRows(client, [teamId])).get(teamId);
        const teamFields = current ? fieldsOf(teamState(current)) : null;
        // After the pull under the lock the team's copy is the base; a field that still differs stands, and is told.
        const accepted: Fields = {};
        const lost: Lost[] = [];
        for (const [key, value] of Object.entries(teamFields === null ? local : changes)) {
          if (teamFields !== null && !same(teamFields[key], baseFields?.[key]) && !same(teamFields[key], value)) {
            if (key !== LISTING) lost.push({ field: key, mine: value, theirs: teamFields[key] });
          } else accepted[key] = value;
        }
        const renamed = typeof accepted.offeringId === 'string' && accepted.offeringId !== teamId ? accepted.offeringId : null;
        if (renamed !== null && (await teamRows(client, [renamed])).size > 0) {
          lost.push({ field: 'offeringId', mine: renamed, theirs: teamId });
          accepted.offeringId = teamId;
        }
        const after = stateOf({ ...(teamFields ?? {}), ...accepted });
        const kind = current === undefined ? 'create' : Object.keys(accepted).every((k) => k === TRASHED) ? (after.trashed ? 'trash' : 'restore') : Object.keys(accepted).every((k) => k === LISTING) ? 'listing' : 'edit';
        const logged = await client.query<{ seq: string }>(`INSERT INTO ${TEAM_SCHEMA}.changes (offering_id, desk_id, kind, fields, base_seq) VALUES ($1, $2, $3, $4, $5) RETURNING seq::text AS seq`, [
          teamId,
          deskId,
          kind,
          JSON.stringify(current === undefined ? local : accepted),
          base?.seq ?? null,
        ]);
        const seq = Number(logged.rows[0]!.seq);
        const values = [after.draft.offeringId, after.draft.kind, JSON.stringify(after.draft), after.trashed, after.listing.listed === null ? null : JSON.stringify(after.listing.listed), after.listing.via, seq, deskId];
        if (current === undefined) {
          await client.query(
            `INSERT INTO ${TEAM_SCHEMA}.offerings (offering_id, kind, draft, trashed_at, listed, listed_via, change_seq, updated_by) VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END, $5, $6, $7, $8)`,
            values,
          );
        } else {
          await client.query(
            `UPDATE ${TEAM_SCHEMA}.offerings SET offering_id = $1, kind = $2, draft = $3, trashed_at = CASE WHEN $4 THEN coalesce(trashed_at, now()) END, listed = $5, listed_via = $6, change_seq = $7, updated_by = $8, updated_at = now() WHERE offering_id = $9`,
            [...values, teamId],
          );
        }
        sent.push({ mark, base: baseRow(row.id, after, seq), lost, by: current?.by_name ?? '' });
        last = seq;
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
    db.transaction(() => {
      for (const { mark, base, lost, by } of sent) {
        if (base) sync.setBase(base);
        const row = store.byId(mark.row_id);
        if (row && lost.length > 0) {
          // The team's value where this desk's did not stand, unless the field was changed again meanwhile.
          const mine = localState(row);
          const fields = fieldsOf(mine);
          for (const l of lost) if (same(fields[l.field], l.mine)) fields[l.field] = l.theirs;
          sync.unmarked(row.id, () => writeLocal(row.id, mine, stateOf(fields)));
          tell(row.id, stateOf(fields).draft.offeringId, lost, by);
        }
        sync.shared(mark);
      }
      // Under the lock, after the pull, the changes just written are the team's latest: nothing to pull back.
      if (last !== null) sync.setPulled(last);
    }).immediate();
    return sent.length;
  }

  /** This desk's value put back over the team's (a notice's "Put mine back"): a write of this desk's, marked, so it goes out and stands. */
  function putBack(rowId: string, field: string, value: unknown): void {
    db.transaction(() => {
      const row = store.byId(rowId);
      if (!row) return;
      const mine = localState(row);
      writeLocal(row.id, mine, stateOf({ ...fieldsOf(mine), [field]: value }));
    }).immediate();
  }

  return { pull, push, putBack };
}

export type Exchange = ReturnType<typeof createExchange>;
