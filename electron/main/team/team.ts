// Team mode (docs/team.md): Settings → Team's connection, "Share this catalogue
// with my team" and "Join a team catalogue", each previewed (counted) before
// anything is written. Single-desk mode is the default: with no team set,
// nothing here touches the network. Keeping in step afterwards is team-sync's.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppFailure, failure, type AppError } from '../../../shared/errors';
import { OfferingDraft } from '../../../shared/offering';
import type { TeamConnection, TeamPreview, TeamView } from '../../../shared/team';
import type { Credentials } from '../platform/credentials';
import type { AppLog } from '../platform/logging';
import type { Settings, StoredTeam } from '../settings/settings';
import type { Catalogue, Clock } from '../catalogue/catalogue';
import { writeDraft } from '../catalogue/draft-writing';
import type { Db } from '../database/schema';
import { checkStaffName, checkTeamConnection, checkTeamPassword, connectTeam, parseTeamUrl, teamFailure } from './team-connection';
import { checkTeamSchema, migrateTeam, TEAM_SCHEMA, userTableCount } from './team-schema';
import { baseRow, localState, registerDesk, SYNC_LOCK } from './sync-exchange';
import type { SyncStore } from './sync-store';
import { inSlices } from '../platform/time-slices';
import type { TeamHistoryEntry, TeamSyncView } from '../../../shared/team';
import { LISTING } from './sync-merge';

/** Rows sent to PostgreSQL per statement when a catalogue goes up. */
const UPLOAD_CHUNK = 1000;
const BOTH_IDS_SHOWN = 50;
const HISTORY_SHOWN = 50;

export interface TeamParts {
  db: Db;
  settings: Settings;
  credentials: Credentials;
  catalogue: Catalogue;
  learnerCount: () => number;
  log: AppLog;
  clock: Clock;
  /** This desk's sync tables, started from Share's or Join's state. */
  sync: SyncStore;
  /** Keeps a member desk in step once it has shared or joined. */
  syncing: { start(): void; stop(): Promise<void>; view(): TeamSyncView | null };
  timeoutMs?: number;
}

interface LocalOffering {
  rowId: string;
  offeringId: string;
  draft: OfferingDraft;
  listed: unknown;
  listedVia: string | null;
}

interface TeamOffering {
  offering_id: string;
  draft: unknown;
  listed: unknown;
  listed_via: 'network' | 'gateway' | null;
}

/** The plan Share or Join follows, and the preview that counts it. */
interface Plan {
  preview: TeamPreview;
  upload: LocalOffering[];
  /** Team copies to write on this desk: new here, or replacing this desk's draft (rowId set). */
  download: { team: TeamOffering; draft: OfferingDraft; rowId: string | null }[];
}

export function createTeam({ db, settings, credentials, catalogue, learnerCount, log, clock, sync, syncing, timeoutMs = 8000 }: TeamParts) {
  const stored = (): StoredTeam => {
    const team = settings.team();
    if (!team) throw failure('team-not-set', 'No team is set on this desk. Enter the team database in Settings → Team first.');
    return team;
  };

  async function withClient<T>(work: (client: pg.Client, team: StoredTeam) => Promise<T>): Promise<T> {
    const team = stored();
    const password = await credentials.teamPassword.get();
    const client = await connectTeam(team.connection, password, timeoutMs);
    try {
      return await work(client, team);
    } catch (e) {
      throw teamFailure(e, team.connection);
    } finally {
      await client.end().catch(() => {});
    }
  }

  function localOfferings(): LocalOffering[] {
    return [...catalogue.store.all()].map((r) => ({
      rowId: r.id,
      offeringId: r.offering_id,
      draft: JSON.parse(r.draft) as OfferingDraft,
      listed: r.listed === null ? null : (JSON.parse(r.listed) as unknown),
      listedVia: r.listed_via,
    }));
  }

  async function plan(client: pg.Client, action: 'share' | 'join'): Promise<Plan> {
    const local = localOfferings();
    const learnersKept = learnerCount();
    if (action === 'share') {
      const tables = await userTableCount(client);
      if (tables > 0) {
        const version = await checkTeamSchema(client);
        throw failure(
          'team-not-empty',
          version === null
            ? `This database already holds ${tables} tables: a team catalogue is made only in an empty database. Ask for a new, empty one.`
            : 'This database already holds a team catalogue: choose Join a team catalogue instead.',
        );
      }
      return { preview: { action, upload: local.length, download: 0, both: 0, teamWins: 0, learnersKept, bothIds: [] }, upload: local, download: [] };
    }
    const version = await checkTeamSchema(client);
    if (version === null) throw failure('team-not-a-team', 'This database holds no team catalogue. Share a catalogue into it first, or check the database name.');
    const team = (await client.query<TeamOffering>(`SELECT offering_id, draft, listed, listed_via FROM ${TEAM_SCHEMA}.offerings WHERE trashed_at IS NULL`)).rows;
    const byId = new Map(local.map((o) => [o.offeringId, o]));
    const teamIds = new Set(team.map((o) => o.offering_id));
    const upload = local.filter((o) => !teamIds.has(o.offeringId));
    const download: Plan['download'] = [];
    const bothIds: string[] = [];
    let both = 0;
    // Each team offering read as an offering here, in slices: a team of 100,000 must not freeze the windows.
    await inSlices(team, (t) => {
      const mine = byId.get(t.offering_id);
      const parsed = OfferingDraft.safeParse(t.draft);
      if (!parsed.success) {
        log.warn(`Team offering ${t.offering_id} does not read as an offering here; not joined`, parsed.error.issues[0]?.message);
        return;
      }
      if (!mine) {
        download.push({ team: t, draft: parsed.data, rowId: null });
        return;
      }
      both++;
      if (bothIds.length < BOTH_IDS_SHOWN) bothIds.push(t.offering_id);
      // One offering, never two. The team's copy stands, unless only this desk's copy is listed on
      // the Marketplace: then this desk's goes up, so the listing is never added a second time.
      if (mine.listed !== null && t.listed === null) upload.push(mine);
      else download.push({ team: t, draft: parsed.data, rowId: mine.rowId });
    });
    const teamWins = download.filter((d) => d.rowId !== null).length;
    return { preview: { action, upload: upload.filter((o) => !teamIds.has(o.offeringId)).length, download: download.length - teamWins, both, teamWins, learnersKept, bothIds }, upload, download };
  }

  /** Sends offerings up in one transaction: a change each (the whole draft), then the offering at that change. */
  async function upload(client: pg.Client, deskId: string, offerings: LocalOffering[]): Promise<void> {
    await registerDesk(client, deskId, settings.team()?.staffName ?? '');
    for (let i = 0; i < offerings.length; i += UPLOAD_CHUNK) {
      const rows = offerings.slice(i, i + UPLOAD_CHUNK).map((o) => ({ offering_id: o.offeringId, kind: o.draft.kind, draft: o.draft, listed: o.listed, listed_via: o.listedVia }));
      await client.query(
        `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(offering_id text, kind text, draft jsonb, listed jsonb, listed_via text)),
         logged AS (INSERT INTO ${TEAM_SCHEMA}.changes (offering_id, desk_id, kind, fields) SELECT offering_id, $2, 'create', draft FROM input RETURNING seq, offering_id)
         INSERT INTO ${TEAM_SCHEMA}.offerings (offering_id, kind, draft, listed, listed_via, change_seq, updated_by)
         SELECT i.offering_id, i.kind, i.draft, i.listed, i.listed_via, l.seq, $2 FROM input i JOIN logged l USING (offering_id)
         ON CONFLICT (offering_id) DO UPDATE SET draft = excluded.draft, kind = excluded.kind, listed = excluded.listed, listed_via = excluded.listed_via,
           change_seq = excluded.change_seq, updated_at = now(), updated_by = excluded.updated_by`,
        [JSON.stringify(rows), deskId],
      );
    }
  }

  /** The team's latest change: where this desk's sync starts (read under SYNC_LOCK, so no change before it is still to commit). */
  async function lastChange(client: pg.Client): Promise<number> {
    const r = await client.query<{ seq: string | null }>(`SELECT max(seq)::text AS seq FROM ${TEAM_SCHEMA}.changes`);
    return Number(r.rows[0]?.seq ?? 0);
  }

  /**
   * The sync started at `seq`, then the team's copies written on this desk with their listing state (so
   * Publish updates, never re-adds), in slices of a few milliseconds (100,000 offerings must not freeze the
   * windows): every offering the team and this desk now share gets its base; what the team sent is not marked
   * to share back, and an edit made here meanwhile is. Run again, a Join writes the same.
   */
  async function download(items: Plan['download'], uploaded: LocalOffering[], seq: number): Promise<void> {
    const tx = (run: () => void) => db.transaction(run).immediate();
    tx(() => sync.begin(seq));
    await inSlices(uploaded, (o) => sync.setBase(baseRow(o.rowId, { draft: o.draft, trashed: false, listing: { listed: o.listed, via: o.listedVia } }, seq)), { slice: tx });
    await inSlices(
      items,
      ({ team, draft, rowId }) => {
        // The draft as every write of the catalogue writes it, without the window's record the catalogue's save makes of it.
        const write = () => {
          const row = writeDraft({ store: catalogue.store, clock }, rowId, draft);
          // Only a listing to record (or one to clear): the store then works out again whether the draft differs from it.
          if (team.listed !== null || row.listed !== null) catalogue.store.update(row.id, { listed: team.listed === null ? null : JSON.stringify(team.listed), listed_via: team.listed_via });
          return row.id;
        };
        const id = sync.unmarked(rowId, write);
        sync.setBase(baseRow(id, localState(catalogue.store.byId(id)!), seq));
      },
      { slice: tx },
    );
  }

  async function view(): Promise<TeamView> {
    const team = settings.team();
    const passwordSet = (await credentials.teamPassword.status().catch(() => ({ keySet: false }))).keySet;
    if (!team) return { mode: 'none', staffName: '', connection: null, passwordSet, reachable: null, problem: null, sync: null };
    let problem: AppError | null = null;
    try {
      await withClient(async (client) => {
        const version = await checkTeamSchema(client);
        if (team.member && version === null) throw failure('team-not-a-team', 'The team database no longer holds the team catalogue. Check the database name in Settings → Team.');
      });
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      problem = e.error;
    }
    const unreachable = problem !== null && ['team-host-unknown', 'team-unreachable', 'team-tls-refused', 'team-login-refused', 'no-key', 'keychain-locked', 'keychain-unavailable'].includes(problem.code);
    return { mode: team.member ? 'member' : 'configured', staffName: team.staffName, connection: team.connection, passwordSet, reachable: !unreachable, problem, sync: syncing.view() };
  }

  return {
    view,
    /** Every field checked first: a refused save stores nothing, in the settings or the keychain. */
    async save(input: TeamConnection & { password?: string | undefined; staffName?: string | undefined }): Promise<TeamView> {
      const { password, staffName, ...fields } = input;
      const connection = checkTeamConnection(fields);
      const name = staffName === undefined ? (settings.team()?.staffName ?? '') : checkStaffName(staffName);
      const typed = password !== undefined && password !== '' ? checkTeamPassword(password) : null;
      const before = settings.team();
      const changedDatabase = before !== null && (before.connection.host !== connection.host || before.connection.port !== connection.port || before.connection.database !== connection.database);
      if (typed !== null) await credentials.teamPassword.set(typed);
      // Another database is another team: this desk has not shared or joined there yet.
      settings.setTeam({ connection, deskId: before?.deskId ?? randomUUID(), member: before !== null && !changedDatabase ? before.member : false, staffName: name });
      return view();
    },
    preview: (action: 'share' | 'join') => withClient((client) => plan(client, action).then((p) => p.preview)),
    /** Makes the team schema in an empty database and sends this desk's catalogue up, in one transaction. */
    async share(): Promise<{ preview: TeamPreview; view: TeamView }> {
      const preview = await withClient(async (client, team) => {
        const p = await plan(client, 'share');
        await migrateTeam(client, { create: true });
        await client.query('BEGIN');
        let seq: number;
        try {
          await client.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
          await upload(client, team.deskId, p.upload);
          seq = await lastChange(client);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
        await download([], p.upload, seq);
        settings.setTeam({ ...team, member: true });
        return p.preview;
      });
      log.info(`Shared this catalogue with the team: ${preview.upload} offerings`);
      syncing.start();
      return { preview, view: await view() };
    },
    /** Merges by offering ID: this desk's new offerings go up, the team's come down, one copy of each ID (see plan). Run again, it changes nothing. */
    async join(): Promise<{ preview: TeamPreview; view: TeamView }> {
      const preview = await withClient(async (client, team) => {
        await migrateTeam(client);
        await client.query('BEGIN');
        let p: Plan;
        let seq: number;
        try {
          // The team's offerings are read and ours written under the locks pushes take, so nothing crosses a Join.
          await client.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
          await client.query(`LOCK TABLE ${TEAM_SCHEMA}.offerings IN SHARE ROW EXCLUSIVE MODE`);
          p = await plan(client, 'join');
          await upload(client, team.deskId, p.upload);
          seq = await lastChange(client);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
        await download(p.download, p.upload, seq);
        settings.setTeam({ ...team, member: true });
        return p.preview;
      });
      log.info(`Joined the team catalogue: ${preview.upload} offerings up, ${preview.download + preview.teamWins} down`);
      syncing.start();
      return { preview, view: await view() };
    },
    /** The offering's last changes in the team's log, newest first, with who made them (a create lists no fields: it wrote them all). */
    async history(rowId: string): Promise<TeamHistoryEntry[]> {
      const base = sync.base(rowId);
      if (!base || !settings.team()?.member) return [];
      return withClient(async (client, team) => {
        const { rows } = await client.query<{ seq: string; at: Date; by: string; desk_id: string; kind: TeamHistoryEntry['kind']; fields: Record<string, unknown> }>(
          `SELECT c.seq::text AS seq, c.made_at AS at, d.staff_name AS by, c.desk_id, c.kind, c.fields FROM ${TEAM_SCHEMA}.changes c JOIN ${TEAM_SCHEMA}.desks d USING (desk_id)
           WHERE c.offering_id = $1 ORDER BY c.seq DESC LIMIT ${HISTORY_SHOWN}`,
          [base.offering_id],
        );
        return rows.map((r) => ({
          seq: Number(r.seq),
          at: r.at.toISOString(),
          by: r.by,
          mine: r.desk_id === team.deskId,
          kind: r.kind,
          changes: r.kind === 'create' ? [] : Object.entries(r.fields).filter(([field]) => field !== LISTING).map(([field, value]) => ({ field, value })),
        }));
      });
    },
    /** This desk stops exchanging: the catalogue stays as it is, unshared changes stay only here, the password leaves the keychain. */
    async leave(): Promise<TeamView> {
      const team = stored();
      await syncing.stop();
      db.transaction(() => sync.leave()).immediate();
      settings.setTeam(null);
      await credentials.teamPassword.forget();
      log.info(`Left the team catalogue at ${team.connection.host}:${team.connection.port}/${team.connection.database}`);
      return view();
    },
    /**
     * OFFERING_DESK_TEAM_URL, as an office's IT rolls it out: on a desk with no team set, the
     * connection is stored and the password moved into the keychain (it is then in no file).
     */
    async adoptPreset(url: string): Promise<void> {
      if (settings.team() !== null) return;
      const { connection, password } = parseTeamUrl(url);
      credentials.learn(password);
      await credentials.teamPassword.set(password);
      settings.setTeam({ connection, deskId: randomUUID(), member: false, staffName: '' });
      log.info(`Team database preset from OFFERING_DESK_TEAM_URL: ${connection.user}@${connection.host}:${connection.port}/${connection.database}`);
    },
  };
}

export type Team = ReturnType<typeof createTeam>;
